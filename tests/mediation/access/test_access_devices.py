"""Who may reset whose two-factor devices: `access.can_reset_devices`, clause by clause, and
the query the admin lists (`users_whose_devices_may_be_reset_by`) agreeing with it."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from mediation import access
from mediation.models import DialogueProcess
from tests.factories import (
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)


def _organizer(username: str) -> User:
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=access.ORGANIZERS_GROUP)[0])
    return user


def _participant(username: str) -> User:
    user = UserFactory(username=username)
    ParticipantFactory(user=user)
    return user


@pytest.fixture
def people(organizer, facilitator, participant, stranger, session, other_session, process):
    """The personas' process, plus a foreign process (run by `organizer_b`) and accounts
    placed on either side of the line."""
    organizer_b = _organizer("organizer-b")
    foreign = DialogueProcessFactory(organizers=[organizer_b], title="Foreign process")
    foreign_session = DialogueSessionFactory(process=foreign)
    now = timezone.now()
    people = {
        "organizer": organizer,
        "facilitator": facilitator,
        "participant": participant,
        "stranger": stranger,
        "organizer_b": organizer_b,
        "root": UserFactory(username="root", is_superuser=True, is_staff=True),
        "co_organizer": _organizer("co-organizer"),
        "consent_only": _participant("consent-only"),
        "archived_facilitator": UserFactory(username="archived-facilitator"),
        "both_sides": _participant("both-sides"),
        "foreign_facilitator": UserFactory(username="foreign-facilitator"),
        "foreign_archived": _participant("foreign-archived"),
        "staff_facilitator": UserFactory(username="staff-facilitator", is_staff=True),
        "root_facilitator": UserFactory(username="root-fac", is_superuser=True, is_staff=True),
        "inactive_organizer": _organizer("inactive-organizer"),
    }
    process.organizers.add(people["co_organizer"], people["inactive_organizer"])
    people["inactive_organizer"].is_active = False
    people["inactive_organizer"].save()
    ConsentFactory(participant=people["consent_only"].participant, process=process)
    DialogueSessionFactory(
        process=process, facilitators=[people["archived_facilitator"]], archived_at=now
    )
    InvitationFactory(session=session, participant=people["both_sides"].participant)
    InvitationFactory(session=foreign_session, participant=people["both_sides"].participant)
    foreign_session.facilitators.add(people["foreign_facilitator"])
    InvitationFactory(session=session, participant=people["foreign_archived"].participant)
    archived_foreign = DialogueProcessFactory(organizers=[organizer_b], archived_at=now)
    ConsentFactory(participant=people["foreign_archived"].participant, process=archived_foreign)
    session.facilitators.add(people["staff_facilitator"], people["root_facilitator"])
    return people


def _may(people, actor, target) -> bool:
    return access.can_reset_devices(people[actor], people[target])


# --- An organizer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "facilitator",  # facilitates a session of the organizer's process
        "participant",  # invited to one of its sessions
        "consent_only",  # holds a consent in it, invited nowhere
        "archived_facilitator",  # facilitated an archived session of it
    ],
)
def test_an_organizer_may_reset_someone_who_takes_part_only_in_their_processes(people, target):
    assert _may(people, "organizer", target)


def test_someone_who_also_takes_part_in_another_process_is_left_to_its_organizers(people):
    assert not _may(people, "organizer", "both_sides")
    assert not _may(people, "organizer_b", "both_sides")


def test_an_archived_process_of_someone_else_still_counts(people):
    assert not _may(people, "organizer", "foreign_archived")


def test_an_organizer_may_not_reset_someone_of_another_process(people):
    assert not _may(people, "organizer", "foreign_facilitator")
    assert _may(people, "organizer_b", "foreign_facilitator")


def test_an_organizer_may_not_reset_someone_who_takes_part_in_nothing(people):
    assert not _may(people, "organizer", "stranger")


def test_an_organizer_may_not_reset_another_organizer_even_of_their_own_process(people):
    assert not _may(people, "organizer", "co_organizer")


def test_an_organizer_may_not_reset_a_staff_account_or_a_superuser(people):
    assert not _may(people, "organizer", "staff_facilitator")
    assert not _may(people, "organizer", "root_facilitator")
    assert not _may(people, "organizer", "root")


def test_nobody_resets_their_own_devices_here(people):
    assert not _may(people, "organizer", "organizer")
    assert not _may(people, "root", "root")


# --- Everyone else --------------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["organizer", "co_organizer", "organizer_b", "root_facilitator", "stranger"]
)
def test_a_superuser_may_reset_anyone_else(people, target):
    assert _may(people, "root", target)


@pytest.mark.parametrize(
    "actor", ["facilitator", "participant", "stranger", "staff_facilitator", "inactive_organizer"]
)
def test_those_who_are_not_organizers_may_reset_no_one(people, actor):
    assert not any(access.can_reset_devices(people[actor], target) for target in people.values())
    assert not access.users_whose_devices_may_be_reset_by(people[actor]).exists()


# --- The query and the rule agree -------------------------------------------------------


@pytest.mark.parametrize("actor", ["organizer", "organizer_b", "root", "co_organizer"])
def test_the_admins_list_is_exactly_whom_the_rule_allows(people, actor):
    listed = set(access.users_whose_devices_may_be_reset_by(people[actor]))
    allowed = {u for u in User.objects.all() if access.can_reset_devices(people[actor], u)}
    assert listed == allowed


def test_the_list_of_the_personas_organizer(people):
    listed = access.users_whose_devices_may_be_reset_by(people["organizer"])
    assert {u.username for u in listed} == {
        "facilitator",
        "participant",
        "consent-only",
        "archived-facilitator",
    }


# --- Involvement -----------------------------------------------------------------------


def test_processes_involving_counts_every_part_archived_ones_too(
    people, process, django_assert_num_queries
):
    archived_foreign = DialogueProcess.objects.get(archived_at__isnull=False)
    assert access.processes_involving(people["facilitator"]) == {process.pk}
    assert access.processes_involving(people["consent_only"]) == {process.pk}
    assert access.processes_involving(people["archived_facilitator"]) == {process.pk}
    assert access.processes_involving(people["co_organizer"]) == {process.pk}
    with django_assert_num_queries(1):
        involved = access.processes_involving(people["foreign_archived"])
    assert involved == {process.pk, archived_foreign.pk}
    assert access.processes_involving(people["stranger"]) == set()
