"""`open_session`, the gate of every session page, runs a query compiled once per process
(mediation/prepared.py). For every kind of viewer and every kind of session it answers as
the ORM's scopes do when asked afresh: the same 404s and 403s, the same rights, the same
session and process."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from mediation import access
from mediation.models import DialogueProcess, DialogueSession
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VIEWERS = [
    "organizer",
    "facilitator",
    "participant",
    "co_participant",
    "stranger",
    "other_organizer",
    "other_facilitator",
    "other_participant",
    "superuser",
    "inactive facilitator",
    "anonymous",
]


def _run_by_the_team(process, facilitator, participant, **kwargs):
    session = DialogueSessionFactory(process=process, facilitators=[facilitator], **kwargs)
    InvitationFactory(session=session, participant=participant.participant)
    return session


@pytest.fixture
def sessions(session, other_session, foreign_session, process, facilitator, participant):
    """One of each kind the rules tell apart."""
    return {
        "own": session,
        "other of the process": other_session,
        "foreign": foreign_session,
        "draft": _run_by_the_team(process, facilitator, participant, draft=True),
        "archived": _run_by_the_team(
            process, facilitator, participant, archived_at=timezone.now()
        ),
        "in an archived process": _run_by_the_team(
            DialogueProcessFactory(archived_at=timezone.now()), facilitator, participant
        ),
    }


def _viewer(name, request, facilitator):
    if name == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if name == "anonymous":
        return AnonymousUser()
    if name == "inactive facilitator":
        facilitator.is_active = False
        facilitator.save()
        return facilitator
    return request.getfixturevalue(name)


def _asked_afresh(user, session) -> tuple[bool, bool, bool] | None:
    """The ORM's answer: None where the session may not be seen, else the rights."""
    if not access.sessions_visible_to(user).filter(pk=session.pk).exists():
        return None
    return (
        access.sessions_editable_by(user).filter(pk=session.pk).exists(),
        access.processes_administered_by(user).filter(pk=session.process_id).exists(),
        access.processes_visible_to(user).filter(pk=session.process_id).exists(),
    )


def _columns(instance) -> list:
    return [getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields]


@pytest.mark.parametrize("name", VIEWERS)
def test_it_answers_as_the_scopes_asked_afresh(name, request, sessions, facilitator):
    user = _viewer(name, request, facilitator)
    for kind, session in sessions.items():
        expected = _asked_afresh(user, session)
        if expected is None:
            with pytest.raises(Http404):
                access.open_session(user, session.pk)
            continue
        opened = access.open_session(user, str(session.pk))
        rights = (opened.edit, opened.administer_process, opened.see_process)
        assert rights == expected, (name, kind)
        assert opened.see_identities == opened.edit
        fresh = DialogueSession.objects.get(pk=session.pk)
        assert _columns(opened.session) == _columns(fresh), (name, kind)
        assert _columns(opened.session.process) == _columns(
            DialogueProcess.objects.get(pk=session.process_id)
        ), (name, kind)
        if not opened.edit:
            with pytest.raises(PermissionDenied):
                access.open_session(user, session.pk, edit=True)


def test_the_process_comes_with_the_session(facilitator, session, django_assert_num_queries):
    viewer = type(facilitator).objects.get(pk=facilitator.pk)
    with django_assert_num_queries(1):  # the session, its process and the rights
        opened = access.open_session(viewer, session.pk)
        assert opened.session.process.title == session.process.title


@pytest.mark.parametrize("pk", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_a_malformed_or_missing_id_is_a_404(facilitator, pk):
    with pytest.raises(Http404):
        access.open_session(facilitator, pk)


def test_an_organizer_made_one_after_a_first_opening_gets_the_organizers_rights(
    stranger, process, session
):
    with pytest.raises(Http404):
        access.open_session(stranger, session.pk)
    stranger.is_staff = True
    stranger.save()
    stranger.groups.add(*process.organizers.first().groups.all())
    process.organizers.add(stranger)

    opened = access.open_session(type(stranger).objects.get(pk=stranger.pk), session.pk)

    assert (opened.edit, opened.administer_process, opened.see_process) == (True, True, True)
