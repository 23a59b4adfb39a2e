"""Who may see and change what: the only place these rules live.

Views and the admin never query a process, session or anything inside one except through
the scoping functions and object getters here.

- An organizer is an active staff member of the "Organizers" group; they oversee the
  processes they organize (superusers oversee all).
- A facilitator is anyone named as facilitator of a session; they see and edit the
  sessions they facilitate, and read the processes those sessions belong to.
- A participant is a user linked to a `Participant`; they see only the sessions they are
  invited to, and never a process page.

A stranger to an object gets a 404 identical to a missing object; a member of it without
the right gets a 403. Archived processes and sessions drop out of every page (a 404, as if
missing) and stay in the admin, where organizers can bring them back.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import DialogueProcess, DialogueSession, Invitation, Participant

ORGANIZERS_GROUP = "Organizers"

AnyUser = User | AnonymousUser


def is_organizer(user: AnyUser) -> bool:
    """Staff in the Organizers group (or a superuser). Cached on the user object."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_organizer", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=ORGANIZERS_GROUP).exists()
        user._is_organizer = cached
    return cached


def participant_of(user: AnyUser) -> Participant | None:
    if not user.is_authenticated:
        return None
    try:
        return user.participant
    except Participant.DoesNotExist:
        return None


def roles_of(user: AnyUser) -> set[str]:
    """The roles a user holds anywhere, used to greet them and pick their home page."""
    roles = set()
    if is_organizer(user):
        roles.add("organizer")
    if user.is_authenticated and user.facilitated_sessions.exists():
        roles.add("facilitator")
    if participant_of(user) is not None:
        roles.add("participant")
    return roles


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


def sessions_editable_by(user: AnyUser) -> QuerySet[DialogueSession]:
    """Sessions the user may plan and record: their processes' (organizer) or their own."""
    if not (user.is_authenticated and user.is_active):
        return DialogueSession.objects.none()
    if user.is_superuser:
        return _live_sessions()
    facilitated = DialogueSession.facilitators.through.objects.filter(user=user).values(
        "dialoguesession_id"
    )
    return _live_sessions().filter(
        Q(process_id__in=processes_administered_by(user).values("id")) | Q(id__in=facilitated)
    )


def sessions_visible_to(user: AnyUser) -> QuerySet[DialogueSession]:
    """Sessions the user may open: those they may edit, and those they are invited to."""
    if not (user.is_authenticated and user.is_active):
        return DialogueSession.objects.none()
    if user.is_superuser:
        return _live_sessions()
    invited = Invitation.objects.filter(participant__user=user).values("session_id")
    return _live_sessions().filter(
        Q(id__in=sessions_editable_by(user).values("id")) | Q(id__in=invited)
    )


# --- Object checks ------------------------------------------------------------------------


def can_edit_session(user: AnyUser, session: DialogueSession) -> bool:
    return sessions_editable_by(user).filter(pk=session.pk).exists()


def can_administer_process(user: AnyUser, process_id) -> bool:
    """Whether the user may change the process (and everything in it) in the admin."""
    return processes_administered_by(user).filter(pk=process_id).exists()


def can_see_identities(user: AnyUser, session: DialogueSession) -> bool:
    """Whether protected participants of this session appear to the user by name.

    Those who run the session (its facilitators and the process's organizers) are cleared;
    everyone else reads pseudonyms.
    """
    return can_edit_session(user, session)


def _as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def get_session(user: AnyUser, pk: uuid.UUID | str, *, edit: bool = False) -> DialogueSession:
    """The session, if the user may see it (404 otherwise) and, with edit, change it (403)."""
    session = sessions_visible_to(user).select_related("process").filter(pk=_as_uuid(pk)).first()
    if session is None:
        raise Http404
    if edit and not can_edit_session(user, session):
        raise PermissionDenied
    return session


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


# --- Participant portal -------------------------------------------------------------------


def get_own_invitation(user: AnyUser, session: DialogueSession) -> Invitation:
    """The user's own invitation to a session they may see; anyone else may not answer (403).

    Call after `get_session`, so a stranger has already met the 404.
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


def actions_owned_by(user: AnyUser):
    """Follow-up actions the user owns (as a participant), in sessions they may see."""
    from .models import ActionItem

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
    """Every session not archived (nor in an archived process): what background jobs such
    as reminders may act on, with no user in front of them."""
    return _live_sessions()


def participants_invitable_to(user: AnyUser, session: DialogueSession) -> QuerySet[Participant]:
    """People the user may invite to the session, minus those already invited.

    An organizer of the process may draw on the whole roster; a facilitator only on people
    already associated with the process (invited to one of its live sessions), so planning
    one session never reveals the rest of the roster. Archived people are never offered.
    """
    if not can_edit_session(user, session):
        return Participant.objects.none()
    people = Participant.objects.filter(archived_at__isnull=True).exclude(
        pk__in=Invitation.objects.filter(session=session).values("participant_id")
    )
    if can_administer_process(user, session.process_id):
        return people
    associated = Invitation.objects.filter(
        session__in=_live_sessions().filter(process_id=session.process_id)
    ).values("participant_id")
    return people.filter(pk__in=associated)


# --- Resetting someone's two-factor devices -----------------------------------------------
# Someone who lost their phone is reset by an organizer of their work, never by one who could
# use the reset to take over an account outside their processes. Kept in one block (and its
# imports local) so it stays apart from the rules above.


def _involvement_links():
    """(rows, path to the user, path to the process) for each way a user takes part in a
    process: organizer, facilitator of one of its sessions, or (through the participant
    linked to the account) invited to one of its sessions or holding a consent in it."""
    from .models import Consent

    return [
        (DialogueProcess.organizers.through.objects, "user_id", "dialogueprocess_id"),
        (DialogueSession.facilitators.through.objects, "user_id", "dialoguesession__process_id"),
        (Invitation.objects, "participant__user_id", "session__process_id"),
        (Consent.objects, "participant__user_id", "process_id"),
    ]


def processes_involving(user: AnyUser) -> set[uuid.UUID]:
    """Ids of every process the user takes part in, archived processes and sessions
    included (one query)."""
    if not user.is_authenticated:
        return set()
    parts = [
        # Unordered: a UNION refuses the models' default ordering.
        rows.filter(**{user_path: user.pk}).order_by().values_list(process_path, flat=True)
        for rows, user_path, process_path in _involvement_links()
    ]
    return set(parts[0].union(*parts[1:]))


def can_reset_devices(actor: AnyUser, target: User) -> bool:
    """Whether `actor` may delete `target`'s two-factor devices (the admin's reset).

    - Nobody resets their own: one's own second factor is changed at the two-factor
      pages, and a mis-ticked row must not drop the actor's own.
    - A superuser may reset anyone else.
    - An organizer may reset someone who takes part in at least one process they organize
      and in none they do not (archived ones count both ways). Never a superuser, nor a
      staff account (so never another organizer, not even of their own process): whoever
      can open the admin is reset by a superuser.

    `users_whose_devices_may_be_reset_by` is the same rule as a query; the tests hold the
    two together.
    """
    if not is_organizer(actor) or actor.pk == target.pk:
        return False
    if actor.is_superuser:
        return True
    if target.is_superuser or target.is_staff:
        return False
    involved = processes_involving(target)
    own = set(processes_administered_by(actor, include_archived=True).values_list("id", flat=True))
    return bool(involved) and involved <= own


def users_whose_devices_may_be_reset_by(actor: AnyUser) -> QuerySet[User]:
    """The accounts `can_reset_devices(actor, ...)` allows, as one query."""
    import operator
    from functools import reduce

    from django.db.models import Exists, OuterRef

    if not is_organizer(actor):
        return User.objects.none()
    users = User.objects.exclude(pk=actor.pk)
    if actor.is_superuser:
        return users
    own = processes_administered_by(actor, include_archived=True).values("id")
    links = _involvement_links()
    inside = [
        Exists(rows.filter(**{user_path: OuterRef("pk"), f"{process_path}__in": own}))
        for rows, user_path, process_path in links
    ]
    outside = [
        Exists(rows.filter(**{user_path: OuterRef("pk")}).exclude(**{f"{process_path}__in": own}))
        for rows, user_path, process_path in links
    ]
    return (
        users.filter(is_superuser=False, is_staff=False)
        .filter(reduce(operator.or_, inside))
        .exclude(reduce(operator.or_, outside))
    )
