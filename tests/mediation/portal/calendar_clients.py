"""Calendar files read the way other programs read them: vobject, ics-py and icalendar.

Each reader works differently, which is the point of using three:
- vobject turns every VTIMEZONE into a time zone (through dateutil) and reads the event's
  local time with it, so a block that goes wrong in some year moves the event;
- ics-py looks the TZID up by name in the system's zone database;
- icalendar looks the TZID up in `zoneinfo`, and separately turns each VTIMEZONE into a
  time zone of its own (`to_tz(lookup_tzid=False)`), which is checked too.

`read_everywhere` returns, per reader, what it understood of each event, with start and
end as aware UTC datetimes, so a test compares them with what the database holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import ics
import vobject
import vobject.icalendar
from icalendar import Calendar


@dataclass(frozen=True)
class ReadEvent:
    uid: str
    start: datetime
    end: datetime
    status: str
    sequence: int


def _utc(value: datetime) -> datetime:
    assert value.tzinfo is not None, f"a floating time: {value}"
    return value.astimezone(UTC)


def _forget_vobject_zones() -> None:
    """vobject keeps the first VTIMEZONE it meets per TZID for the whole process; forget
    them, so this file is read with its own blocks and not another test's."""
    zones = vars(vobject.icalendar)["__tzidMap"]
    zones.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)


def with_vobject(body: bytes) -> list[ReadEvent]:
    _forget_vobject_zones()
    calendar = vobject.readOne(body.decode("utf-8"))
    return [
        ReadEvent(
            uid=event.uid.value,
            start=_utc(event.dtstart.value),
            end=_utc(event.dtend.value),
            status=event.status.value,
            sequence=int(event.sequence.value),
        )
        for event in calendar.vevent_list
    ]


def with_ics(body: bytes) -> list[ReadEvent]:
    calendar = ics.Calendar(body.decode("utf-8"))
    read = []
    for event in calendar.events:
        extra = {line.name: line.value for line in event.extra}
        read.append(
            ReadEvent(
                uid=event.uid,
                start=_utc(event.begin.datetime),
                end=_utc(event.end.datetime),
                status=event.status,
                sequence=int(extra["SEQUENCE"]),
            )
        )
    return read


def with_icalendar(body: bytes) -> list[ReadEvent]:
    calendar = Calendar.from_ical(body)
    return [
        ReadEvent(
            uid=str(event["UID"]),
            start=_utc(event.start),
            end=_utc(event.end),
            status=str(event["STATUS"]),
            sequence=int(event["SEQUENCE"]),
        )
        for event in calendar.events
    ]


def with_icalendar_blocks(body: bytes) -> list[ReadEvent]:
    """icalendar again, each local time read with the file's own VTIMEZONE, never with
    the zone database: this is what a client without IANA names sees."""
    calendar = Calendar.from_ical(body)
    zones = {str(block["TZID"]): block.to_tz(lookup_tzid=False) for block in calendar.timezones}
    read = []
    for event in calendar.events:
        times = []
        for name in ("DTSTART", "DTEND"):
            prop = event[name]
            tzid = prop.params.get("TZID")
            local = prop.dt.replace(tzinfo=None)
            times.append(_utc(local.replace(tzinfo=zones[tzid]) if tzid else prop.dt))
        read.append(
            ReadEvent(
                uid=str(event["UID"]),
                start=times[0],
                end=times[1],
                status=str(event["STATUS"]),
                sequence=int(event["SEQUENCE"]),
            )
        )
    return read


READERS = {
    "vobject": with_vobject,
    "ics-py": with_ics,
    "icalendar": with_icalendar,
    "icalendar (own VTIMEZONE)": with_icalendar_blocks,
}


def read_everywhere(body: bytes) -> dict[str, dict[str, ReadEvent]]:
    """Each reader's events, by UID."""
    return {reader: {event.uid: event for event in read(body)} for reader, read in READERS.items()}
