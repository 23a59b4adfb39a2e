"""The VTIMEZONE blocks, checked against Python's own zone database for every zone.

A block is read the way vobject, khal and icalendar's `to_tz` read it: by dateutil's
`tzical`. Wherever it disagrees with `zoneinfo` a calendar shows the meeting at the wrong
hour, so the check covers every zone in 2026 and 2040, and minute by quarter hour around
every change of the zones whose rules are unusual.
"""

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from dateutil.tz import tzical

from mediation.portal.vtimezone import Rule, parse_posix_tz, vtimezone

SINCE = datetime(2026, 1, 1, tzinfo=UTC)
UNTIL = datetime(2041, 1, 1, tzinfo=UTC)
# Two hours of a day of each month: both halves of every daylight-saving year.
SAMPLES = [
    datetime(year, month, 10, hour, tzinfo=UTC)
    for year in (2026, 2040)
    for month in range(1, 13)
    for hour in (2, 14)
]


def _read_back(key: str):
    text = vtimezone(key, since=SINCE, until=UNTIL).to_ical().decode()
    return tzical(io.StringIO(text)).get(key)


def _local(moment: datetime, zone) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def test_every_zone_reads_back_as_python_knows_it_in_2026_and_2040():
    wrong = []
    for key in sorted(available_timezones()):
        block, truth = _read_back(key), ZoneInfo(key)
        for moment in SAMPLES:
            if _local(moment, block) != _local(moment, truth):
                wrong.append(f"{key} at {moment:%Y-%m-%d %H:%M}Z")
                break
    assert wrong == []


def _changes(zone: ZoneInfo, year: int) -> list[datetime]:
    """The moments (to the hour) where the zone's offset changes in this year."""
    found, moment = [], datetime(year, 1, 1, tzinfo=UTC)
    previous = moment.astimezone(zone).utcoffset()
    while moment.year == year:
        moment += timedelta(hours=1)
        offset = moment.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(moment)
            previous = offset
    return found


@pytest.mark.parametrize(
    "key",
    [
        "Europe/Zurich",  # the common European rule
        "Australia/Sydney",  # southern hemisphere: the year starts in daylight time
        "Europe/Dublin",  # the zone files call winter time daylight saving
        "America/Nuuk",  # changes at -1:00, the evening before the named Sunday
        "America/Santiago",  # changes at 24:00 on a Saturday
        "Africa/Cairo",  # at 24:00 on the last Thursday, sometimes the 1st of the next month
        "Asia/Gaza",  # at 50:00 after a Thursday: a Saturday
        "Australia/Lord_Howe",  # daylight saving of half an hour
        "Pacific/Chatham",  # offsets of 12:45 and 13:45
        "Antarctica/Troll",  # daylight saving of two hours
        "Africa/Casablanca",  # changes listed year by year (Ramadan), no yearly rule
    ],
)
def test_times_around_each_change_read_back_right(key):
    block, truth = _read_back(key), ZoneInfo(key)
    for year in (2026, 2040):
        for change in _changes(truth, year):
            for quarter in range(-8, 9):
                moment = change + timedelta(minutes=15 * quarter)
                assert _local(moment, block) == _local(moment, truth), f"{key} {moment}"


def test_a_zone_with_daylight_saving_is_two_yearly_rules_without_end():
    text = vtimezone("Europe/Zurich", since=SINCE, until=UNTIL).to_ical().decode()
    assert text.count("RRULE:") == 2
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in text
    assert "UNTIL" not in text
    assert "COMMENT" not in text
    # The change in force in 2026 is the 1996 rule's: no list of dates before it.
    assert text.count("BEGIN:STANDARD") + text.count("BEGIN:DAYLIGHT") <= 3


def test_a_zone_without_daylight_saving_is_one_fixed_offset():
    text = vtimezone("Asia/Tokyo", since=SINCE, until=UNTIL).to_ical().decode()
    assert "RRULE" not in text
    assert text.count("BEGIN:STANDARD") == 1
    assert "TZOFFSETTO:+0900" in text


def test_the_posix_rule_of_a_zone_is_read_with_its_odd_times():
    rules = parse_posix_tz("<-02>2<-01>,M3.5.0/-1,M10.5.0/0")
    assert (rules.std_name, rules.std_offset, rules.dst_name, rules.dst_offset) == (
        "-02",
        -7200,
        "-01",
        -3600,
    )
    assert rules.start == Rule(month=3, week=5, day=0, at=-3600)
    # The last Sunday of March 2040 is the 25th: an hour before it is the 24th, 23:00.
    assert rules.start.onset(2040) == datetime(2040, 3, 24, 23, 0)


def test_a_change_past_midnight_is_found_among_the_seven_days_it_can_fall_on():
    # Egypt: the last Thursday of October at 24:00, which is a Friday from the 26th to
    # the 1st of November.
    assert Rule(month=10, week=5, day=4, at=24 * 3600).rrules() == [
        {"FREQ": "YEARLY", "BYMONTH": 10, "BYDAY": "FR", "BYMONTHDAY": [-6, -5, -4, -3, -2, -1]},
        {"FREQ": "YEARLY", "BYMONTH": 11, "BYDAY": "FR", "BYMONTHDAY": [1]},
    ]
