"""Which processes and sessions someone may open, edit or administer, and what they may do
in one session."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mediation.models import (
    DialogueProcess,
    DialogueSession,
    Invitation,
)
from mediation.prepared import INT_SLOT, UUID_SLOT, PreparedQuery

from .roles import (
    VIEWER_KINDS,
    AnyUser,
    is_organizer,
    participant_of,
    stand_in_viewer,
    viewer_kind,
)

# --- Scoping ------------------------------------------------------------------------------


def processes_administered_by(
    user: AnyUser, *, include_archived: bool = False
) -> QuerySet[DialogueProcess]:
    """Processes the user may change as an organizer (archived ones only when asked: the
    admin lists them so they can be restored)."""
    if not is_organizer(user):
        return DialogueProcess.objects.none()
    processes = DialogueProcess.objects.all()
    if not include_archived:
        processes = processes.filter(archived_at__isnull=True)
    if user.is_superuser:
        return processes
    return processes.filter(
        id__in=DialogueProcess.organizers.through.objects.filter(user=user).values(
            "dialogueprocess_id"
        )
    )


def _live_sessions() -> QuerySet[DialogueSession]:
    return DialogueSession.objects.filter(
        archived_at__isnull=True, process__archived_at__isnull=True
    )


def processes_visible_to(user: AnyUser) -> QuerySet[DialogueProcess]:
    """Processes whose page the user may open: organizers' own, and facilitators'."""
    if not (user.is_authenticated and user.is_active):
        return DialogueProcess.objects.none()
    live = DialogueProcess.objects.filter(archived_at__isnull=True)
    if user.is_superuser:
        return live
    facilitated = DialogueSession.facilitators.through.objects.filter(
        user=user, dialoguesession__archived_at__isnull=True
    ).values("dialoguesession__process_id")
    return live.filter(
        Q(id__in=processes_administered_by(user).values("id")) | Q(id__in=facilitated)
    )


# The scopes below are "id IN (ids of one kind UNION ids of another)": each part is an
# indexed lookup by the user, and the sessions are then read by primary key. Written as
# "A OR B" over two subqueries, PostgreSQL read every session to test both on each
# (tests/mediation/access/test_visibility_plans.py checks the plan).


def _editable_ids(user: AnyUser) -> list[QuerySet]:
    parts = [
        DialogueSession.facilitators.through.objects.filter(user=user).values("dialoguesession_id")
    ]
    if is_organizer(user):
        parts.append(
            DialogueSession.objects.filter(
                process_id__in=processes_administered_by(user).values("id")
            ).values("id")
        )
    return parts


def _any_of(parts: list[QuerySet]) -> QuerySet:
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def sessions_editable_by(user: AnyUser) -> QuerySet[DialogueSession]:
    """Sessions the user may plan and record: their processes' (organizer) or their own."""
    if not (user.is_authenticated and user.is_active):
        return DialogueSession.objects.none()
    if user.is_superuser:
        return _live_sessions()
    return _live_sessions().filter(id__in=_any_of(_editable_ids(user)))


def sessions_facilitated_by(user: AnyUser) -> QuerySet[DialogueSession]:
    """The live sessions the user facilitates (all of which they may edit): what
    `sessions_editable_by(user).filter(facilitators=user)` gives, in a lighter query."""
    if not (user.is_authenticated and user.is_active):
        return DialogueSession.objects.none()
    return _live_sessions().filter(
        id__in=DialogueSession.facilitators.through.objects.filter(user=user).values(
            "dialoguesession_id"
        )
    )


def sessions_visible_to(user: AnyUser) -> QuerySet[DialogueSession]:
    """Sessions the user may open: those they may edit, drafts included, and the published
    ones they are invited to (a draft is the team's until it is published)."""
    if not (user.is_authenticated and user.is_active):
        return DialogueSession.objects.none()
    if user.is_superuser:
        return _live_sessions()
    invited = Invitation.objects.filter(
        participant__user=user, session__published_at__isnull=False
    ).values("session_id")
    return _live_sessions().filter(id__in=_any_of([invited, *_editable_ids(user)]))


# --- Object checks ------------------------------------------------------------------------


def can_edit_session(user: AnyUser, session: DialogueSession) -> bool:
    return sessions_editable_by(user).filter(pk=session.pk).exists()


def can_administer_process(user: AnyUser, process_id) -> bool:
    """Whether the user may change the process (and everything in it) in the admin."""
    return processes_administered_by(user).filter(pk=process_id).exists()


def _as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def get_process(user: AnyUser, pk: uuid.UUID | str) -> DialogueProcess:
    """The process, if the user may open its page.

    A participant invited to one of its sessions is a member without the right (403);
    anyone else who may not see it gets the same 404 as for a missing process.
    """
    pk = _as_uuid(pk)
    process = processes_visible_to(user).filter(pk=pk).first()
    if process is not None:
        return process
    if sessions_visible_to(user).filter(process_id=pk).exists():
        raise PermissionDenied
    raise Http404


def processes_taken_part_in(user: AnyUser) -> QuerySet[DialogueProcess]:
    """Processes in which the user, as a participant, is invited to a session they may see:
    those whose consents they manage themselves."""
    participant = participant_of(user)
    if participant is None:
        return DialogueProcess.objects.none()
    invited = Invitation.objects.filter(
        participant=participant, session__in=sessions_visible_to(user)
    ).values("session__process_id")
    return DialogueProcess.objects.filter(archived_at__isnull=True, id__in=invited)


def get_process_taken_part_in(user: AnyUser, pk: uuid.UUID | str) -> DialogueProcess:
    """A process whose consents the user may give or withdraw (404 for any other)."""
    process = processes_taken_part_in(user).filter(pk=_as_uuid(pk)).first()
    if process is None:
        raise Http404
    return process


# --- What one viewer may do in one session ------------------------------------------------


@dataclass(frozen=True)
class SessionAccess:
    """What the viewer may do in one session, computed once per request (`open_session`)
    and handed to the selectors, views and templates that need it, so none asks again.

    Seeing the session is implied: without it `open_session` raised a 404.
    """

    session: DialogueSession
    edit: bool  # plan and record it: its facilitators and its process's organizers
    see_identities: bool  # read protected people's real names (those who run it)
    administer_process: bool  # change the process and all in it (its organizers)
    see_process: bool  # open the process page (organizers and facilitators)


_SESSION_FIELDS = [field.attname for field in DialogueSession._meta.concrete_fields]
_PROCESS_FIELDS = [field.attname for field in DialogueProcess._meta.concrete_fields]


def _with_rights(sessions: QuerySet[DialogueSession], viewer: User) -> QuerySet:
    """The sessions with what `viewer` may do in each, as `open_session` reads them."""
    return sessions.annotate(
        may_edit=Exists(sessions_editable_by(viewer).filter(pk=OuterRef("pk"))),
        may_administer=Exists(processes_administered_by(viewer).filter(pk=OuterRef("process_id"))),
        may_see_process=Exists(processes_visible_to(viewer).filter(pk=OuterRef("process_id"))),
    ).values_list(
        *_SESSION_FIELDS,
        *(f"process__{name}" for name in _PROCESS_FIELDS),
        "may_edit",
        "may_administer",
        "may_see_process",
    )


def _open_session_query(kind: str) -> PreparedQuery:
    """`open_session`'s query for one kind of viewer: its SQL differs between superusers,
    organizers and everyone else, and within a kind only by the user's id and the session's."""
    if kind == "superuser":
        viewer = stand_in_viewer(INT_SLOT, superuser=True)
        return PreparedQuery(
            lambda pk: _with_rights(sessions_visible_to(viewer).filter(pk=pk), viewer),
            slot=UUID_SLOT,
        )

    def build(user_id: int, pk: uuid.UUID):
        viewer = stand_in_viewer(user_id, organizer=kind == "organizer")
        return _with_rights(sessions_visible_to(viewer).filter(pk=pk), viewer)

    return PreparedQuery(build, slot=(INT_SLOT, UUID_SLOT))


# Compiled once per process (mediation/prepared.py): building this query with its unions
# and EXISTS cost 8-13 ms of CPU on every session page, running it well under 1 ms.
_OPEN_SESSION = {kind: _open_session_query(kind) for kind in VIEWER_KINDS}


def open_session(user: AnyUser, pk: uuid.UUID | str, *, edit: bool = False) -> SessionAccess:
    """The session with what the user may do there, in one query: a 404 for a session they
    may not see, a 403 when `edit` is asked and they may not edit it."""
    pk = _as_uuid(pk)
    if not (user.is_authenticated and user.is_active):
        raise Http404  # sessions_visible_to: nothing
    kind = viewer_kind(user)
    # A superuser's query does not depend on who they are (they see every live session).
    rows = _OPEN_SESSION[kind].rows(*((pk,) if kind == "superuser" else (user.pk, pk)))
    if not rows:
        raise Http404
    row = rows[0]
    fields = len(_SESSION_FIELDS)
    session = DialogueSession.from_db(DEFAULT_DB_ALIAS, _SESSION_FIELDS, row[:fields])
    session.process = DialogueProcess.from_db(
        DEFAULT_DB_ALIAS, _PROCESS_FIELDS, row[fields : fields + len(_PROCESS_FIELDS)]
    )
    may_edit, may_administer, may_see_process = row[-3:]
    if edit and not may_edit:
        raise PermissionDenied
    return SessionAccess(
        session=session,
        edit=may_edit,
        # Those who run the session are cleared; everyone else reads pseudonyms.
        see_identities=may_edit,
        administer_process=may_administer,
        see_process=may_see_process,
    )
