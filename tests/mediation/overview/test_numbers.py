"""The overview's numbers on hand-built processes: trajectories, balance, continuity and
follow-through, as the organizer reads them (the selector, no page)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mediation.models import ActionItem, DialogueSession, Invitation, Participant
from mediation.overview.selectors import process_overview
from tests.factories import (
    ActionItemFactory,
    DialogueSessionFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
)

from .builders import held_round, seat, status_noted

pytestmark = pytest.mark.django_db


@pytest.fixture
def north(process):
    return SideFactory(process=process, name="North")


@pytest.fixture
def south(process):
    return SideFactory(process=process, name="South")


def overview_of(organizer, process):
    return process_overview(organizer, process, administers=True)


# --- Trajectory ---------------------------------------------------------------------------


def test_a_topic_is_drawn_at_the_status_each_round_noted(organizer, process):
    water = TopicFactory(process=process, title="Water")
    first, second, third = (held_round(process, d) for d in (90, 60, 30))
    status_noted(first, water, "raised")
    status_noted(second, water, "explored")
    status_noted(third, water, "convergence")
    (trajectory,) = overview_of(organizer, process).trajectories
    assert [(p.round_index, p.status) for p in trajectory.points] == [
        (0, "raised"),
        (1, "explored"),
        (2, "convergence"),
    ]
    assert trajectory.direction == "up"


def test_a_round_that_noted_nothing_about_a_topic_leaves_a_gap(organizer, process):
    water, land = TopicFactory(process=process), TopicFactory(process=process)
    first, second, third = (held_round(process, d) for d in (90, 60, 30))
    status_noted(first, water, "explored")
    status_noted(second, land, "raised")
    status_noted(third, water, "impasse")
    overview = overview_of(organizer, process)
    by_topic = {t.topic: t for t in overview.trajectories}
    assert [p.round_index for p in by_topic[water].points] == [0, 2]
    assert by_topic[water].direction == "down"
    assert [p.round_index for p in by_topic[land].points] == [1]
    assert len(overview.trajectory_rounds) == 3


def test_the_later_item_of_a_round_is_the_status_the_topic_reached(organizer, process):
    water = TopicFactory(process=process)
    held = held_round(process, 30)
    status_noted(held, water, "explored", position=1)
    last = status_noted(held, water, "convergence", position=2)
    (trajectory,) = overview_of(organizer, process).trajectories
    (point,) = trajectory.points
    assert point.status == "convergence"
    assert point.url == f"/sessions/{held.pk}/#item-{last.agenda_item_id}"


def test_a_session_kept_without_record_gives_no_point(organizer, process):
    water = TopicFactory(process=process)
    secret = held_round(process, 30, confidentiality=DialogueSession.Confidentiality.NO_RECORD)
    status_noted(secret, water, "agreement")
    (trajectory,) = overview_of(organizer, process).trajectories
    assert trajectory.points == []


# --- Balance ------------------------------------------------------------------------------


def test_balance_counts_who_came_by_side_category_and_capacity(organizer, process, north, south):
    held = held_round(process, 30)
    seat(held, ParticipantFactory(category=Participant.Category.ACADEMIC), north)
    seat(
        held,
        ParticipantFactory(category=Participant.Category.RETIRED_MILITARY),
        north,
        capacity=Invitation.Capacity.OFFICIAL,
    )
    seat(held, ParticipantFactory(category=Participant.Category.ACADEMIC), south)
    seat(held, ParticipantFactory(), south, came=False)  # accepted, did not come
    seat(held, ParticipantFactory(), None, role=Invitation.Role.OBSERVER)  # no side's
    (balance,) = overview_of(organizer, process).balances
    assert balance.basis == "came"
    assert balance.total == 3
    assert balance.by_side == {str(north.pk): 2, str(south.pk): 1}
    assert balance.by_category == {"academic": 2, "retired_military": 1}
    assert balance.by_capacity == {"personal": 2, "official": 1}


def test_a_side_outnumbered_beyond_the_ratio_is_warned_about(organizer, process, north, south):
    process.balance_ratio = Decimal("1.5")
    process.save()
    even, uneven = held_round(process, 60), held_round(process, 30)
    for _ in range(3):
        seat(even, ParticipantFactory(), north)
    for _ in range(2):
        seat(even, ParticipantFactory(), south)  # 3 to 2: within 1.5
    for _ in range(4):
        seat(uneven, ParticipantFactory(), north)
    for _ in range(2):
        seat(uneven, ParticipantFactory(), south)  # 4 to 2: beyond
    first, second = overview_of(organizer, process).balances
    assert first.warnings == []
    assert second.warnings == [
        "North outnumbers South 4 to 2, more than the 1.5 to 1 this process allows."
    ]


def test_the_organizer_sets_the_ratio(organizer, process, north, south):
    held = held_round(process, 30)
    for _ in range(4):
        seat(held, ParticipantFactory(), north)
    for _ in range(2):
        seat(held, ParticipantFactory(), south)
    process.balance_ratio = Decimal("2.0")
    process.save()
    assert overview_of(organizer, process).balances[0].warnings == []


def test_an_absent_side_is_warned_about_in_plain_words(organizer, process, north, south):
    earlier, held = held_round(process, 60), held_round(process, 30)
    seat(earlier, ParticipantFactory(), south)
    seat(held, ParticipantFactory(), north)
    seat(held, ParticipantFactory(), south, came=False)
    upcoming = DialogueSessionFactory(process=process)
    seat(upcoming, ParticipantFactory(), north, came=None)  # accepted, not held yet
    overview = overview_of(organizer, process)
    assert overview.balances[1].warnings == ["No one from South came."]
    assert overview.balances[2].warnings == ["No one from South has accepted."]
    assert overview.balances[2].basis == "accepted"


def test_a_side_that_sends_no_participants_is_never_warned_about(organizer, process, north):
    hosts = SideFactory(process=process, name="Hosts")
    held = held_round(process, 30)
    seat(held, ParticipantFactory(), north)
    seat(held, ParticipantFactory(), hosts, role=Invitation.Role.RESOURCE_PERSON)
    assert overview_of(organizer, process).balances[0].warnings == []


def test_postponed_cancelled_and_empty_rounds_have_no_balance(organizer, process, north):
    kept = held_round(process, 30)
    seat(kept, ParticipantFactory(), north)
    for status in (DialogueSession.Status.POSTPONED, DialogueSession.Status.CANCELLED):
        off = DialogueSessionFactory(process=process, status=status)
        seat(off, ParticipantFactory(), north, came=None)
    DialogueSessionFactory(process=process)  # nobody has accepted yet
    assert [b.session for b in overview_of(organizer, process).balances] == [kept]


# --- Continuity ---------------------------------------------------------------------------


def test_continuity_counts_who_came_back_and_names_who_dropped_out(organizer, process):
    stays = ParticipantFactory(name="Ada Stays")
    leaves = ParticipantFactory(name="Bo Leaves")
    hidden = ParticipantFactory(name="Cy Hidden", identity_protected=True, pseudonym="Kestrel")
    newcomer = ParticipantFactory(name="Di New")
    first, second = held_round(process, 60), held_round(process, 30)
    for person in (stays, leaves, hidden):
        seat(first, person)
    seat(second, stays)
    seat(second, newcomer)
    seat(second, leaves, came=False)
    start, then = overview_of(organizer, process).continuity
    assert (start.previous, start.new, start.total) == (None, 3, 3)
    assert (then.previous, then.returning, then.new, then.dropped) == (first, 1, 1, 2)
    assert then.dropped_named == ["Bo Leaves"]
    assert then.dropped_protected == 1


def test_continuity_skips_rounds_where_nobody_met(organizer, process):
    person = ParticipantFactory()
    first = held_round(process, 90)
    seat(first, person)
    cancelled = held_round(process, 60, status=DialogueSession.Status.CANCELLED)
    seat(cancelled, ParticipantFactory(), came=None)
    last = held_round(process, 30)
    seat(last, person)
    rows = overview_of(organizer, process).continuity
    assert [(r.session, r.previous, r.returning) for r in rows] == [
        (first, None, 0),
        (last, first, 1),
    ]


# --- Follow-through -----------------------------------------------------------------------


def test_actions_are_counted_open_done_and_overdue_per_session_and_owner(organizer, process):
    today = timezone.localdate()
    owner = ParticipantFactory(name="Ada Owner")
    guarded = ParticipantFactory(name="Real Name", identity_protected=True, pseudonym="Heron")
    held = held_round(process, 30)
    for person in (owner, guarded):
        seat(held, person)
    ActionItemFactory(session=held, owner=owner, status=ActionItem.Status.DONE)
    ActionItemFactory(session=held, owner=owner, due_date=today - timedelta(days=1))
    ActionItemFactory(
        session=held, owner=guarded, status=ActionItem.Status.IN_PROGRESS, due_date=None
    )
    ActionItemFactory(session=held, owner=None, status=ActionItem.Status.DROPPED)
    follow = overview_of(organizer, process).follow_through
    (per_session,) = follow.by_session
    assert (per_session.done, per_session.open, per_session.overdue, per_session.dropped) == (
        1,
        1,
        1,
        1,
    )
    assert [(t.label, t.done, t.open, t.overdue) for t in follow.by_owner] == [
        ("Ada Owner", 1, 0, 1),
        ("Heron", 0, 1, 0),
        ("No owner", 0, 0, 0),
    ]


@pytest.mark.parametrize("ratio", ["0.9", "10.5"])
def test_a_ratio_below_one_or_above_ten_is_refused(process, ratio):
    process.balance_ratio = Decimal(ratio)
    with pytest.raises(ValidationError) as refused:
        process.full_clean()
    assert "balance_ratio" in refused.value.message_dict
