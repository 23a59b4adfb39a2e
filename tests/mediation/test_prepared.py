"""A query compiled once and run with new values (mediation/prepared.py) gives the rows the
queryset itself gives, for each value it takes, on SQLite and PostgreSQL alike."""

import pytest

from mediation.models import DialogueSession
from mediation.prepared import INT_SLOT, UUID_SLOT, PreparedQuery
from tests.factories import DialogueSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _facilitated(user_id, session_id):
    return DialogueSession.objects.filter(facilitators__id=user_id, pk=session_id).values_list(
        "id", "title", "starts_at", "published_at"
    )


def test_each_value_goes_where_its_stand_in_was():
    first, second = UserFactory(), UserFactory()
    mine = DialogueSessionFactory(facilitators=[first])
    theirs = DialogueSessionFactory(facilitators=[second], draft=True)
    prepared = PreparedQuery(_facilitated, slot=(INT_SLOT, UUID_SLOT))

    for user in (first, second):
        for session in (mine, theirs):
            assert prepared.rows(user.pk, session.pk) == list(_facilitated(user.pk, session.pk))
    assert prepared.rows(first.pk, mine.pk) == [
        (mine.pk, mine.title, mine.starts_at, mine.published_at)
    ]
    assert prepared.rows(first.pk, theirs.pk) == []


def test_a_query_that_leaves_a_value_out_is_refused():
    prepared = PreparedQuery(
        lambda user_id, session_id: DialogueSession.objects.filter(pk=session_id).values_list(
            "id"
        ),
        slot=(INT_SLOT, UUID_SLOT),
    )

    with pytest.raises(ValueError, match="does not use each of its values"):
        prepared.rows(1, UUID_SLOT)
