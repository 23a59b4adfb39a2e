"""VTIMEZONE blocks that stay right in every year, built from the zone's own rules.

A calendar file names each session's zone (TZID) and must describe it in a VTIMEZONE. The
`icalendar` package writes every change of offset as a date, from 1970 to 2038, so a session
in 2039 falls outside the block and some clients (khal, dateutil, vobject) move it by an
hour. Here the block has two parts, read from the zone's compiled file (TZif, RFC 8536):

- the changes of offset listed in the file, one observance each, from the one in force at
  the calendar's first event; these are the zone's history, kept as written;
- the zone's current rules (the POSIX TZ string at the end of the file, such as
  `CET-1CEST,M3.5.0,M10.5.0/3`) as yearly RRULEs, so every year after the listed changes is
  covered without an end.

Listed changes that the current rules already produce are left to the RRULEs, so a file
compiled with every change up to 2037 yields the same short block as one compiled slim.
"""

from __future__ import annotations

import bisect
import calendar as gregorian
import importlib.resources
import os
import re
import struct
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from mediation.models.base import known_time_zones

HEADER = struct.Struct(">4sc15x6l")
WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX numbers days from Sunday
EPOCH = datetime(1970, 1, 1)
CLOCK = r"[-+]?\d{1,3}(?::\d{2}){0,2}"
NAME = r"<[^>]+>|[A-Za-z]{3,}"
POSIX_TZ = re.compile(
    rf"(?P<std>{NAME})(?P<std_offset>{CLOCK})"
    rf"(?:(?P<dst>{NAME})(?P<dst_offset>{CLOCK})?,(?P<start>[^,]+),(?P<end>[^,]+))?"
)
POSIX_RULE = re.compile(
    rf"M(?P<month>\d{{1,2}})\.(?P<week>[1-5])\.(?P<day>[0-6])(?:/(?P<at>{CLOCK}))?"
)


@dataclass(frozen=True)
class Change:
    """One change of offset: at `instant` (UTC) the clocks go from `before` to `after`."""

    instant: datetime
    before: int  # seconds east of UTC
    after: int
    name: str

    @property
    def local_start(self) -> datetime:
        """The onset as the clocks read it just before the change (RFC 5545's DTSTART)."""
        return self.instant.replace(tzinfo=None) + timedelta(seconds=self.before)


@dataclass(frozen=True)
class Rule:
    """`Mmonth.week.day/at`: the week-th `day` of `month` (week 5: the last), at `at`
    seconds of local time before the change (which may run past midnight either way)."""

    month: int
    week: int
    day: int
    at: int

    def onset(self, year: int) -> datetime:
        """The local time, before the change, at which the rule fires in this year."""
        first_weekday, length = gregorian.monthrange(year, self.month)
        # monthrange counts weekdays from Monday; POSIX from Sunday.
        first = 1 + (self.day - (first_weekday + 1) % 7) % 7
        day = first + 7 * (self.week - 1)
        if day > length:
            day -= 7
        return datetime(year, self.month, day) + timedelta(seconds=self.at)

    def rrules(self) -> list[dict]:
        """The rule as yearly RRULEs. A time past midnight moves the day, so the day is
        then found among the seven it can fall on (BYMONTHDAY) rather than by its rank;
        when those seven run into the next or the previous month, one RRULE per month."""
        shift = self.at // 86400
        weekday = WEEKDAYS[(self.day + shift) % 7]
        if shift == 0:
            rank = -1 if self.week == 5 else self.week
            return [{"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{rank}{weekday}"}]
        # Counted from the month's end (-1 its last day) for the last week, else from 1.
        if self.week == 5:
            days = range(shift - 7, shift)
        else:
            days = range(7 * self.week - 6 + shift, 7 * self.week + 1 + shift)
        shortest = 28 if self.month == 2 else gregorian.monthrange(2001, self.month)[1]
        by_month: dict[int, list[int]] = {}
        for day in days:
            month = self.month
            if self.week == 5 and day >= 0:
                month, day = self.month % 12 + 1, day + 1
            elif self.week < 5 and day < 1:
                month, day = (self.month - 2) % 12 + 1, day - 1
            elif self.week < 5 and day > shortest:
                if self.month == 2:
                    raise ValueError("a change after the 28th of February")
                month, day = self.month % 12 + 1, day - shortest
            elif day < -shortest:
                raise ValueError("a change more than four weeks before the month's end")
            by_month.setdefault(month, []).append(day)
        return [
            {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": weekday, "BYMONTHDAY": days}
            for month, days in by_month.items()
        ]


@dataclass(frozen=True)
class CurrentRules:
    """The POSIX TZ string of a zone: a fixed offset, or standard and daylight time with
    the two yearly rules that switch between them."""

    std_name: str
    std_offset: int
    dst_name: str = ""
    dst_offset: int = 0
    start: Rule | None = None  # into daylight time, at standard local time
    end: Rule | None = None  # back to standard time, at daylight local time

    def changes(self, year: int) -> list[Change]:
        if self.start is None or self.end is None:
            return []
        into = self.start.onset(year) - timedelta(seconds=self.std_offset)
        back = self.end.onset(year) - timedelta(seconds=self.dst_offset)
        return [
            Change(into.replace(tzinfo=UTC), self.std_offset, self.dst_offset, self.dst_name),
            Change(back.replace(tzinfo=UTC), self.dst_offset, self.std_offset, self.std_name),
        ]


def _seconds(clock: str) -> int:
    sign = -1 if clock.startswith("-") else 1
    parts = [int(part) for part in clock.lstrip("+-").split(":")]
    hours, minutes, seconds = [*parts, 0, 0][:3]
    return sign * (hours * 3600 + minutes * 60 + seconds)


def _rule(text: str) -> Rule:
    match = POSIX_RULE.fullmatch(text)
    if match is None:
        raise ValueError(f"unsupported rule {text!r}")
    at = _seconds(match["at"]) if match["at"] else 7200
    return Rule(int(match["month"]), int(match["week"]), int(match["day"]), at)


def parse_posix_tz(text: str) -> CurrentRules:
    match = POSIX_TZ.fullmatch(text)
    if match is None:
        raise ValueError(f"unsupported TZ string {text!r}")
    # POSIX counts offsets west of Greenwich as positive: the opposite of ISO 8601.
    std_offset = -_seconds(match["std_offset"])
    if match["dst"] is None:
        return CurrentRules(match["std"].strip("<>"), std_offset)
    dst_offset = -_seconds(match["dst_offset"]) if match["dst_offset"] else std_offset + 3600
    return CurrentRules(
        match["std"].strip("<>"),
        std_offset,
        match["dst"].strip("<>"),
        dst_offset,
        _rule(match["start"]),
        _rule(match["end"]),
    )


def _tzif(key: str) -> bytes:
    """The compiled file of a zone, found the way `zoneinfo` finds it."""
    if key not in known_time_zones():
        raise ValueError(f"unknown time zone {key!r}")
    for root in zoneinfo.TZPATH:
        path = os.path.join(root, key)
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                return handle.read()
    return importlib.resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()


def read_tzif(data: bytes) -> tuple[list[Change], CurrentRules]:
    """The listed changes (from the 64-bit part of a version 2+ file) and the footer."""
    magic, version, *counts = HEADER.unpack_from(data, 0)
    if magic != b"TZif" or version == b"\x00":
        raise ValueError("not a TZif file of version 2 or later")
    isut, isstd, leap, times, types, chars = counts
    offset = HEADER.size + times * 5 + types * 6 + chars + leap * 8 + isstd + isut
    _magic, _version, isut, isstd, leap, times, types, chars = HEADER.unpack_from(data, offset)
    offset += HEADER.size
    instants = struct.unpack_from(f">{times}q", data, offset)
    offset += times * 8
    indexes = data[offset : offset + times]
    offset += times
    kinds = [struct.unpack_from(">lBB", data, offset + 6 * n) for n in range(types)]
    offset += types * 6
    names = data[offset : offset + chars]
    offset += chars + leap * 12 + isstd + isut
    footer = data[offset:].strip(b"\n").decode("ascii")

    def name(index: int) -> str:
        return names[index : names.index(b"\x00", index)].decode("ascii")

    changes, before = [], kinds[0][0] if kinds else 0
    for instant, index in zip(instants, indexes, strict=True):
        after, _is_dst, name_index = kinds[index]
        moment = (EPOCH + timedelta(seconds=instant)).replace(tzinfo=UTC)
        changes.append(Change(moment, before, after, name(name_index)))
        before = after
    return changes, parse_posix_tz(footer)


@cache
def zone_rules(key: str) -> tuple[tuple[Change, ...], CurrentRules]:
    """A zone's listed changes not produced by its current rules, and those rules."""
    changes, rules = read_tzif(_tzif(key))
    while changes and rules.start is not None:
        last = changes[-1]
        year = last.instant.year
        ruled = {
            (change.instant, change.after)
            for near in (year - 1, year, year + 1)
            for change in rules.changes(near)
        }
        if (last.instant, last.after) not in ruled:
            break
        changes.pop()
    return tuple(changes), rules


def _observance(change: Change, rrule: dict | None = None):
    # Clients read DAYLIGHT as the time that runs ahead of standard time by its difference
    # (dateutil's dst()). The zone files call Ireland's winter time and Morocco's Ramadan
    # time daylight saving, the other way round, and a jump over the date line is a day
    # long: so a change counts as daylight saving by what it does, a step forward of at
    # most two hours.
    forward = 0 < change.after - change.before <= 7200
    component = TimezoneDaylight() if forward else TimezoneStandard()
    component.add("dtstart", change.local_start)
    component.add("tzoffsetfrom", timedelta(seconds=change.before))
    component.add("tzoffsetto", timedelta(seconds=change.after))
    component.add("tzname", change.name)
    if rrule:
        component.add("rrule", rrule)
    return component


def _listed(key: str, since: datetime, until: datetime) -> tuple[int, int]:
    """Which of the zone's listed changes a calendar from `since` to `until` needs, as a
    slice of them: the one in force at `since`, and those up to `until`."""
    instants = [change.instant for change in zone_rules(key)[0]]
    in_force = bisect.bisect_right(instants, since)
    return max(in_force - 1, 0), max(bisect.bisect_right(instants, until), in_force)


def vtimezone(key: str, *, since: datetime, until: datetime) -> Timezone:
    """The VTIMEZONE of zone `key` for a calendar whose events fall between `since` and
    `until` (aware datetimes). Changes listed before `since` are left out, except the one
    in force then; those after `until` too, since no event reads them."""
    return _block(key, *_listed(key, since, until))


def vtimezone_ical(key: str, *, since: datetime, until: datetime) -> bytes:
    """The same block, serialized: built once per zone and span of changes, then reused
    (building and folding a zone's block cost milliseconds on every calendar request)."""
    return _block_ical(key, *_listed(key, since, until))


@lru_cache(maxsize=2048)
def _block_ical(key: str, start: int, stop: int) -> bytes:
    return _block(key, start, stop).to_ical()


def _block(key: str, start: int, stop: int) -> Timezone:
    changes, rules = zone_rules(key)
    listed = list(changes[start:stop])
    block = Timezone()
    block.add("tzid", key)
    for change in listed:
        block.add_component(_observance(change))
    if rules.start is not None and rules.end is not None:
        # The yearly rules take over after the last listed change (or from 1970).
        after = changes[-1].instant if changes else EPOCH.replace(tzinfo=UTC)
        for index, rule in enumerate((rules.start, rules.end)):
            for rrule in rule.rrules():
                # The first change after `after` that falls in this RRULE's month: within
                # 28 years the weekdays have fallen on every date once.
                first = next(
                    change
                    for year in range(after.year, after.year + 30)
                    if (change := rules.changes(year)[index]).instant > after
                    and change.local_start.month == rrule["BYMONTH"]
                )
                block.add_component(_observance(first, rrule))
    elif not listed:
        fixed = Change(
            EPOCH.replace(tzinfo=UTC), rules.std_offset, rules.std_offset, rules.std_name
        )
        block.add_component(_observance(fixed))
    return block
