"""Calendar files (iCalendar, RFC 5545) for sessions, built with the `icalendar` package.

What lands in someone's calendar leaves the product (calendar providers sync it, phones
show it on lock screens), so every field asks `confidentiality` with the CALENDAR audience:
by default an event says only the neutral public title, the time and a link back; the real
title, objectives and venue appear only when the process is on the record. Participants'
names never appear. Where the place is withheld, so is the session's time zone: the event
is written in UTC, with no TZID and no VTIMEZONE that would say where it meets.

Each event carries a SEQUENCE that goes up with every change of it (the session's
`calendar_sequence` plus the invitation's), and LAST-MODIFIED, so a calendar that reads
the file or the feed again replaces its copy instead of keeping the old one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from mediation.confidentiality import Audience, Content, may_leave, may_name_zone, public_title
from mediation.models import DialogueSession, Invitation
from mediation.portal.vtimezone import vtimezone_ical

PRODID = "-//Track II dialogue tracker//Calendar//EN"
UID_DOMAIN = "dialogue-tracker.invalid"
# How often a subscribed calendar should fetch the feed again (RFC 7986 REFRESH-INTERVAL,
# and X-PUBLISHED-TTL for the programs that read only that).
FEED_REFRESH = timedelta(hours=1)

Status = DialogueSession.Status


@dataclass(frozen=True)
class CalendarEntry:
    session: DialogueSession
    url: str  # absolute link to the session page (it carries only a random id)
    invitation: Invitation | None = None

    @property
    def zone_named(self) -> bool:
        return may_name_zone(self.session, Audience.CALENDAR)

    @property
    def sequence(self) -> int:
        """Goes up with every change of the session's event or of this person's answer."""
        answered = self.invitation.calendar_sequence if self.invitation else 0
        return self.session.calendar_sequence + answered

    @property
    def last_modified(self) -> datetime:
        stamps = [self.session.updated_at]
        if self.invitation is not None:
            stamps.append(self.invitation.updated_at)
        return max(stamps)

    @property
    def status(self) -> str:
        """CANCELLED for a cancelled (or archived) session and for a declined invitation,
        TENTATIVE while the session is only planned or postponed, else CONFIRMED."""
        session = self.session
        declined = (
            self.invitation is not None
            and self.invitation.response == Invitation.Response.DECLINED
        )
        if session.status == Status.CANCELLED or session.archived_at is not None or declined:
            return "CANCELLED"
        if session.status in {Status.PLANNED, Status.POSTPONED}:
            return "TENTATIVE"
        return "CONFIRMED"


def event_uid(session: DialogueSession) -> str:
    """Stable across downloads and feeds, so calendars update an event instead of adding one."""
    return f"session-{session.pk}@{UID_DOMAIN}"


def session_event(entry: CalendarEntry) -> Event:
    session = entry.session
    audience = Audience.CALENDAR
    zone = session.zone if entry.zone_named else UTC
    event = Event()
    event.add("uid", event_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", entry.last_modified)
    event.add("sequence", entry.sequence)
    event.add("summary", public_title(session, audience))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    description = [_("A dialogue meeting. Details for invited people:"), entry.url]
    if session.objectives and may_leave(Content.TOPICS, session=session, audience=audience):
        description = [session.objectives, "", *description]
    event.add("description", "\n".join(description))
    event.add("url", entry.url)
    if may_leave(Content.PLACE, session=session, audience=audience):
        event.add("location", session.place)
    event.add("class", "CONFIDENTIAL")
    event.add("status", entry.status)
    return event


def _timezones(entries: list[CalendarEntry]) -> list[bytes]:
    """One VTIMEZONE per zone named, covering the events written in it (serialized, from
    a cache: see vtimezone_ical)."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for entry in entries:
        if not entry.zone_named:
            continue
        session = entry.session
        first, last = spans.get(session.time_zone, (session.starts_at, session.ends_at))
        spans[session.time_zone] = (
            min(first, session.starts_at),
            max(last, session.ends_at),
        )
    return [
        vtimezone_ical(key, since=since, until=until)
        for key, (since, until) in sorted(spans.items())
    ]


def calendar_bytes(
    entries: Iterable[CalendarEntry],
    *,
    name: str | None = None,
    refresh: timedelta | None = None,
) -> bytes:
    """The calendar file; `refresh` for a feed, telling subscribers how often to read it."""
    entries = list(entries)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    if refresh:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    for entry in entries:
        calendar.add_component(session_event(entry))
    body = calendar.to_ical()
    # The zones go where RFC 5545 wants them, before the events (after the calendar's own
    # properties), already serialized.
    first_event = body.find(b"BEGIN:VEVENT\r\n")
    at = first_event if first_event >= 0 else body.rindex(b"END:VCALENDAR\r\n")
    return body[:at] + b"".join(_timezones(entries)) + body[at:]
