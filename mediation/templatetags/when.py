"""`{% when %}`: a session's time as its participants need it, the one way every page and
email shows it.

The time is given where the session meets, naming that zone ("Thu 5 Mar 2026, 14:00–16:00
Asia/Baku"), then, when the viewer's clock reads differently at that instant, in the
viewer's zone, naming it ("11:00–13:00 in your zone, Europe/Zurich"). "Differently" is
decided at the instant, not by the zones' names: Zurich and New York are five hours apart
for three weeks of March and six the rest of the winter, and Europe/Paris reads the same as
Europe/Zurich. The viewer's side carries the date only when their calendar shows another
day (across the date line, or late in the evening).

The viewer's zone is the active one (the profile's, see accounts/middleware.py) unless
`viewer` names another: emails pass the recipient's.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, tzinfo

from django import template
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()

# The date shown with a span, per style (None: the time of day alone).
DAY = {"datetime": "D j M Y", "long": "l j F Y", "time": None, "date": "j M Y"}
# The date on the viewer's side of a time-only span that falls on another day for them, and
# of an end that falls on another day than its start.
SHORT_DAY = "D j M"
CLOCK = "H:i"
# Where Django's short names (`D`, `M`) are not what a reader of the language writes, the
# language's own form of the dates above (the styles not named keep theirs):
# - Arabic has no customary abbreviations of days or months: Django's `D` is the day's
#   name stripped of its article ("خميس", "إثنين") and its `M` spells April "إبريل". Dates
#   are written with the full names: "الخميس 5 مارس".
# - French abbreviates a day with a period ("jeu.") and writes months in lower case:
#   Django's `M` gives "Mar", with an English-looking capital and the very letters of
#   mardi's abbreviation, and its `N` "jan." and "fév." where French writes "janv." and
#   "févr."; the full month names are always right ("jeu. 5 mars", "lun. 14 janvier").
LOCAL_DAY = {
    "ar": {"datetime": "l j F Y", "date": "j F Y", "short": "l j F"},
    "fr": {"datetime": "D. j F Y", "date": "j F Y", "short": "D. j F"},
}


def day_format(style: str) -> str | None:
    """The date format of `style` ("short" for SHORT_DAY) in the active language."""
    local = LOCAL_DAY.get((translation.get_language() or "").split("-")[0], {})
    if style in local:
        return local[style]
    return SHORT_DAY if style == "short" else DAY[style]


@dataclass(frozen=True)
class Side:
    """The span as one zone's clock reads it: the date (or nothing), the times of day (or
    nothing, for a date), and the zone."""

    iso: str
    day: str
    clock: str
    zone: str

    def text(self, as_text: bool) -> str:
        clock = self.clock
        if clock and translation.get_language_bidi():
            # Times of day read left to right inside right-to-left text: isolated, so that
            # "10:00–13:00" is not shown as "13:00–10:00".
            clock = (
                f"\u2066{clock}\u2069"
                if as_text
                else format_html('<span dir="ltr">{}</span>', clock)
            )
        if not (self.day and clock):
            return self.day or clock
        values = {"day": self.day, "clock": clock}
        joined = _day_and_clock()
        return joined.format(**values) if as_text else format_html(joined, **values)


def _day_and_clock() -> str:
    """How the active language joins a date and times of day ("{day}, {clock}")."""
    return pgettext("a date, then times of day", "{day}, {clock}")


def _zone(value: tzinfo | str | None) -> tzinfo:
    if value is None or value == "":
        return timezone.get_current_timezone()
    if isinstance(value, str):
        try:
            return zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            # A zone dropped from the tz database since it was chosen: the site's.
            return timezone.get_default_timezone()
    return value


def _name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def _side(start: datetime, end: datetime | None, zone: tzinfo, style: str, with_day: bool) -> Side:
    start = start.astimezone(zone)
    day = ""
    if with_day:
        day = formats.date_format(start, day_format(style) or day_format("short"))
    clock = ""
    if style != "date":
        clock = formats.date_format(start, CLOCK)
        if end is not None:
            end = end.astimezone(zone)
            then = CLOCK if end.date() == start.date() else f"{day_format('short')} {CLOCK}"
            clock = f"{clock}–{formats.date_format(end, then)}"
    return Side(start.isoformat(), day, clock, _name(zone))


def _reads_the_same(start: datetime, end: datetime | None, here: tzinfo, there: tzinfo) -> bool:
    return all(
        moment.astimezone(here).utcoffset() == moment.astimezone(there).utcoffset()
        for moment in (start, end)
        if moment is not None
    )


def _time(side: Side, as_text: bool) -> str:
    if as_text:
        return side.text(as_text)
    return format_html('<time datetime="{}">{}</time>', side.iso, side.text(as_text))


def _zone_label(side: Side, as_text: bool) -> str:
    return side.zone if as_text else format_html('<bdi class="zone">{}</bdi>', side.zone)


@register.simple_tag
def when(
    session=None,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    zone: str | None = None,
    style: str = "datetime",
    viewer: str | None = None,
    name_zone: bool = True,
    text: bool = False,
):
    """`{% when session %}`, or `{% when start=… end=… zone=… style="time" %}` for any span
    of a session (an agenda item). `text=True` for plain-text emails. `name_zone=False`
    gives the time in the viewer's zone only, naming it: for a session whose zone may not
    be told (it says roughly where an undisclosed session meets), and for moments that
    belong to no session (when a document was released)."""
    if session is not None:
        start, end, zone = session.starts_at, session.ends_at, session.time_zone
    if start is None:
        return ""
    local, mine = _zone(zone or "UTC"), _zone(viewer)
    if not (getattr(local, "key", None) and getattr(mine, "key", None)):
        return _shown(start, end, local, mine, style, name_zone, text)
    return _remembered(
        start, end, local.key, mine.key, style, name_zone, text, translation.get_language()
    )


@functools.lru_cache(maxsize=4096)
def _remembered(start, end, local, mine, style, name_zone, text, language):
    """What `_shown` gives for the same span, zones, style and language (the arguments
    are the whole of what decides it: the language picks the formats and the wording, and
    it is the active one while this runs). Formatting dates is most of a page's rendering
    time where many sessions are listed, and the same spans recur on every request."""
    zone = zoneinfo.ZoneInfo
    return _shown(start, end, zone(local), zone(mine), style, name_zone, text)


def _shown(start, end, local: tzinfo, mine: tzinfo, style, name_zone, text) -> str:
    with_day = DAY[style] is not None
    if not name_zone:
        shown = _side(start, end, mine, style, with_day)
        return _join(_time(shown, text), _zone_label(shown, text), "", text)

    here = _side(start, end, local, style, with_day)
    other_day = start.astimezone(local).date() != start.astimezone(mine).date()
    if style == "date":
        if not other_day:
            return _join(_time(here, text), "", "", text)
        theirs = _side(start, None, mine, style, True)
        yours = _("{time} in your zone, {zone}")
    elif _reads_the_same(start, end, local, mine):
        if _name(local) == _name(mine):
            return _join(_time(here, text), _zone_label(here, text), "", text)
        theirs = None
        yours = _("same time in your zone, {zone}")
    else:
        theirs = _side(start, end, mine, style, other_day)
        yours = _("{time} in your zone, {zone}")
    mine_side = theirs or Side("", "", "", _name(mine))
    values = {"time": _time(mine_side, text), "zone": _zone_label(mine_side, text)}
    note = yours.format(**values) if text else format_html(yours, **values)
    return _join(_time(here, text), _zone_label(here, text), note, text)


def _join(time: str, zone: str, note: str, as_text: bool) -> str:
    if as_text:
        return " · ".join(part for part in (" ".join(p for p in (time, zone) if p), note) if part)
    if note:
        note = format_html(' <span class="when-yours">· {}</span>', note)
    if zone:
        return format_html('<span class="when">{} {}{}</span>', time, zone, note)
    return format_html('<span class="when">{}{}</span>', time, note)


@register.filter(expects_localtime=True, is_safe=False)
def day(value, style: str = "date") -> str:
    """A date (or a moment's date) as `{% when %}` writes it in the active language:
    `{{ action.due_date|day }}`; `|day:"datetime"` with the day's name."""
    if value in (None, ""):
        return ""
    return formats.date_format(value, day_format(style))


@register.filter(expects_localtime=True, is_safe=False)
def day_clock(value) -> str:
    """A moment's date and time of day, in the active zone and language."""
    if value in (None, ""):
        return ""
    day_text = formats.date_format(value, day_format("date"))
    clock = formats.time_format(value, CLOCK)
    return _day_and_clock().format(day=day_text, clock=clock)
