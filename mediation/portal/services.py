"""Writes participants make themselves: answering, renewing a calendar link."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mediation.errors import Refusal
from mediation.models import (
    Invitation,
    Participant,
)


class AnswerClosed(Refusal):
    """The session has started (or was cancelled): the answer can no longer change."""


@transaction.atomic
def invitation_answer(
    *, invitation: Invitation, response: str, note: str = "", now: datetime | None = None
) -> Invitation:
    """Record a participant's answer; they may change it until the session starts."""
    from mediation.sessions.selectors import answer_open

    if response not in {
        Invitation.Response.ACCEPTED,
        Invitation.Response.DECLINED,
        Invitation.Response.TENTATIVE,
    }:
        raise Refusal(_("Choose accept, decline or tentative."), code="invalid_response")
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
def calendar_token_renew(*, participant: Participant) -> str:
    """A new secret for the participant's calendar feed; the old address stops working."""
    participant.calendar_token = secrets.token_urlsafe(32)
    participant.save(update_fields=["calendar_token", "updated_at"])
    return participant.calendar_token
