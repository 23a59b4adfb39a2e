"""The demo data: realistic, idempotent, and visibly different for each login."""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command

from mediation import access, confidentiality
from mediation.demo.people import PEOPLE
from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ProcessMember,
    SessionRecord,
)
from mediation.records import selectors as record_selectors
from tests.personas import rows_for_the_module

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_rows(django_db_blocker):
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            seed()
        yield


@pytest.fixture
def demo(_demo_rows, db):
    """The demo data as `seed_demo` leaves an empty database: loaded once for the module,
    and whatever a test changes is rolled back after it."""


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (DialogueProcess, DialogueSession, Participant, User)
    }


def test_it_loads_two_processes_a_dozen_people_of_every_category_and_sessions(demo):
    assert DialogueProcess.objects.count() == 2
    assert Participant.objects.count() >= 12
    assert set(Participant.objects.values_list("category", flat=True)) == set(
        Participant.Category.values
    )
    assert DialogueSession.objects.upcoming().exists()
    assert DialogueSession.objects.past().exists()


def test_running_it_twice_changes_nothing(demo):
    before = counts()
    seed()
    assert counts() == before


def test_running_it_twice_adds_no_row_to_any_table(demo):
    before = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    seed()
    after = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
    assert after == before


def test_it_prints_the_logins_and_the_password(demo):
    output = seed("--password", "another-long-password")
    for username in ("organizer", "facilitator", "participant"):
        assert username in output
        assert User.objects.get(username=username).check_password("another-long-password")
    assert "another-long-password" in output


def test_each_login_sees_a_different_part_of_the_work(demo):
    organizer, facilitator, participant = (
        User.objects.get(username=name) for name in ("organizer", "facilitator", "participant")
    )
    everything = DialogueSession.objects.count()
    assert access.sessions_visible_to(organizer).count() == everything
    facilitated = access.sessions_visible_to(facilitator).count()
    invited = access.sessions_visible_to(participant).count()
    assert 0 < facilitated < everything
    assert 0 < invited < everything
    assert access.is_organizer(organizer)
    assert not access.is_organizer(facilitator)
    assert access.participant_of(participant) is not None


def test_it_has_a_protected_identity_and_a_session_without_written_record(demo):
    assert Participant.objects.filter(identity_protected=True).exists()
    assert DialogueSession.objects.filter(confidentiality="no_record").exists()


def test_the_river_organizer_runs_one_process_and_sees_only_its_people(demo):
    organizer, river = (User.objects.get(username=n) for n in ("organizer", "river-organizer"))
    assert list(access.processes_administered_by(river).values_list("title", flat=True)) == [
        "River valley water dialogue"
    ]
    everyone = set(Participant.objects.filter(invitations__isnull=False).values_list("pk"))
    assert set(access.participants_visible_to(organizer).values_list("pk")) >= everyone
    theirs = set(access.participants_visible_to(river).values_list("pk"))
    assert theirs and theirs < everyone
    assert not access.participants_visible_to(river).filter(identity_protected=True).exists()


def test_every_person_of_the_data_is_loaded_as_the_roster_form_would_accept_them(demo):
    assert Participant.objects.count() == len(PEOPLE)
    for person in Participant.objects.all():
        person.full_clean()
        assert person.memberships.exists(), person.name


def test_every_invitee_is_on_the_process_roster_in_the_side_they_come_from(demo):
    for invitation in Invitation.objects.select_related("session", "side"):
        member = ProcessMember.objects.get(
            process_id=invitation.session.process_id, participant_id=invitation.participant_id
        )
        assert invitation.side is not None
        assert member.side == invitation.side
        assert member.added_by is not None


def test_agendas_actions_and_invitations_pass_the_checks_the_services_run(demo):
    for row in [
        *AgendaItem.objects.all(),
        *ActionItem.objects.all(),
        *Invitation.objects.all(),
    ]:
        row.full_clean()  # topic of the session's process, lead or owner invited, side
    for invitation in Invitation.objects.select_related("session"):
        session = invitation.session
        if invitation.response != Invitation.Response.INVITED:
            assert invitation.responded_at < session.starts_at  # answered while it was open
        if invitation.attended is not None:
            assert session.status == DialogueSession.Status.HELD


def test_records_went_through_the_record_services_and_their_checks(demo):
    records = SessionRecord.objects.select_related("session")
    assert {r.state for r in records} == {SessionRecord.State.DRAFT, SessionRecord.State.SHARED}
    for record in records:
        session = record.session
        assert confidentiality.may_record(session)
        assert session.starts_at < record.updated_at
        # Every save and share through the services bumps the version and adds a history row.
        assert record.version == record.history.count() > 1
        assert record.updated_by == session.facilitators.get()
        if record.is_shared and confidentiality.needs_attribution_check(session):
            check = record_selectors.attribution_check_of(session)
            assert check.findings(record.summary) == []


def test_the_river_organizer_sees_only_people_of_the_river_valley_process(demo):
    river = User.objects.get(username="river-organizer")
    process = DialogueProcess.objects.get(title="River valley water dialogue")
    roster = set(process.members.values_list("participant_id", flat=True))
    seen = set(access.participants_visible_to(river).values_list("pk", flat=True))
    assert seen == roster
    for person in access.participants_visible_to(river):
        assert process.pk in access.processes_of(person), person.name
    # Someone also in the back channel is seen, but who they are stays the other organizer's.
    both = Participant.objects.get(name="Amina Haddad")
    assert both.pk in seen
    assert not access.can_change_identity(river, both)
