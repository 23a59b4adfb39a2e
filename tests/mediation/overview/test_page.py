"""The process overview page: who may open it, what each persona reads there, what never
appears, and a query count that stays the same at any size."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from mediation.models import Invitation
from tests.factories import (
    ActionItemFactory,
    DialogueSessionFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)
from tests.mediation.outcomes.factories import BriefingFactory, OfficialContactFactory

from .builders import held_round, seat, status_noted

pytestmark = pytest.mark.django_db


def page_of(client, process) -> str:
    response = client.get(process.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("organizer", 200), ("facilitator", 200), ("participant", 403), ("stranger", 404)],
)
def test_each_persona_gets_the_overview_or_the_refusal_of_their_role(
    session, personas, client, persona, status
):
    client.force_login(personas[persona])
    assert client.get(session.process.get_absolute_url()).status_code == status


def test_an_organizer_of_another_process_is_a_stranger_to_it(session, other_organizer_client):
    assert other_organizer_client.get(session.process.get_absolute_url()).status_code == 404


def test_the_overview_draws_each_chart_with_its_table(session, organizer_client):
    topic = TopicFactory(process=session.process, title="Fisheries")
    held = held_round(session.process, 30)
    side = SideFactory(process=session.process, name="Upstream")
    seat(held, ParticipantFactory(), side)
    status_noted(held, topic, "explored")
    ActionItemFactory(session=held)
    page = page_of(organizer_client, session.process)
    for heading in ("Timeline", "Topics over time", "Balance of the room", "Continuity"):
        assert f">{heading}</h2>" in page
    assert page.count("<svg") >= 7
    assert page.count("<table") >= page.count("<svg")
    assert 'aria-hidden="true" focusable="false"' in page
    assert " style=" not in page  # the content security policy forbids inline styles


def test_a_trajectory_point_links_to_that_rounds_item_record(session, organizer_client):
    topic = TopicFactory(process=session.process)
    held = held_round(session.process, 30)
    noted = status_noted(held, topic, "convergence")
    page = page_of(organizer_client, session.process)
    anchor = f"/sessions/{held.pk}/#item-{noted.agenda_item_id}"
    assert page.count(f'href="{anchor}"') == 2  # the point, and the table's link
    record = organizer_client.get(held.get_absolute_url()).content.decode()
    assert f'id="item-{noted.agenda_item_id}"' in record


def test_a_facilitator_counts_only_the_sessions_they_run(
    session, other_session, facilitator, facilitator_client
):
    mine = held_round(session.process, 30, facilitators=[facilitator], title="Mine")
    theirs = held_round(session.process, 20, title="Not mine")
    seat(mine, ParticipantFactory(name="Counted Person"))
    seat(theirs, ParticipantFactory(name="Unseen Person"))
    ActionItemFactory(session=theirs, description="Someone else's promise")
    status_noted(theirs, TopicFactory(process=session.process, title="Their topic"), "agreement")
    page = page_of(facilitator_client, session.process)
    assert "Mine" in page
    assert "Not mine" not in page
    assert "Unseen Person" not in page
    assert "Someone else's promise" not in page
    assert "Their topic" not in page
    assert "every figure below counts only those" in page


def test_protected_people_who_dropped_out_are_counted_never_named(session, organizer_client):
    guarded = ParticipantFactory(name="Ri Real-name", identity_protected=True, pseudonym="Delta")
    plain = ParticipantFactory(name="Open Person")
    first, second = held_round(session.process, 60), held_round(session.process, 30)
    for person in (guarded, plain):
        seat(first, person)
    seat(second, ParticipantFactory())
    page = page_of(organizer_client, session.process)
    assert "Open Person" in page
    assert "Ri Real-name" not in page
    assert "Delta" not in page
    assert "1 person whose identity is protected" in page


def test_a_draft_shows_on_the_teams_timeline(session, facilitator, facilitator_client):
    DialogueSessionFactory(
        process=session.process, facilitators=[facilitator], published_at=None, title="Drafty"
    )
    page = page_of(facilitator_client, session.process)
    assert "Drafty" in page
    assert "Draft: not yet published" in page


def test_the_balance_warning_is_written_out(session, organizer_client):
    north = SideFactory(process=session.process, name="North")
    south = SideFactory(process=session.process, name="South")
    held = held_round(session.process, 30)
    for _ in range(3):
        seat(held, ParticipantFactory(), north)
    seat(held, ParticipantFactory(), south)
    page = page_of(organizer_client, session.process)
    assert "North outnumbers South 3 to 1, more than the 1.5 to 1 this process allows." in page


def test_the_page_body_is_no_longer_greyed_by_the_session_rows_rule():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
    muted = [rule for rule in css.splitlines() if "color: var(--muted)" in rule]
    assert not any(re.search(r"(^|[\s,])\.process\b", rule) for rule in muted)


# --- Query counts -------------------------------------------------------------------------


def _grow(process, facilitator, n: int) -> None:
    """n more rounds, each with people on two sides, topics noted (with what moved them),
    actions and a briefing on the topic to two officials (one protected); half of them the
    facilitator's."""
    sides = [SideFactory(process=process), SideFactory(process=process)]
    for i in range(n):
        held = held_round(
            process, 10 + i, facilitators=[facilitator] if i % 2 else [], title=f"Grown {i}"
        )
        for side in sides:
            seat(held, ParticipantFactory(identity_protected=bool(i % 3), pseudonym="P"), side)
        seat(held, ParticipantFactory(), None, role=Invitation.Role.OBSERVER)
        topic = TopicFactory(process=process)
        status_noted(held, topic, "explored", convergence="Common ground", divergence="Gap")
        BriefingFactory(
            process=process,
            topics=[topic],
            briefed_on=timezone.localdate() - timedelta(days=i),
            contacts=[
                OfficialContactFactory(process=process),
                OfficialContactFactory(process=process, identity_protected=True, pseudonym="K"),
            ],
        )
        ActionItemFactory(session=held, due_date=timezone.localdate() - timedelta(days=i))
        DialogueSessionFactory(process=process, published_at=None)


@pytest.mark.parametrize("persona", ["organizer", "facilitator"])
def test_the_overview_query_count_does_not_grow_with_sessions_and_topics(
    session, personas, client, count_queries, persona
):
    client.force_login(personas[persona])
    # The earliest rounds: at both sizes a window of held rounds whose records are quoted
    # (the latest rounds are the drafts, which have nothing to quote). Windows of the same
    # content at 3 and 60 sessions: tests/mediation/overview/test_window.py.
    url = session.process.get_absolute_url() + "?rounds=999"
    _grow(session.process, personas["facilitator"], 2)
    small = count_queries(lambda: client.get(url))
    _grow(session.process, personas["facilitator"], 12)
    assert count_queries(lambda: client.get(url)) == small


def test_a_superuser_sees_every_session(session, other_session, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = page_of(client, session.process)
    assert session.title in page and other_session.title in page
