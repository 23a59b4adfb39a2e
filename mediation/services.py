"""Writes with side effects, one function per action, named <entity>_<action>.

Each runs in a transaction, so a multi-step write either happens whole or not at all.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import ORGANIZERS_GROUP
from .models import ActionItem, AgendaItem, DialogueSession, Invitation, Participant, Profile

ORGANIZER_APPS = ("mediation", "glossary")


def organizers_group_ensure() -> Group:
    """The Organizers group, holding every permission on the product's own models.

    Run after every migrate, so a new deployment and a new model both come out right.
    """
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS),
        # To link a participant to their account in the admin.
        *Permission.objects.filter(content_type__app_label="auth", codename="view_user"),
    )
    return group


@transaction.atomic
def session_duplicate_as_next_round(
    *, session: DialogueSession, starts_at: datetime
) -> DialogueSession:
    """A new planned session of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
    """
    length = session.ends_at - session.starts_at
    copy = DialogueSession.objects.create(
        process=session.process,
        title=session.title,
        starts_at=starts_at,
        ends_at=starts_at + length,
        time_zone=session.time_zone,
        location_kind=session.location_kind,
        venue=session.venue,
        format=session.format,
        confidentiality=session.confidentiality,
        status=DialogueSession.Status.PLANNED,
        objectives=session.objectives,
    )
    copy.facilitators.set(session.facilitators.all())
    AgendaItem.objects.bulk_create(
        AgendaItem(
            session=copy,
            position=item.position,
            title=item.title,
            topic_id=item.topic_id,
            duration_minutes=item.duration_minutes,
            lead_id=item.lead_id,
            notes=item.notes,
        )
        for item in session.agenda_items.order_by("position")
    )
    Invitation.objects.bulk_create(
        Invitation(
            session=copy,
            participant_id=invitation.participant_id,
            role=invitation.role,
            side_id=invitation.side_id,
            capacity=invitation.capacity,
        )
        for invitation in session.invitations.all()
    )
    return copy


# --- Participant portal -------------------------------------------------------------------


class AnswerClosed(ValidationError):
    """The session has started (or was cancelled): the answer can no longer change."""


@transaction.atomic
def invitation_answer(
    *, invitation: Invitation, response: str, note: str = "", now: datetime | None = None
) -> Invitation:
    """Record a participant's answer; they may change it until the session starts."""
    from .selectors import answer_open

    if response not in {
        Invitation.Response.ACCEPTED,
        Invitation.Response.DECLINED,
        Invitation.Response.TENTATIVE,
    }:
        raise ValidationError(_("Choose accept, decline or tentative."), code="invalid_response")
    invitation = (
        Invitation.objects.select_for_update().select_related("session").get(pk=invitation.pk)
    )
    if not answer_open(invitation.session, now):
        raise AnswerClosed(
            _("This session has started or was cancelled: answers can no longer change."),
            code="answer_closed",
        )
    invitation.response = response
    invitation.note = note
    invitation.responded_at = now or timezone.now()
    invitation.save(update_fields=["response", "note", "responded_at", "updated_at"])
    return invitation


@transaction.atomic
def action_item_mark_done(*, action: ActionItem) -> ActionItem:
    """The owner says the action is done."""
    if action.status != ActionItem.Status.DONE:
        action.status = ActionItem.Status.DONE
        action.save(update_fields=["status", "updated_at"])
    return action


@transaction.atomic
def calendar_token_renew(*, participant: Participant) -> str:
    """A new secret for the participant's calendar feed; the old address stops working."""
    participant.calendar_token = secrets.token_urlsafe(32)
    participant.save(update_fields=["calendar_token", "updated_at"])
    return participant.calendar_token


@transaction.atomic
def profile_update(*, user: User, time_zone: str, language: str, email: str) -> Profile:
    """Save a person's display preferences and email (on the account and the roster)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.time_zone = time_zone
    profile.language = language
    profile.full_clean()
    profile.save()
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    # Saved one by one (there is at most one) so the roster's history records the change.
    for participant in Participant.objects.filter(user=user).exclude(email=email):
        participant.email = email
        participant.save(update_fields=["email", "updated_at"])
    return profile


# --- Invitations and reminders by email ---------------------------------------------------


@transaction.atomic
def participant_account_ensure(*, participant: Participant) -> User:
    """The participant's sign-in account, created (without a usable password) if missing.

    Never linked to an existing account found by address: that could hand someone else's
    account to whoever controls this address. The username is the address, made unique.
    """
    if participant.user_id is not None:
        return participant.user
    base = (participant.email or f"participant-{participant.pk.hex[:8]}").lower()[:140]
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    user = User(username=username, email=participant.email)
    user.set_unusable_password()
    user.save()
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    return user


def session_invitations_send(*, session: DialogueSession, base_url: str) -> tuple[int, int]:
    """Email the invitations not emailed yet, to those who agreed to be contacted.

    Returns (queued, skipped): skipped people have no consent in force or no address, and
    are left to be invited another way. Each email is a task that stamps `invited_at`.
    """
    from django.tasks import TaskResultStatus

    from . import emails, tasks

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
    """
    from datetime import timedelta

    from django.conf import settings

    from . import access, emails, tasks

    now = now or timezone.now()
    hours = settings.REMINDER_HOURS if hours is None else hours
    live = access.sessions_visible_to_all_live().exclude(status=DialogueSession.Status.CANCELLED)
    invitations = Invitation.objects.filter(
        session__in=live.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours)),
        reminded_at__isnull=True,
        response__in=[Invitation.Response.ACCEPTED, Invitation.Response.TENTATIVE],
    ).select_related("session__process", "participant")
    sessions_queued = 0
    for invitation in invitations:
        if emails.may_email(invitation.session, invitation.participant):
            tasks.send_session_reminder_email.enqueue(str(invitation.pk), base_url)
            sessions_queued += 1
    today = timezone.localdate(now)
    actions = ActionItem.objects.filter(
        session__in=live,
        owner__isnull=False,
        reminded_at__isnull=True,
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lte=today + timedelta(days=3),
    ).select_related("session__process", "owner")
    actions_queued = 0
    for action in actions:
        if emails.may_email(action.session, action.owner):
            tasks.send_action_reminder_email.enqueue(str(action.pk), base_url)
            actions_queued += 1
    return sessions_queued, actions_queued
