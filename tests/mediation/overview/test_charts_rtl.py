"""The charts read the way the page does: in Arabic the time axis runs right to left (the
earliest round at the right), bars grow from the right edge and labels start there; in
English the reverse. The numbers drawn are the same either way."""

import re

import pytest
from django.utils import translation

from mediation.overview.charts import WIDTH, Bar, Flag, Mark, Series, bar_chart, trajectory_chart
from tests.factories import ParticipantFactory, SideFactory, TopicFactory

from .builders import held_round, seat, status_noted

SERIES = [Series("series-0", "North"), Series("series-1", "South")]
LEVELS = ["impasse", "raised", "explored", "convergence", "agreement"]


def _floats(svg: str, pattern: str) -> list[float]:
    return [float(x) for x in re.findall(pattern, svg)]


def _circles(svg: str) -> list[float]:
    return _floats(svg, r'<circle class="point [^"]*" cx="([\d.]+)"')


def _trajectory(rtl):
    marks = [
        Mark(x=n, y=level, css="", title=f"r{n}", href="#") for n, level in enumerate([1, 2, 3])
    ]
    flag = Flag(x=0.5, label="B1", css="", title="briefing", href="#")
    return trajectory_chart(marks, levels=LEVELS, rounds=["1", "2", "3"], flags=[flag], rtl=rtl)


def test_a_trajectory_runs_left_to_right_in_english():
    svg = _trajectory(rtl=False)
    first, second, last = _circles(svg)
    assert first < second < last
    assert 'direction="ltr"' in svg


def test_a_trajectory_runs_right_to_left_in_arabic():
    svg = _trajectory(rtl=True)
    first, second, last = _circles(svg)
    assert first > second > last
    assert 'direction="rtl"' in svg
    # Mirror images: each point stands where its English twin stands, turned over.
    english = _circles(_trajectory(rtl=False))
    assert [round(WIDTH - x, 1) for x in english] == [first, second, last]


def test_the_round_names_and_briefings_are_mirrored_too():
    ltr, rtl = _trajectory(rtl=False), _trajectory(rtl=True)
    pattern = r'class="axis-label round-label" x="([\d.]+)"'
    assert _floats(ltr, pattern)[0] < _floats(ltr, pattern)[-1]
    assert _floats(rtl, pattern)[0] > _floats(rtl, pattern)[-1]
    diamond = r'class="briefing-label" x="([\d.]+)"'
    # B1 stands between rounds 1 and 2 either way.
    assert _circles(ltr)[0] < _floats(ltr, diamond)[0] < _circles(ltr)[1]
    assert _circles(rtl)[0] > _floats(rtl, diamond)[0] > _circles(rtl)[1]
    # The level names sit at the start of the line: left in English, right in Arabic.
    level = r'<text class="axis-label" x="([\d.]+)"'
    assert set(_floats(ltr, level)) == {0.0}
    assert set(_floats(rtl, level)) == {float(WIDTH)}


def test_bars_grow_from_the_right_in_arabic():
    bars = [Bar(label="Round 1", values=(3, 1)), Bar(label="Round 2", values=(2, 0))]
    ltr, rtl = bar_chart(bars, SERIES, rtl=False), bar_chart(bars, SERIES, rtl=True)
    rects = r'<rect class="[^"]*" x="([\d.]+)" y="\d+" width="([\d.]+)"'
    ltr_rects = [(float(x), float(w)) for x, w in re.findall(rects, ltr)]
    rtl_rects = [(float(x), float(w)) for x, w in re.findall(rects, rtl)]
    # The same widths (the same numbers), placed as mirror images.
    assert [w for _, w in ltr_rects] == [w for _, w in rtl_rects]
    assert ltr_rects[0][0] == 0.0
    assert rtl_rects[0][0] + rtl_rects[0][1] == pytest.approx(WIDTH)
    # North's segment is first along the reading direction: right of South's in Arabic.
    assert ltr_rects[0][0] < ltr_rects[1][0] and rtl_rects[0][0] > rtl_rects[1][0]
    totals = r'class="bar-total" x="([\d.]+)" y="\d+">(\d+)<'
    assert [t for _, t in re.findall(totals, ltr)] == [t for _, t in re.findall(totals, rtl)]
    assert float(re.findall(totals, rtl)[0][0]) < rtl_rects[1][0]
    assert _floats(rtl, r'class="bar-label" x="([\d.]+)"') == [float(WIDTH)] * 2


def test_the_chart_follows_the_active_language():
    bars = [Bar(label="Round 1", values=(1, 0))]
    with translation.override("ar"):
        assert 'direction="rtl"' in bar_chart(bars, SERIES)
    with translation.override("en"):
        assert 'direction="ltr"' in bar_chart(bars, SERIES)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "earliest_is_right"), [("ar", True), ("en", False)])
def test_the_overview_page_draws_rounds_in_the_reading_direction(
    session, organizer_client, language, earliest_is_right
):
    process = session.process
    topic = TopicFactory(process=process, title="Fisheries")
    side = SideFactory(process=process)
    for days, status in ((40, "raised"), (30, "explored"), (20, "convergence")):
        held = held_round(process, days)
        seat(held, ParticipantFactory(), side)
        status_noted(held, topic, status)
    response = organizer_client.get(process.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert f'lang="{language}"' in page
    chart = page.split('class="chart chart-trajectory"')[1].split("</svg>")[0]
    xs = _circles(chart)
    assert len(xs) == 3
    assert (xs[0] > xs[-1]) is earliest_is_right
    # The levels reached are the same whichever way the axis runs.
    ys = _floats(chart, r'<circle class="point [^"]*" cx="[\d.]+" cy="([\d.]+)"')
    assert ys[0] > ys[1] > ys[2]  # raised, explored, convergence: upward
