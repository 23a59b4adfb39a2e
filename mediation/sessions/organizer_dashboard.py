"""What an organizer should look at next, across their processes: shown at the top of the
admin's index page, each row linking to where it is fixed. Five queries at any size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from mediation import access
from mediation.models import ActionItem, Consent, DialogueSession, Invitation, SessionRecord

from .selectors import OPEN_STATUSES

ROWS = 20
SOON_DAYS = 14
RECENT_DAYS = 60


@dataclass
class OrganizerDashboard:
    unready: list[DialogueSession]  # within SOON_DAYS: no agenda, or answers missing
    drafts: list[DialogueSession]
    awaiting_record: list[DialogueSession]
    overdue_actions: list[ActionItem]
    without_consent: list[Invitation]  # not emailed yet, no contact consent in force

    def __bool__(self) -> bool:
        return any(
            (
                self.unready,
                self.drafts,
                self.awaiting_record,
                self.overdue_actions,
                self.without_consent,
            )
        )


def organizer_dashboard(user, now=None) -> OrganizerDashboard:
    now = now or timezone.now()
    sessions = access.sessions_editable_by(user).filter(
        process__in=access.processes_administered_by(user)
    )
    live = sessions.exclude(status=DialogueSession.Status.CANCELLED)
    coming = live.filter(ends_at__gte=now)
    unready = (
        coming.filter(starts_at__lte=now + timedelta(days=SOON_DAYS))
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            unanswered=Count(
                "invitations",
                filter=Q(invitations__response=Invitation.Response.INVITED),
                distinct=True,
            ),
        )
        .filter(Q(item_count=0) | Q(unanswered__gt=0))
        .select_related("process")
        .order_by("starts_at")[:ROWS]
    )
    drafts = (
        coming.filter(published_at__isnull=True).select_related("process").order_by("starts_at")
    )[:ROWS]
    awaiting_record = (
        live.filter(ends_at__lt=now, ends_at__gte=now - timedelta(days=RECENT_DAYS))
        .exclude(confidentiality=DialogueSession.Confidentiality.NO_RECORD)
        .filter(Q(record__isnull=True) | Q(record__state=SessionRecord.State.DRAFT))
        .select_related("process")
        .order_by("-ends_at")[:ROWS]
    )
    overdue = (
        ActionItem.objects.filter(
            session__in=sessions, status__in=OPEN_STATUSES, due_date__lt=timezone.localdate(now)
        )
        .select_related("owner", "session")
        .order_by("due_date", "created_at")[:ROWS]
    )
    consent = Consent.objects.in_force().filter(
        participant=OuterRef("participant"),
        process=OuterRef("session__process"),
        kind=Consent.Kind.CONTACTED,
    )
    without_consent = (
        Invitation.objects.filter(session__in=coming, invited_at__isnull=True)
        .exclude(Exists(consent))
        .select_related("participant", "session")
        .order_by("session__starts_at", "participant__name")[:ROWS]
    )
    return OrganizerDashboard(
        unready=list(unready),
        drafts=list(drafts),
        awaiting_record=list(awaiting_record),
        overdue_actions=list(overdue),
        without_consent=list(without_consent),
    )
