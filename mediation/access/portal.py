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
from mediation.prepared import PreparedQuery

# --- Participant portal -------------------------------------------------------------------
from .roles import AnyUser, is_organizer, participant_of, stand_in_viewer
from .sessions import _any_of, _as_uuid, _editable_ids, _live_sessions, sessions_visible_to


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


def _agenda(organizer: bool) -> PreparedQuery:
    """The user's own invitations to sessions they may see and do not run, as the rows of
    `agenda_rows`. Seeing the session of one's own invitation means: it is live (neither it
    nor its process archived) and published, or the user runs it (sessions_visible_to); the
    sessions they run are on their working lists instead, so "published and not run by
    them" is the whole rule, written here as plain joins on the invitation."""

    def build(user_id: int):
        viewer = stand_in_viewer(user_id, organizer=organizer)
        return (
            Invitation.objects.filter(
                participant__user_id=user_id,
                session__archived_at__isnull=True,
                session__process__archived_at__isnull=True,
                session__published_at__isnull=False,
            )
            .exclude(session_id__in=_any_of(_editable_ids(viewer)))
            .values_list("id", "session_id", "session__starts_at", "session__ends_at")
        )

    return PreparedQuery(build)


# Compiled once per process (mediation/prepared.py): the participant's home asks on every
# view, and compiling the visibility subqueries cost more than running them.
_AGENDA = {organizer: _agenda(organizer) for organizer in (False, True)}


def agenda_rows(user: AnyUser) -> list[tuple]:
    """(invitation id, session id, starts_at, ends_at) of each of the user's invitations to
    a session they may see and do not run (organize or facilitate): their own agenda."""
    if not (user.is_authenticated and user.is_active) or user.is_superuser:
        return []  # a superuser runs every session
    return _AGENDA[is_organizer(user)].rows(user.pk)
