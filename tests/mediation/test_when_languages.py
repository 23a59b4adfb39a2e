"""Dates in `{% when %}` as a reader of each language writes them: Arabic with the full
names of days and months (it has no customary abbreviations), French with its own
abbreviated days ("jeu.") and lower-case month names, English as before."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

BAKU = ZoneInfo("Asia/Baku")


def _when(language: str, start: datetime, end: datetime, *, viewer: str, style="datetime"):
    template = Template(
        "{% load when %}{% when start=start end=end zone=zone viewer=viewer style=style %}"
    )
    context = Context(
        {"start": start, "end": end, "zone": start.tzinfo.key, "viewer": viewer, "style": style}
    )
    with translation.override(language):
        return template.render(context)


def _thursday_in_baku(*, until_hour=16, day=5, month=3):
    start = datetime(2026, month, day, 14, 0, tzinfo=BAKU)
    return start, start.replace(hour=until_hour)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "الخميس 5 مارس 2026، "),
        ("fr", "jeu. 5 mars 2026, "),
        ("en", "Thu 5 Mar 2026, "),
    ],
)
def test_a_sessions_date_is_written_as_the_language_writes_it(language, expected):
    html = _when(language, *_thursday_in_baku(), viewer="Asia/Baku")

    assert f">{expected}" in html


def test_arabic_gives_no_day_name_without_its_article():
    for day in range(2, 9):  # Monday 2 to Sunday 8 March 2026: every day of the week
        start = datetime(2026, 3, day, 14, 0, tzinfo=BAKU)
        html = _when("ar", start, start.replace(hour=16), viewer="Asia/Baku")
        weekday = html.split('">')[2].split(" ")[0]
        assert weekday.startswith("ال"), weekday


@pytest.mark.parametrize(
    ("language", "yours"),
    [
        ("ar", "الخميس 14 يناير، \u206610:00–12:00\u2069"),
        ("fr", "jeu. 14 janvier, 10:00–12:00"),
        ("en", "Thu 14 Jan, 10:00–12:00"),
    ],
)
def test_the_viewers_other_day_across_the_date_line_is_written_in_their_language(language, yours):
    start = datetime(2027, 1, 15, 10, 0, tzinfo=ZoneInfo("Pacific/Kiritimati"))
    template = Template(
        "{% load when %}"
        "{% when start=start end=end zone=zone viewer=viewer style='time' text=True %}"
    )
    context = Context(
        {
            "start": start,
            "end": start.replace(hour=12),
            "zone": "Pacific/Kiritimati",
            "viewer": "Pacific/Honolulu",
        }
    )
    with translation.override(language):
        text = template.render(context)

    assert yours in text


@pytest.mark.parametrize(
    ("language", "end"),
    [("ar", "الجمعة 6 مارس 02:00"), ("fr", "ven. 6 mars 02:00"), ("en", "Fri 6 Mar 02:00")],
)
def test_an_end_on_the_next_day_names_that_day_in_the_language(language, end):
    start = datetime(2026, 3, 5, 22, 0, tzinfo=BAKU)
    html = _when(language, start, datetime(2026, 3, 6, 2, 0, tzinfo=BAKU), viewer="Asia/Baku")

    assert f"22:00–{end}" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "5 مارس 2026"), ("fr", "5 mars 2026"), ("en", "5 Mar 2026")],
)
def test_a_date_alone_is_written_in_the_language(language, expected):
    html = _when(language, *_thursday_in_baku(), viewer="Asia/Baku", style="date")

    assert f">{expected}</time>" in html


@pytest.mark.parametrize(
    ("language", "due", "moment"),
    [
        ("ar", "5 مارس 2026", "5 مارس 2026، 18:30"),
        ("fr", "5 mars 2026", "5 mars 2026, 18:30"),
        ("en", "5 Mar 2026", "5 Mar 2026, 18:30"),
    ],
)
def test_dates_outside_a_span_are_written_as_the_language_writes_them_too(language, due, moment):
    # Due dates, saves and briefings: the same formats as `{% when %}`, in the viewer's zone.
    template = Template("{% load when %}{{ due|day }}|{{ at|day_clock }}|{{ nothing|day }}")
    at = datetime(2026, 3, 5, 14, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override(language), timezone.override(BAKU):
        text = template.render(Context({"due": at.date(), "at": at, "nothing": None}))
    assert text == f"{due}|{moment}|"


def test_an_action_due_on_a_thursday_names_the_day_in_full_in_arabic():
    template = Template('{% load when %}{{ due|day:"datetime" }}')
    with translation.override("ar"):
        text = template.render(Context({"due": datetime(2026, 3, 5).date()}))
    assert text == "الخميس 5 مارس 2026"
