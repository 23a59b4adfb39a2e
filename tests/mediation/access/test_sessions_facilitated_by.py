"""`sessions_facilitated_by` (the facilitator home's dashboard) is the sessions the user may
edit that they facilitate, asked in a lighter query."""

import pytest
from django.utils import timezone

from mediation import access
from tests.factories import DialogueProcessFactory, DialogueSessionFactory, UserFactory
from tests.personas import make_organizer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["facilitator", "organizer", "superuser", "inactive"])
def test_it_is_the_editable_sessions_they_facilitate(kind):
    if kind == "organizer":
        user = make_organizer("runs-and-facilitates")
    else:
        user = UserFactory(is_superuser=kind == "superuser", is_active=kind != "inactive")
    process = DialogueProcessFactory()
    if kind == "organizer":
        process.organizers.add(user)
    DialogueSessionFactory(facilitators=[user])
    DialogueSessionFactory(facilitators=[user], draft=True)
    DialogueSessionFactory(facilitators=[user], archived_at=timezone.now())
    DialogueSessionFactory(
        facilitators=[user], process=DialogueProcessFactory(archived_at=timezone.now())
    )
    DialogueSessionFactory(process=process)  # organized, not facilitated
    DialogueSessionFactory()  # someone else's

    expected = set(
        access.sessions_editable_by(user).filter(facilitators=user).values_list("pk", flat=True)
    )
    found = set(access.sessions_facilitated_by(user).values_list("pk", flat=True))

    assert found == expected
    assert len(found) == (0 if kind == "inactive" else 2)
