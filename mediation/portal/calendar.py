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

A participant's feed is read every hour by every calendar program they subscribed, and
building it costs a hundred milliseconds at 200 events; it is kept in Django's cache
under a digest of everything it is written from (`feed_bytes`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.utils import timezone, translation
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
# A built feed is kept under a digest of its inputs (any change of them is a new key), so
# this bounds only what the data cannot show: new code, translations or zone rules after
# an upgrade. Raise FEED_LAYOUT with any change of what the file says or how.
FEED_CACHE_SECONDS = 24 * 60 * 60
DTSTAMP = re.compile(rb"^DTSTAMP:[^\r\n]*\r\n", re.MULTILINE)
FEED_LAYOUT = 1

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


def feed_key(*, owner, versions: list[tuple], site: str, name: str) -> str:
    """The cache key of `owner`'s feed: a digest of every input of its file. `versions`
    names each invitation in it and when it, its session and its process were last saved
    (answers, times, titles, place, status, the process's rules of what may leave); `site`
    is the address its links start with; with them the owner, their token, the language
    and the layout. A change of any of them is another key, and no two people's feeds
    share one. Only DTSTAMP, the moment of writing, is not an input."""
    head = (FEED_LAYOUT, PRODID, str(owner.pk), owner.calendar_token, site)
    digest = hashlib.blake2b(
        repr((head, translation.get_language(), name)).encode(), digest_size=24
    )
    digest.update(repr(versions).encode())
    return f"calendar-feed:{digest.hexdigest()}"


def content_digest(body: bytes) -> str:
    """A digest of the file without its DTSTAMP lines (the moment of writing, different on
    every build): the same for two builds of the same content, so usable as its ETag."""
    return hashlib.sha256(DTSTAMP.sub(b"", body)).hexdigest()[:40]


def feed_file(
    *, owner, versions: list[tuple], site: str, entries: Callable[[], list[CalendarEntry]]
) -> tuple[bytes, str]:
    """`owner`'s subscription feed in the active language, and its `content_digest`: from
    the cache when nothing it is written from has changed since it was built, else built
    from `entries()`."""
    name = _("Dialogue meetings")
    key = feed_key(owner=owner, versions=versions, site=site, name=name)
    cached = cache.get(key)
    if cached is None:
        body = calendar_bytes(entries(), name=name, refresh=FEED_REFRESH)
        cached = (body, content_digest(body))
        cache.set(key, cached, FEED_CACHE_SECONDS)
    return cached
