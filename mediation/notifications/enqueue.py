"""Queue the emails a write calls for. The one module that imports `tasks`, so no service
and task import each other."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _

from mediation import access
from mediation.errors import Refusal
from mediation.models import (
    ActionItem,
    DialogueSession,
    Invitation,
)
from mediation.notifications import emails, tasks


def session_invitations_send(*, session: DialogueSession, base_url: str) -> tuple[int, int]:
    """Email the invitations not emailed yet, to those who agreed to be contacted.

    Returns (queued, skipped): skipped people have no consent in force or no address, and
    are left to be invited another way. Each email is a task that stamps `invited_at`.
    A draft session sends nothing: it is refused, to be published first.
    """
    if session.is_draft:
        raise Refusal(
            _("This session is a draft: publish it before sending its invitations."),
            code="draft",
        )
    pending = list(
        session.invitations.filter(invited_at__isnull=True).select_related("participant")
    )
    contactable = emails.contactable(session, [i.participant for i in pending])
    queued = skipped = 0
    for invitation in pending:
        if invitation.participant_id not in contactable:
            skipped += 1
            continue
        result = tasks.send_invitation_email.enqueue(str(invitation.pk), base_url)
        if result.status == TaskResultStatus.FAILED:
            skipped += 1
        else:
            queued += 1
    return queued, skipped


def reminders_enqueue(
    *, base_url: str, now: datetime | None = None, hours: int | None = None
) -> tuple[int, int]:
    """Queue reminders that are due: sessions starting within `hours` (REMINDER_HOURS) for
    those who accepted or may come, and actions due within three days or overdue.

    Safe to run as often as cron likes: each row is stamped once its reminder is sent.
    Nobody who turned reminders off (`Participant.reminders`) is reminded.
    """
    now = now or timezone.now()
    hours = settings.REMINDER_HOURS if hours is None else hours
    live = access.sessions_visible_to_all_live().exclude(status=DialogueSession.Status.CANCELLED)
    invitations = Invitation.objects.filter(
        session__in=live.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours)),
        reminded_at__isnull=True,
        response__in=[Invitation.Response.ACCEPTED, Invitation.Response.TENTATIVE],
        participant__reminders=True,
    ).select_related("session__process", "participant")
    sessions_queued = 0
    for invitation in invitations:
        if emails.may_remind(invitation.session, invitation.participant):
            tasks.send_session_reminder_email.enqueue(str(invitation.pk), base_url)
            sessions_queued += 1
    today = timezone.localdate(now)
    actions = ActionItem.objects.filter(
        session__in=live,
        owner__isnull=False,
        owner__reminders=True,
        reminded_at__isnull=True,
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lte=today + timedelta(days=3),
    ).select_related("session__process", "owner")
    actions_queued = 0
    for action in actions:
        if emails.may_remind(action.session, action.owner):
            tasks.send_action_reminder_email.enqueue(str(action.pk), base_url)
            actions_queued += 1
    return sessions_queued, actions_queued


def address_changed_notice(account, *, old_address: str) -> None:
    """Tell the old address of an account that it changed, once the change is committed."""
    at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: tasks.send_address_changed_email.enqueue(account.pk, old_address, at)
    )


def two_factor_notice(user, change: emails.TwoFactorChange) -> None:
    """Tell someone their two-factor devices changed, once the change is committed: a change
    rolled back is not announced."""
    at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: tasks.send_two_factor_notice_email.enqueue(user.pk, str(change), at)
    )
