"""Calendar files (iCalendar, RFC 5545) for sessions, built with the `icalendar` package.

What lands in someone's calendar leaves the product (calendar providers sync it, phones
show it on lock screens), so every field asks `confidentiality` with the CALENDAR audience:
by default an event says only the neutral public title, the time and a link back; the real
title, objectives and venue appear only when the process is on the record. Participants'
names never appear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from mediation.confidentiality import Audience, Content, may_leave, public_title
from mediation.models import DialogueSession, Invitation

PRODID = "-//Track II dialogue tracker//Calendar//EN"
UID_DOMAIN = "dialogue-tracker.invalid"


@dataclass(frozen=True)
class CalendarEntry:
    session: DialogueSession
    url: str  # absolute link to the session page (it carries only a random id)
    invitation: Invitation | None = None


def event_uid(session: DialogueSession) -> str:
    """Stable across downloads and feeds, so calendars update an event instead of adding one."""
    return f"session-{session.pk}@{UID_DOMAIN}"


def _is_cancelled(entry: CalendarEntry) -> bool:
    session = entry.session
    if session.status == DialogueSession.Status.CANCELLED or session.archived_at is not None:
        return True
    return entry.invitation is not None and (
        entry.invitation.response == Invitation.Response.DECLINED
    )


def session_event(entry: CalendarEntry) -> Event:
    session = entry.session
    audience = Audience.CALENDAR
    event = Event()
    event.add("uid", event_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", session.updated_at)
    event.add("summary", public_title(session, audience))
    # In the session's own zone, so the file carries a TZID and its VTIMEZONE.
    event.add("dtstart", session.starts_at.astimezone(session.zone))
    event.add("dtend", session.ends_at.astimezone(session.zone))
    description = [_("A dialogue meeting. Details for invited people:"), entry.url]
    if session.objectives and may_leave(Content.TOPICS, session=session, audience=audience):
        description = [session.objectives, "", *description]
    event.add("description", "\n".join(description))
    event.add("url", entry.url)
    if may_leave(Content.PLACE, session=session, audience=audience):
        event.add("location", session.place)
    event.add("class", "CONFIDENTIAL")
    if _is_cancelled(entry):
        event.add("status", "CANCELLED")
    elif entry.invitation is not None and entry.invitation.response == "tentative":
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar_bytes(entries: Iterable[CalendarEntry], *, name: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(session_event(entry))
    calendar.add_missing_timezones()
    return calendar.to_ical()
