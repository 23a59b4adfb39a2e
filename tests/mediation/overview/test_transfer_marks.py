"""Briefings on the overview's trajectories (issue 15): where a briefing carried a topic
between rounds and how it was received, for those who read the transfer log only; and each
point's item record quoted (convergence, divergence) as far as the viewer may read it
(issue 14)."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Briefing, DialogueSession, ReadEvent
from mediation.overview.trajectory import BriefingMark, trajectories
from tests.factories import TopicFactory
from tests.mediation.outcomes.factories import BriefingFactory, OfficialContactFactory

from .builders import held_round, status_noted
from .test_page import page_of

pytestmark = pytest.mark.django_db


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def briefed(process, topic, n_days_ago: int, **fields):
    return BriefingFactory(
        process=process, topics=[topic], briefed_on=days_ago(n_days_ago), **fields
    )


def briefing_url(briefing) -> str:
    return reverse("transfer_briefing_feedback", args=[briefing.process_id, briefing.pk])


def test_a_briefing_between_two_rounds_is_a_labelled_diamond_linking_to_it(
    session, organizer_client
):
    process = session.process
    topic = TopicFactory(process=process, title="Water sharing")
    first, second = held_round(process, 60), held_round(process, 20)
    status_noted(first, topic, "raised")
    status_noted(second, topic, "convergence")
    briefing = briefed(
        process, topic, 40, reception=Briefing.Reception.UNDER_CONSIDERATION, channel="memo"
    )
    page = page_of(organizer_client, process)
    # In the drawing: a diamond (a polygon, not a circle), its label and its link.
    assert page.count('class="briefing-mark"') == 1
    assert '<text class="briefing-label"' in page and ">B1</text>" in page
    assert page.count(f'href="{briefing_url(briefing)}"') == 2  # the diamond and the table
    # In the table, between the rounds, with how it was received.
    table = page[page.index("trajectory-table") :]
    assert table.index(">Raised<") < table.index(">B1<") < table.index(">Convergence<")
    assert "after round 1" in table
    assert "Briefing (Written memo)" in table
    assert "Under consideration" in table


def test_briefings_are_placed_by_date_before_between_and_after_the_rounds():
    class Session:
        def __init__(self, n):
            self.pk = n
            self.local_starts_at = timezone.now() - timedelta(days=n)

    class Round:
        def __init__(self, n):
            self.session = Session(n)

    topic = TopicFactory()
    rounds = [Round(60), Round(30)]

    def mark(n):
        return BriefingMark(
            topic.pk, uuid.uuid4(), topic.process_id, days_ago(n), 1, "oral", ("X",)
        )

    (trajectory,) = trajectories([topic], [], rounds, [mark(90), mark(45), mark(40), mark(5)])
    placed = [(s.label, s.after_round, round(s.x, 2)) for s in trajectory.stops]
    assert placed == [
        ("B1", -1, -0.5),
        ("B2", 0, 0.33),
        ("B3", 0, 0.67),
        ("B4", 1, 1.5),
    ]


def test_a_protected_contact_is_named_as_the_transfer_log_names_them(session, organizer_client):
    process = session.process
    topic = TopicFactory(process=process)
    status_noted(held_round(process, 30), topic, "explored")
    guarded = OfficialContactFactory(
        process=process,
        name="Real Name Kept",
        identity_protected=True,
        pseudonym="Envoy K",
        institution="Foreign Ministry",
    )
    BriefingFactory(process=process, topics=[topic], contacts=[guarded], briefed_on=days_ago(10))
    page = page_of(organizer_client, process)
    assert "Envoy K · Foreign Ministry" in page
    assert "Real Name Kept" not in page


def test_a_facilitator_of_the_process_reads_briefings_on_their_topics_only(
    session, facilitator, facilitator_client
):
    process = session.process
    mine = TopicFactory(process=process, title="Mine")
    theirs = TopicFactory(process=process, title="Theirs")
    status_noted(held_round(process, 30, facilitators=[facilitator]), mine, "explored")
    status_noted(held_round(process, 25), theirs, "explored")
    on_mine = briefed(process, mine, 10, briefed_by="Co-chair A")
    on_theirs = briefed(process, theirs, 10)
    page = page_of(facilitator_client, process)
    assert f'href="{briefing_url(on_mine)}"' in page
    assert briefing_url(on_theirs) not in page
    # The transfer-log rule lets them open it: the link is not a dead end.
    assert facilitator_client.get(briefing_url(on_mine)).status_code == 200


def test_briefings_of_another_process_never_appear(session, foreign_process, organizer_client):
    topic = TopicFactory(process=session.process)
    status_noted(held_round(session.process, 30), topic, "explored")
    elsewhere = BriefingFactory(process=foreign_process, briefed_on=days_ago(5))
    elsewhere.topics.add(topic)  # even wrongly linked, it stays in its own process
    page = page_of(organizer_client, session.process)
    assert briefing_url(elsewhere) not in page
    assert 'class="briefing-mark"' not in page


def test_a_topic_briefed_but_never_noted_lists_its_briefing(session, organizer_client):
    process = session.process
    status_noted(held_round(process, 30), TopicFactory(process=process), "explored")
    quiet = TopicFactory(process=process, title="Quiet topic")
    briefing = briefed(process, quiet, 10)
    page = page_of(organizer_client, process)
    assert f'href="{briefing_url(briefing)}"' in page


# --- What moved it: the item record quoted (issue 14) -------------------------------------


def test_the_table_quotes_what_the_item_record_says_moved_the_topic(session, organizer_client):
    topic = TopicFactory(process=session.process)
    held = held_round(session.process, 30)
    status_noted(
        held,
        topic,
        "convergence",
        convergence="Both sides accept joint monitoring",
        divergence="Who pays for the gauges",
    )
    page = page_of(organizer_client, session.process)
    table = page[page.index("trajectory-table") :]
    assert "Both sides accept joint monitoring" in table
    assert "Who pays for the gauges" in table
    svg = page[page.index('class="chart chart-trajectory"') :]
    assert "Convergence: Both sides accept joint monitoring" in svg[: svg.index("</svg>")]


def test_a_facilitator_reads_the_records_of_their_own_rounds_only(
    session, facilitator, facilitator_client, organizer_client
):
    topic = TopicFactory(process=session.process)
    mine = held_round(session.process, 30, facilitators=[facilitator])
    theirs = held_round(session.process, 20)
    status_noted(mine, topic, "explored", convergence="Said in my room")
    status_noted(theirs, topic, "convergence", convergence="Said in another room")
    facilitator_page = page_of(facilitator_client, session.process)
    assert "Said in my room" in facilitator_page
    assert "Said in another room" not in facilitator_page
    organizer_page = page_of(organizer_client, session.process)
    assert "Said in my room" in organizer_page and "Said in another room" in organizer_page


def test_a_session_without_written_record_is_never_quoted(session, organizer_client):
    topic = TopicFactory(process=session.process)
    unrecorded = held_round(
        session.process, 30, confidentiality=DialogueSession.Confidentiality.NO_RECORD
    )
    status_noted(unrecorded, topic, "explored", convergence="Should never have been kept")
    assert "Should never have been kept" not in page_of(organizer_client, session.process)


def test_quoting_a_record_is_a_read_in_the_audit(session, organizer, organizer_client):
    topic = TopicFactory(process=session.process)
    quoted = status_noted(held_round(session.process, 30), topic, "explored", divergence="Gap")
    silent = status_noted(held_round(session.process, 20), topic, "explored")
    page_of(organizer_client, session.process)
    page_of(organizer_client, session.process)
    event = ReadEvent.objects.get(kind=ReadEvent.Kind.RECORD, user=organizer)
    assert event.object_id == quoted.record_id and event.times == 2
    assert event.process_id == session.process_id
    assert not ReadEvent.objects.filter(object_id=silent.record_id).exists()


def test_the_briefings_cost_the_overview_one_query(session, organizer, django_assert_num_queries):
    from mediation.overview.selectors import process_overview

    topic = TopicFactory(process=session.process)
    status_noted(held_round(session.process, 30), topic, "explored")
    for n in range(3):
        briefed(session.process, topic, 10 + n)
    # Seven before the briefings (the role check and six reads), whatever their number.
    with django_assert_num_queries(8):
        overview = process_overview(organizer, session.process, administers=True)
    assert [s.label for t in overview.trajectories for s in t.stops] == ["B1", "B2", "B3"]
