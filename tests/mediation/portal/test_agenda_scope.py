"""A participant's own agenda (access.agenda_rows, one query compiled once per process)
holds exactly their invitations to sessions they may see and do not run: the sessions
`sessions_visible_to` gives them, less those `sessions_editable_by` gives them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation import access
from mediation.models import Invitation
from mediation.portal.selectors import participant_agenda
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.personas import make_organizer, make_participant

pytestmark = pytest.mark.django_db


def _expected(user) -> set:
    """The agenda as the visibility rules define it, asked the long way."""
    if not hasattr(user, "participant"):
        return set()
    return set(
        Invitation.objects.filter(
            participant=user.participant,
            session__in=access.sessions_visible_to(user).values("id"),
        )
        .exclude(session__in=access.sessions_editable_by(user).values("id"))
        .values_list("id", flat=True)
    )


def _every_kind_of_session_for(user, organized_process):
    """One invitation of `user` to each kind of session that could be on an agenda or not."""
    kinds = {
        "published": {},
        "draft": {"draft": True},
        "archived": {"archived_at": timezone.now()},
        "in an archived process": {"process": DialogueProcessFactory(archived_at=timezone.now())},
        "facilitated by them": {"facilitators": [user]},
        "in a process they organize": {"process": organized_process},
        "past": {"starts_at": timezone.now() - timezone.timedelta(days=30)},
    }
    invitations = {}
    for name, fields in kinds.items():
        session = DialogueSessionFactory(**fields)
        invitations[name] = InvitationFactory(session=session, participant=user.participant)
    # Someone else's invitation to a session they may see: never on their agenda.
    InvitationFactory(session=invitations["published"].session, participant=ParticipantFactory())
    return invitations


@pytest.mark.parametrize("organizes", [False, True])
def test_the_agenda_is_what_the_visibility_rules_give(organizes):
    user = make_organizer("both") if organizes else make_participant("only", "Only Invited")
    if organizes:
        ParticipantFactory(user=user, name="Both Roles")
    process = DialogueProcessFactory()
    if organizes:
        process.organizers.add(user)
    invitations = _every_kind_of_session_for(user, process)

    shown = {row[0] for row in access.agenda_rows(user)}

    assert shown == _expected(user)
    assert invitations["published"].pk in shown
    assert invitations["past"].pk in shown
    for hidden in ("draft", "archived", "in an archived process", "facilitated by them"):
        assert invitations[hidden].pk not in shown
    assert (invitations["in a process they organize"].pk in shown) is not organizes


def test_anyone_without_a_participant_or_running_everything_has_an_empty_agenda(facilitator):
    superuser = UserFactory(is_superuser=True)
    ParticipantFactory(user=superuser)
    InvitationFactory(participant=superuser.participant)
    assert access.agenda_rows(facilitator) == []
    assert access.agenda_rows(superuser) == []


def test_an_inactive_participant_has_an_empty_agenda(participant, session):
    participant.is_active = False
    assert access.agenda_rows(participant) == []


def test_the_agenda_pages_follow_the_same_order_as_before(participant):
    now = timezone.now()
    same_start = now + timezone.timedelta(days=3)
    for _ in range(3):  # equal starts: the session id decides, as the database ordered it
        session = DialogueSessionFactory(
            starts_at=same_start, ends_at=same_start + timezone.timedelta(hours=2)
        )
        InvitationFactory(session=session, participant=participant.participant)
    for days in (5, 40, 20):
        start = now - timezone.timedelta(days=days)
        session = DialogueSessionFactory(
            starts_at=start, ends_at=start + timezone.timedelta(hours=2)
        )
        InvitationFactory(session=session, participant=participant.participant)

    agenda = participant_agenda(participant, now=now)

    upcoming = [entry.session for entry in agenda.upcoming]
    past = [entry.session for entry in agenda.past]
    assert [s.pk for s in upcoming] == sorted(s.pk for s in upcoming)
    assert [s.starts_at for s in past] == sorted((s.starts_at for s in past), reverse=True)


def test_the_participant_home_is_four_queries(
    participant, participant_client, session, django_assert_num_queries
):
    # The session, the user with their roles, the agenda's rows, the invitations shown.
    with django_assert_num_queries(4):
        response = participant_client.get(reverse("home"))
    assert session.title in response.content.decode()
