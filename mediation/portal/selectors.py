"""What a participant reads of their own: agenda, actions, calendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Case, F, QuerySet, When
from django.utils import timezone

from mediation import access, confidentiality
from mediation.models import (
    ActionItem,
    DialogueSession,
    Invitation,
    Participant,
)
from mediation.sessions.selectors import answer_open


@dataclass(frozen=True)
class AgendaEntry:
    """One session on a participant's own agenda, with what they may read of it."""

    invitation: Invitation
    session: DialogueSession
    may_answer: bool
    summary: str  # the shared summary, or "" when none may be shown


@dataclass
class ParticipantAgenda:
    upcoming: Page
    past: Page


def _entries(page: Page, now: datetime) -> Page:
    entries = []
    for invitation in page.object_list:
        session = invitation.session
        record = getattr(session, "record", None)  # None when nothing was recorded
        shared = record is not None and confidentiality.may_leave(
            confidentiality.Content.SUMMARY,
            session=session,
            audience=confidentiality.Audience.PARTICIPANTS,
            record=record,
        )
        entries.append(
            AgendaEntry(
                invitation=invitation,
                session=session,
                may_answer=answer_open(session, now),
                summary=record.summary if shared else "",
            )
        )
    page.object_list = entries
    return page


def participant_agenda(
    user,
    *,
    upcoming_page: str | int | None = None,
    past_page: str | int | None = None,
    per_page: int = 10,
    now: datetime | None = None,
) -> ParticipantAgenda:
    """The sessions a participant is invited to: upcoming soonest first, past latest first.

    Two queries whatever the size: the agenda's rows (ids and times, a query compiled once
    per process, see access.agenda_rows), sorted and paged here, then the invitations of
    the two pages shown.
    """
    now = now or timezone.now()
    rows = access.agenda_rows(user)
    # (starts_at, session id) ascending for what is to come; starts_at descending, then
    # session id ascending, for what is past (two stable sorts), as the database ordered them.
    upcoming = sorted((row for row in rows if row[3] >= now), key=lambda row: (row[2], row[1]))
    past = sorted((row for row in rows if row[3] < now), key=lambda row: row[1])
    past.sort(key=lambda row: row[2], reverse=True)
    upcoming = Paginator(upcoming, per_page).get_page(upcoming_page)
    past = Paginator(past, per_page).get_page(past_page)
    shown = [row[0] for row in (*upcoming.object_list, *past.object_list)]
    invitations = (
        Invitation.objects.filter(id__in=shown)
        .select_related("session__process", "session__record")
        .in_bulk()
        if shown
        else {}
    )
    for page in (upcoming, past):
        page.object_list = [invitations[row[0]] for row in page.object_list]
    return ParticipantAgenda(upcoming=_entries(upcoming, now), past=_entries(past, now))


def my_actions(user) -> QuerySet[ActionItem]:
    """The follow-up actions a participant owns: open ones first, soonest due first."""
    return (
        access.actions_owned_by(user)
        .select_related("session__process")
        .annotate(
            is_closed=Case(
                When(status__in=[ActionItem.Status.DONE, ActionItem.Status.DROPPED], then=1),
                default=0,
            )
        )
        .order_by("is_closed", F("due_date").asc(nulls_last=True), "created_at")
    )


def today_for_viewer():
    """Today's date in the viewer's active time zone (due dates are calendar days)."""
    return timezone.localdate()


FEED_LIMIT = 500


def participant_by_calendar_token(token: str):
    """The participant whose live account owns this feed token, or None."""

    return (
        Participant.objects.filter(
            calendar_token=token,
            archived_at__isnull=True,
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user__profile")
        .first()
    )


def _feed_invitations(participant):
    sessions = access.sessions_visible_to(participant.user).values("id")
    return Invitation.objects.filter(participant=participant, session__in=sessions).order_by(
        "-session__starts_at"
    )


def calendar_feed_invitations(participant) -> list[Invitation]:
    """The participant's invitations to sessions they may still see, latest first, bounded.

    Declined ones stay in (marked cancelled by the feed) so calendars drop the event.
    """
    return list(_feed_invitations(participant).select_related("session__process")[:FEED_LIMIT])


def calendar_feed_versions(participant) -> list[tuple]:
    """What says whether the feed changed, without loading it: for each invitation of
    `calendar_feed_invitations` (the same ones, in the same order), its id and when it, its
    session and its process were last saved. Every field the file is written from is one
    of theirs, and every change of them is a save (`updated_at`, `auto_now`).

    Only a digest reads these rows (calendar.feed_key), so they are fetched as the database
    gives them, without Django's per-value converters: on SQLite parsing 600 timestamps and
    200 UUIDs took more CPU than the cached feed it guards."""
    query = _feed_invitations(participant).values_list(
        "id", "updated_at", "session_id", "session__updated_at", "session__process__updated_at"
    )[:FEED_LIMIT]
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]
