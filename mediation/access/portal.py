"""What a participant may reach of their own: their invitation and their actions."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from mediation.models import (
    ActionItem,
    DialogueSession,
    Invitation,
)

# --- Participant portal -------------------------------------------------------------------
from .roles import AnyUser, participant_of
from .sessions import _as_uuid, _live_sessions, sessions_visible_to


def get_own_invitation(user: AnyUser, session: DialogueSession) -> Invitation:
    """The user's own invitation to a session they may see; anyone else may not answer (403).

    Call after `open_session`, so a stranger has already met the 404.
    """
    participant = participant_of(user)
    invitation = (
        session.invitations.filter(participant=participant).select_related("participant").first()
        if participant is not None
        else None
    )
    if invitation is None:
        raise PermissionDenied
    return invitation


def actions_owned_by(user: AnyUser) -> QuerySet[ActionItem]:
    """Follow-up actions the user owns (as a participant), in sessions they may see."""
    participant = participant_of(user)
    if participant is None:
        return ActionItem.objects.none()
    return ActionItem.objects.filter(
        owner=participant, session__in=sessions_visible_to(user).values("id")
    )


def get_own_action(user: AnyUser, pk: uuid.UUID | str):
    """One action the user owns; any other (or a missing one) is a 404."""
    action = actions_owned_by(user).filter(pk=_as_uuid(pk)).first()
    if action is None:
        raise Http404
    return action


def sessions_visible_to_all_live() -> QuerySet[DialogueSession]:
    """Every published session not archived (nor in an archived process): what background
    jobs such as reminders may act on for invitees, with no user in front of them."""
    return _live_sessions().filter(published_at__isnull=False)
