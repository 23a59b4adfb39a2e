"""Who may see and change a process's outcome documents and its transfer log.

- The team of a process (its organizers, and the facilitators of its sessions: those who
  open its page) see every document, drafts included, and write them, clear and release.
- A participant sees a released document only when it was distributed to them: to the
  participants of a session they are invited to (and may see), or to the public while they
  take part in the process. Drafts are the team's.
- The transfer log (official contacts and briefings) is the team's alone; only organizers
  see a protected contact's real name.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from mediation.models import (
    Briefing,
    DialogueProcess,
    Invitation,
    OfficialContact,
    OutcomeDocument,
)

from .roles import AnyUser
from .sessions import (
    _as_uuid,
    processes_administered_by,
    processes_visible_to,
    sessions_visible_to,
)


def _invited_sessions(user: AnyUser):
    return Invitation.objects.filter(
        participant__user=user, session__in=sessions_visible_to(user)
    ).values("session_id")


def outcomes_visible_to(user: AnyUser) -> QuerySet[OutcomeDocument]:
    """Documents the user may read: all of the processes whose team they are on, and the
    released ones distributed to them."""
    if not (user.is_authenticated and user.is_active):
        return OutcomeDocument.objects.none()
    team = Q(process__in=processes_visible_to(user))
    invited = _invited_sessions(user)
    distributed = Q(state=OutcomeDocument.State.RELEASED) & (
        Q(to_sessions__in=invited)
        | Q(
            to_public=True,
            process__in=sessions_visible_to(user).filter(id__in=invited).values("process_id"),
        )
    )
    return OutcomeDocument.objects.filter(
        process__archived_at__isnull=True,
        id__in=OutcomeDocument.objects.filter(team | distributed),
    )


@dataclass(frozen=True)
class OutcomeAccess:
    """What the viewer may do with one process's outcomes, asked once per request."""

    process: DialogueProcess
    team: bool  # see drafts, write, clear, release, read the transfer log
    see_identities: bool  # read protected contacts' real names (its organizers)


def _process_access(user: AnyUser, process: DialogueProcess | None, pk) -> OutcomeAccess:
    if process is None:
        raise Http404
    team = processes_visible_to(user).filter(pk=pk).exists()
    return OutcomeAccess(
        process=process,
        team=team,
        see_identities=team and processes_administered_by(user).filter(pk=pk).exists(),
    )


def open_outcomes(user: AnyUser, pk: uuid.UUID | str, *, team: bool = False) -> OutcomeAccess:
    """A process's outcomes: its team, and the participants of its sessions (who read the
    released documents given to them); a 403 for those when `team` is asked; 404 else."""
    pk = _as_uuid(pk)
    if not (user.is_authenticated and user.is_active):
        raise Http404
    process = DialogueProcess.objects.filter(
        Q(id__in=processes_visible_to(user).values("id"))
        | Q(
            id__in=sessions_visible_to(user)
            .filter(id__in=_invited_sessions(user))
            .values("process_id")
        ),
        pk=pk,
    ).first()
    can = _process_access(user, process, pk)
    if team and not can.team:
        raise PermissionDenied
    return can


def open_transfer_log(user: AnyUser, pk: uuid.UUID | str) -> OutcomeAccess:
    """The transfer log of a process: the team's only (a participant of it gets 403)."""
    return open_outcomes(user, pk, team=True)


@dataclass(frozen=True)
class DocumentAccess:
    document: OutcomeDocument
    team: bool
    see_identities: bool


def open_outcome(user: AnyUser, pk: uuid.UUID | str, *, team: bool = False) -> DocumentAccess:
    """One document: 404 for strangers to its process, 403 for a participant of the process
    it was not given to (or when `team` is asked of someone outside the team)."""
    pk = _as_uuid(pk)
    document = outcomes_visible_to(user).select_related("process").filter(pk=pk).first()
    if document is None:
        process_id = (
            OutcomeDocument.objects.filter(pk=pk).values_list("process_id", flat=True).first()
        )
        if process_id is not None:
            open_outcomes(user, process_id)  # 404 for strangers
        if process_id is None:
            raise Http404
        raise PermissionDenied
    can = _process_access(user, document.process, document.process_id)
    if team and not can.team:
        raise PermissionDenied
    return DocumentAccess(document=document, team=can.team, see_identities=can.see_identities)


def briefings_visible_to(user: AnyUser) -> QuerySet[Briefing]:
    """Briefings the user may read of: those of the processes whose transfer log they read
    (the team: organizers and the facilitators of a process's sessions, as
    `open_transfer_log`). Name their contacts as the log does, never by a protected real
    name (`OfficialContact.public_name`)."""
    if not (user.is_authenticated and user.is_active):
        return Briefing.objects.none()
    return Briefing.objects.filter(process__in=processes_visible_to(user).values("id"))


def get_contact(can: OutcomeAccess, pk) -> OfficialContact:
    contact = can.process.official_contacts.filter(pk=_as_uuid(pk)).first()
    if contact is None:
        raise Http404
    return contact


def get_briefing(can: OutcomeAccess, pk) -> Briefing:
    briefing = can.process.briefings.filter(pk=_as_uuid(pk)).first()
    if briefing is None:
        raise Http404
    return briefing
