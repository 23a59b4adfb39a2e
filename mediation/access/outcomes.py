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

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mediation.models import (
    Briefing,
    DialogueProcess,
    Invitation,
    OfficialContact,
    OutcomeDocument,
)
from mediation.prepared import INT_SLOT, UUID_SLOT, PreparedQuery

from .roles import VIEWER_KINDS, AnyUser, stand_in_viewer, viewer_kind
from .sessions import (
    _PROCESS_FIELDS,
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


def outcomes_of(user: AnyUser, can: OutcomeAccess) -> QuerySet[OutcomeDocument]:
    """The documents of a process opened by `open_outcomes` that the user may read: every
    one for its team (what `outcomes_visible_to` gives them, without asking again who they
    are), the released ones given to them for anyone else."""
    if can.team:
        return OutcomeDocument.objects.filter(process=can.process)
    return outcomes_visible_to(user).filter(process=can.process)


def _processes_with_outcomes_for(user: AnyUser) -> QuerySet[DialogueProcess]:
    """Processes whose outcomes the user may open: their team's, and those of the sessions
    they are invited to (and may see)."""
    return DialogueProcess.objects.filter(
        Q(id__in=processes_visible_to(user).values("id"))
        | Q(
            id__in=sessions_visible_to(user)
            .filter(id__in=_invited_sessions(user))
            .values("process_id")
        )
    )


_DOCUMENT_FIELDS = [field.attname for field in OutcomeDocument._meta.concrete_fields]


def _with_rights(rows: QuerySet, viewer: User, process: str, *fields: str) -> QuerySet:
    """`fields` of the rows, then whether `viewer` is on the team of the row's process
    (`process`: the field naming it) and whether they administer it."""
    return rows.annotate(
        on_team=Exists(processes_visible_to(viewer).filter(pk=OuterRef(process))),
        administers=Exists(processes_administered_by(viewer).filter(pk=OuterRef(process))),
    ).values_list(*fields, "on_team", "administers")


def _process_query(viewer: User, pk) -> QuerySet:
    return _with_rights(
        _processes_with_outcomes_for(viewer).filter(pk=pk), viewer, "pk", *_PROCESS_FIELDS
    )


def _document_query(viewer: User, pk) -> QuerySet:
    return _with_rights(
        outcomes_visible_to(viewer).filter(pk=pk),
        viewer,
        "process_id",
        *_DOCUMENT_FIELDS,
        *(f"process__{name}" for name in _PROCESS_FIELDS),
    )


def _prepared(kind: str, query) -> PreparedQuery:
    """`query` for one kind of viewer: its SQL differs between superusers, organizers and
    everyone else, and within a kind only by the user's id and the row's."""

    def build(user_id: int, pk: uuid.UUID):
        viewer = stand_in_viewer(
            user_id, organizer=kind == "organizer", superuser=kind == "superuser"
        )
        return query(viewer, pk)

    return PreparedQuery(build, slot=(INT_SLOT, UUID_SLOT))


# Compiled once per process (mediation/prepared.py): building these queries, with their
# unions and EXISTS, cost 7-16 ms of CPU on every outcome and transfer-log page; running
# them, well under a millisecond.
_OPEN_OUTCOMES = {kind: _prepared(kind, _process_query) for kind in VIEWER_KINDS}
_OPEN_OUTCOME = {kind: _prepared(kind, _document_query) for kind in VIEWER_KINDS}


def _rows(prepared: dict[str, PreparedQuery], user: AnyUser, pk: uuid.UUID) -> list[tuple]:
    if not (user.is_authenticated and user.is_active):
        return []
    return prepared[viewer_kind(user)].rows(user.pk, pk)


def open_outcomes(user: AnyUser, pk: uuid.UUID | str, *, team: bool = False) -> OutcomeAccess:
    """A process's outcomes: its team, and the participants of its sessions (who read the
    released documents given to them); a 403 for those when `team` is asked; 404 else."""
    rows = _rows(_OPEN_OUTCOMES, user, _as_uuid(pk))
    if not rows:
        raise Http404
    *columns, on_team, administers = rows[0]
    if team and not on_team:
        raise PermissionDenied
    return OutcomeAccess(
        process=DialogueProcess.from_db(DEFAULT_DB_ALIAS, _PROCESS_FIELDS, columns),
        team=on_team,
        see_identities=on_team and administers,
    )


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
    rows = _rows(_OPEN_OUTCOME, user, pk)
    if not rows:
        process_id = (
            OutcomeDocument.objects.filter(pk=pk).values_list("process_id", flat=True).first()
        )
        if process_id is None:
            raise Http404
        open_outcomes(user, process_id)  # 404 for strangers to the process
        raise PermissionDenied
    *columns, on_team, administers = rows[0]
    if team and not on_team:
        raise PermissionDenied
    document = OutcomeDocument.from_db(
        DEFAULT_DB_ALIAS, _DOCUMENT_FIELDS, columns[: len(_DOCUMENT_FIELDS)]
    )
    document.process = DialogueProcess.from_db(
        DEFAULT_DB_ALIAS, _PROCESS_FIELDS, columns[len(_DOCUMENT_FIELDS) :]
    )
    return DocumentAccess(document=document, team=on_team, see_identities=on_team and administers)


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
