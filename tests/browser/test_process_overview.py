"""In Chromium: the process overview at desktop and phone width, and in print. The charts
fit the page (nothing scrolls sideways but a wide table inside its own box), the body
reads in ink rather than the muted grey once meant for a session row, and the page passes
its content security policy (tests/browser/conftest.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mediation.models import Invitation, Participant
from tests.factories import (
    PASSWORD,
    ActionItemFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
)
from tests.mediation.outcomes.factories import BriefingFactory, OfficialContactFactory
from tests.mediation.overview.builders import held_round, seat, status_noted
from tests.personas import make_organizer

INK = "rgb(29, 36, 48)"


@pytest.fixture
def overview(transactional_db):
    organizer = make_organizer("olivia")
    process = DialogueProcessFactory(
        organizers=[organizer], title="A long-running back channel between two neighbours"
    )
    sides = [SideFactory(process=process, name=n) for n in ("Northern delegation", "Southern")]
    topics = [
        TopicFactory(process=process, title=t)
        for t in ("Incident prevention at sea", "Water sharing", "Prisoner exchanges")
    ]
    people = [
        ParticipantFactory(name=f"Person {n}", category=list(Participant.Category)[n % 6])
        for n in range(10)
    ]
    statuses = ["raised", "explored", "convergence", "impasse", "agreement"]
    for r in range(5):
        held = held_round(process, 150 - 30 * r, title=f"Round {r + 1}: a fairly long title")
        for n, person in enumerate(people[r : r + 6]):
            seat(held, person, sides[n % 2] if n != 5 else sides[0])
        if r:
            seat(held, people[0], None, role=Invitation.Role.OBSERVER)
        for t, topic in enumerate(topics):
            status_noted(held, topic, statuses[(r + t) % 5])
        ActionItemFactory(
            session=held, owner=people[r], due_date=timezone.localdate() - timedelta(days=r)
        )
    DialogueSessionFactory(process=process, title="Round 6, not yet published", published_at=None)
    envoy = OfficialContactFactory(
        process=process, name="Kept Hidden", identity_protected=True, pseudonym="Envoy K"
    )
    for days_ago, reception in ((100, 2), (5, 4)):
        BriefingFactory(
            process=process,
            topics=[topics[0]],
            contacts=[envoy],
            briefed_on=timezone.localdate() - timedelta(days=days_ago),
            reception=reception,
        )
    return process


@pytest.mark.parametrize("width", [1280, 390])
def test_the_overview_fits_the_screen(overview, login, page, live_server, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    login("olivia", PASSWORD)
    page.goto(f"{live_server.url}{overview.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Topics over time")).to_be_visible()
    expect(page.locator("svg.chart-trajectory").first).to_be_visible()
    page.screenshot(path=tmp_path / f"overview-{width}.png", full_page=True)
    assert (tmp_path / f"overview-{width}.png").stat().st_size > 10_000
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"the page scrolls sideways at {width} px"
    color = page.evaluate("getComputedStyle(document.querySelector('.process-page')).color")
    assert color == INK
    # Every chart's numbers are also in a table a screen reader reads.
    assert page.locator("table").count() >= page.locator("svg.chart").count()


def test_the_overview_prints_without_the_navigation(overview, login, page, live_server):
    login("olivia", PASSWORD)
    page.goto(f"{live_server.url}{overview.get_absolute_url()}")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".overview-nav")).to_be_hidden()
    expect(page.locator("svg.chart-bars").first).to_be_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_a_briefing_on_a_trajectory_opens_the_briefing(overview, login, page, live_server):
    login("olivia", PASSWORD)
    page.goto(f"{live_server.url}{overview.get_absolute_url()}")
    figure = page.locator("figure.trajectory", has_text="Incident prevention at sea")
    expect(figure.locator("svg .briefing-mark")).to_have_count(2)
    expect(figure.locator("svg .briefing-label").first).to_have_text("B1")
    row = figure.locator("tr.briefing-row").first
    expect(row).to_contain_text("after round 2")
    expect(row).to_contain_text("Envoy K")
    expect(page.get_by_text("Kept Hidden")).to_have_count(0)
    row.get_by_role("link").click()
    page.wait_for_load_state()
    assert "/transfer/briefings/" in page.url


@pytest.mark.parametrize(("language", "earliest_at_right"), [("ar", True), ("en", False)])
def test_the_rounds_run_the_way_the_page_reads(
    overview, login, page, live_server, tmp_path, language, earliest_at_right
):
    """Drawn positions on screen: in Arabic round 1's point stands right of round 5's, the
    level names sit at the right and the page still fits its width."""
    login("olivia", PASSWORD)
    page.goto(f"{live_server.url}/")
    page.locator(f"form.language-switcher button[value={language}]").click()
    page.goto(f"{live_server.url}{overview.get_absolute_url()}")
    assert page.evaluate("document.documentElement.lang") == language
    chart = page.locator("svg.chart-trajectory").first
    expect(chart).to_be_visible()
    points = chart.locator("circle.point")
    first, last = points.first.bounding_box(), points.last.bounding_box()
    assert (first["x"] > last["x"]) is earliest_at_right
    level, box = chart.locator("text.axis-label").first.bounding_box(), chart.bounding_box()
    level_centre, chart_centre = level["x"] + level["width"] / 2, box["x"] + box["width"] / 2
    assert (level_centre > chart_centre) is earliest_at_right
    page.screenshot(path=tmp_path / f"overview-{language}.png", full_page=True)
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
