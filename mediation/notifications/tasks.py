"""Background work through Django's tasks framework (settings.TASKS): sending emails.

Each task takes ids (task arguments must be JSON), re-reads the row under a lock, checks
that it is still due and that the person may still be contacted (consent and the choice to
get reminders are read at send time, so a withdrawal stops what was queued), sends, and
stamps the row. Stamping is what
makes repeated runs (a retried task, two cron runs) send once.
"""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from mediation.models import ActionItem, Invitation
from mediation.notifications import emails
from mediation.people.accounts import participant_account_ensure


@task
def send_invitation_email(invitation_id: str, base_url: str) -> bool:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("session__process", "participant__user__profile")
            .filter(pk=invitation_id, invited_at__isnull=True)
            .first()
        )
        if invitation is None or not emails.may_email(invitation.session, invitation.participant):
            return False
        account = participant_account_ensure(participant=invitation.participant)
        if not emails.valid_address(account.email):
            return False
        emails.send_invitation(invitation, base_url)
        invitation.invited_at = timezone.now()
        invitation.save(update_fields=["invited_at", "updated_at"])
    return True


@task
def send_session_reminder_email(invitation_id: str, base_url: str) -> bool:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("session__process", "participant__user__profile")
            .filter(
                pk=invitation_id,
                reminded_at__isnull=True,
                response__in=[Invitation.Response.ACCEPTED, Invitation.Response.TENTATIVE],
            )
            .first()
        )
        if invitation is None or not emails.may_remind(invitation.session, invitation.participant):
            return False
        emails.send_session_reminder(invitation, base_url)
        invitation.reminded_at = timezone.now()
        invitation.save(update_fields=["reminded_at", "updated_at"])
    return True


@task
def send_action_reminder_email(action_id: str, base_url: str) -> bool:
    with transaction.atomic():
        action = (
            ActionItem.objects.select_for_update(of=("self",))
            .select_related("session__process", "owner__user__profile")
            .filter(
                pk=action_id,
                reminded_at__isnull=True,
                owner__isnull=False,
                status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
            )
            .first()
        )
        if action is None or not emails.may_remind(action.session, action.owner):
            return False
        emails.send_action_reminder(action, base_url)
        action.reminded_at = timezone.now()
        action.save(update_fields=["reminded_at", "updated_at"])
    return True


@task
def send_two_factor_notice_email(user_id: int, change: str, at: str) -> bool:
    """Tell an account's owner that its second factor changed (see `twofactor_devices`).

    Nothing to lock or stamp: each change queues one notice, once it is committed. An
    account without a usable address is skipped; there is no one else to tell.
    """
    user = User.objects.select_related("profile").filter(pk=user_id).first()
    if user is None or not emails.may_notify_account(user):
        return False
    emails.send_two_factor_notice(
        user, change=emails.TwoFactorChange(change), at=datetime.fromisoformat(at)
    )
    return True


@task
def send_address_changed_email(user_id: int, old_address: str, at: str) -> bool:
    """Tell the old address that the account's address changed (see
    `account_services.account_address_change`). Queued once the change is committed."""
    user = User.objects.select_related("profile").filter(pk=user_id).first()
    if user is None or not emails.valid_address(old_address):
        return False
    emails.send_address_changed_notice(
        user, old_address=old_address, at=datetime.fromisoformat(at)
    )
    return True
