"""What a participant reads of their own: agenda, actions, calendar feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
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


def _my_invitations(user) -> QuerySet[Invitation]:
    participant = access.participant_of(user)
    if participant is None:
        return Invitation.objects.none()
    # Sessions the user runs (as facilitator or organizer) are on their working lists, not
    # on their agenda as an invitee.
    return (
        Invitation.objects.filter(
            participant=participant, session__in=access.sessions_visible_to(user).values("id")
        )
        .exclude(session__in=access.sessions_editable_by(user).values("id"))
        .select_related("session__process", "session__record")
    )


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

    Four queries whatever the size (a count and a page for each list).
    """
    now = now or timezone.now()
    invitations = _my_invitations(user)
    upcoming = invitations.filter(session__ends_at__gte=now).order_by(
        "session__starts_at", "session_id"
    )
    past = invitations.filter(session__ends_at__lt=now).order_by(
        "-session__starts_at", "session_id"
    )
    return ParticipantAgenda(
        upcoming=_entries(Paginator(upcoming, per_page).get_page(upcoming_page), now),
        past=_entries(Paginator(past, per_page).get_page(past_page), now),
    )


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
    of theirs, and every change of them is a save (`updated_at`, `auto_now`)."""
    return list(
        _feed_invitations(participant).values_list(
            "id", "updated_at", "session_id", "session__updated_at", "session__process__updated_at"
        )[:FEED_LIMIT]
    )
