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

import operator
import uuid
from functools import reduce

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mediation.models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ProcessMember,
    ReadEvent,
    Side,
    Topic,
    TwoFactorAccount,
)

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
    """Every session not archived (nor in an archived process): what background jobs such
    as reminders may act on, with no user in front of them."""
    return _live_sessions()


def administered(queryset: QuerySet, user: AnyUser, process_path: str = "process") -> QuerySet:
    """The rows of `queryset` that belong to processes the user organizes, archived ones
    included: what the admin lists and offers in its pickers. `process_path` leads from the
    row to its process ("process", "session__process")."""
    processes = processes_administered_by(user, include_archived=True).values("id")
    return queryset.filter(**{f"{process_path}__in": processes})


def sessions_administered_by(user: AnyUser) -> QuerySet[DialogueSession]:
    return administered(DialogueSession.objects.all(), user)


def topics_administered_by(user: AnyUser) -> QuerySet[Topic]:
    return administered(Topic.objects.all(), user)


def sides_administered_by(user: AnyUser) -> QuerySet[Side]:
    return administered(Side.objects.all(), user)


def read_events_visible_to(user: AnyUser) -> QuerySet[ReadEvent]:
    """The read audit: organizers read their processes' events; superusers read all,
    including reads that belong to no process."""
    if not is_organizer(user):
        return ReadEvent.objects.none()
    if user.is_superuser:
        return ReadEvent.objects.all()
    return administered(ReadEvent.objects.all(), user)


# --- The people roster --------------------------------------------------------------------
# The roster is shared: one person may take part in processes run by different organizers.
# A person is *in* a process when invited to one of its sessions, holding a consent there
# (in force or withdrawn), or a member of its roster (ProcessMember); archived
# sessions and processes count. The rule:
# - an organizer sees a person only through the processes they organize;
# - they may change who the person is (Participant.IDENTITY_FIELDS), archive or delete
#   them only when they organize every process the person is in;
# - a protected person's real name shows only to those who may see identities in one of
#   the person's processes (organizers of it, facilitators of a session the person is
#   invited to), and each showing is audited by the page that shows it;
# - superusers see and change everyone.


# How a person is tied to a process: (rows, path from the row to its process).
_PERSON_TIES = [
    (Invitation, "session__process"),
    (Consent, "process"),
    (ProcessMember, "process"),
]


def _in_processes(process_ids, *, other_than: bool = False) -> Q:
    """People in any of these processes, or with `other_than` in any process but these
    (`process_ids`: a list or a values() subquery)."""
    ties = Q()
    for model, path in _PERSON_TIES:
        rows = model.objects.filter if not other_than else model.objects.exclude
        ties |= Q(pk__in=rows(**{f"{path}__in": process_ids}).values("participant_id"))
    return ties


def participants_visible_to(user: AnyUser) -> QuerySet[Participant]:
    """The roster as an organizer sees it: the people in the processes they organize."""
    if not is_organizer(user):
        return Participant.objects.none()
    if user.is_superuser:
        return Participant.objects.all()
    mine = processes_administered_by(user, include_archived=True).values("id")
    return Participant.objects.filter(_in_processes(mine))


def participants_identity_changeable_by(user: AnyUser) -> QuerySet[Participant]:
    """People whose identity fields, archiving and deletion the user may change: those in
    no process but the user's own (every process, for a superuser)."""
    if not is_organizer(user):
        return Participant.objects.none()
    if user.is_superuser:
        return Participant.objects.all()
    mine = processes_administered_by(user, include_archived=True).values("id")
    return participants_visible_to(user).exclude(_in_processes(mine, other_than=True))


def can_change_identity(user: AnyUser, participant: Participant) -> bool:
    return participants_identity_changeable_by(user).filter(pk=participant.pk).exists()


def participants_identified_to(user: AnyUser) -> QuerySet[Participant]:
    """People whose real name (behind a pseudonym) the user may see."""
    if not (user.is_authenticated and user.is_active):
        return Participant.objects.none()
    if user.is_superuser:
        return Participant.objects.all()
    invited = Invitation.objects.filter(session__in=sessions_editable_by(user).values("id"))
    return Participant.objects.filter(
        Q(pk__in=invited.values("participant_id"))
        | Q(pk__in=participants_visible_to(user).values("pk"))
    )


def audit_process_of(user: AnyUser, participant: Participant):
    """The id of a process the user organizes that the person is in, to file a read of the
    person's identity under (so that process's organizers see it), or None."""
    ties = Q()
    for model, path in _PERSON_TIES:
        ties |= Q(pk__in=model.objects.filter(participant=participant).values(f"{path}_id"))
    return (
        processes_administered_by(user, include_archived=True)
        .filter(ties)
        .order_by("title")
        .values_list("pk", flat=True)
        .first()
    )


def participants_invitable_to(user: AnyUser, session: DialogueSession) -> QuerySet[Participant]:
    """People the user may invite to the session, minus those already invited.

    An organizer of the process draws on the people of every process they organize; a
    facilitator only on people already in this process (invited to one of its live
    sessions, on its roster, or holding a consent there), so planning one session never
    reveals the rest of the roster. People of other organizers' processes are found only
    one at a time, by exact address (`participants_found_exactly`). Archived people are
    never offered.
    """
    if not can_edit_session(user, session):
        return Participant.objects.none()
    people = Participant.objects.filter(archived_at__isnull=True).exclude(
        pk__in=Invitation.objects.filter(session=session).values("participant_id")
    )
    if can_administer_process(user, session.process_id):
        return people.filter(pk__in=participants_visible_to(user).values("pk"))
    process = [session.process_id]
    live = _live_sessions().filter(process_id=session.process_id)
    return people.filter(
        Q(pk__in=Invitation.objects.filter(session__in=live).values("participant_id"))
        | Q(pk__in=ProcessMember.objects.filter(process__in=process).values("participant_id"))
        | Q(pk__in=Consent.objects.filter(process__in=process).values("participant_id"))
    )


def participants_found_exactly(
    user: AnyUser, address: str, pseudonym: str = ""
) -> QuerySet[Participant]:
    """People of any process, found by what only someone who works with them knows: the
    exact email address; for a protected person, the address and the exact pseudonym
    together. A pseudonym alone is no key: every participant of the person's process reads
    it, and "Participant K" is easily guessed, so finding by it would let any organizer
    pull a protected person onto their roster and read the name behind it. Organizers
    only: this is how someone already on the roster joins another process."""
    address, pseudonym = address.strip(), pseudonym.strip()
    if not address or not is_organizer(user):
        return Participant.objects.none()
    found = Q(identity_protected=False)
    if pseudonym:
        found |= Q(identity_protected=True, pseudonym__iexact=pseudonym)
    return Participant.objects.filter(archived_at__isnull=True, email__iexact=address).filter(
        found
    )


def processes_of(participant: Participant) -> list:
    """Ids of every process the person is in (archived ones too), in a fixed order."""
    ties = Q()
    for model, path in _PERSON_TIES:
        ties |= Q(pk__in=model.objects.filter(participant=participant).values(f"{path}_id"))
    return list(DialogueProcess.objects.filter(ties).order_by("pk").values_list("pk", flat=True))


def team_accounts_visible_to(user: AnyUser) -> QuerySet[User]:
    """Accounts an organizer may pick as a process's organizer or a session's facilitator:
    the organizers, people already organizing or facilitating in their processes, and the
    accounts of people on their processes' rosters. Nobody browses every account."""
    if not is_organizer(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    mine = processes_administered_by(user, include_archived=True).values("id")
    organizers = User.groups.through.objects.filter(group__name=ORGANIZERS_GROUP)
    return User.objects.filter(
        Q(pk__in=organizers.values("user_id"), is_staff=True)
        | Q(
            pk__in=DialogueProcess.organizers.through.objects.filter(
                dialogueprocess__in=mine
            ).values("user_id")
        )
        | Q(
            pk__in=DialogueSession.facilitators.through.objects.filter(
                dialoguesession__process__in=mine
            ).values("user_id")
        )
        | Q(pk__in=participants_visible_to(user).values("user_id"))
    )


# --- Topics and follow-up actions as a process page shows them ----------------------------


def actions_visible_to(user: AnyUser) -> QuerySet[ActionItem]:
    """Follow-up actions of the sessions the user may plan and record (live ones)."""
    return ActionItem.objects.filter(session__in=sessions_editable_by(user).values("id"))


def topics_visible_to(user: AnyUser, process: DialogueProcess) -> QuerySet[Topic]:
    """The process's topics the user may read of: all of them for its organizers; for
    anyone else, those on the agenda or actions of sessions they may open, and those no
    session has taken up yet (a topic discussed only in a session someone may not open
    stays unknown to them)."""
    topics = Topic.objects.filter(process=process)
    if can_administer_process(user, process.pk):
        return topics
    visible = sessions_visible_to(user).filter(process=process).values("id")
    used = AgendaItem.objects.filter(topic__process=process).values("topic_id")
    acted = ActionItem.objects.filter(topic__process=process).values("topic_id")
    return topics.filter(
        Q(pk__in=AgendaItem.objects.filter(session__in=visible).values("topic_id"))
        | Q(pk__in=ActionItem.objects.filter(session__in=visible).values("topic_id"))
        | (~Q(pk__in=used) & ~Q(pk__in=acted))
    )


# --- Resetting someone's two-factor devices -----------------------------------------------
# Someone who lost their phone is reset by an organizer of their work, never by one who could
# use the reset to take over an account outside their processes.


def _involvement_links():
    """(rows, path to the user, path to the process) for each way a user takes part in a
    process: organizer, facilitator of one of its sessions, or (through the participant
    linked to the account) invited to one of its sessions, holding a consent in it or on its
    roster."""
    return [
        (DialogueProcess.organizers.through.objects, "user_id", "dialogueprocess_id"),
        (DialogueSession.facilitators.through.objects, "user_id", "dialoguesession__process_id"),
        (Invitation.objects, "participant__user_id", "session__process_id"),
        (Consent.objects, "participant__user_id", "process_id"),
        (ProcessMember.objects, "participant__user_id", "process_id"),
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


def accounts_resettable_by(actor: AnyUser) -> QuerySet[TwoFactorAccount]:
    """`users_whose_devices_may_be_reset_by`, as the admin's two-factor console lists them."""
    allowed = users_whose_devices_may_be_reset_by(actor).values("pk")
    return TwoFactorAccount.objects.filter(pk__in=allowed)


def users_whose_devices_may_be_reset_by(actor: AnyUser) -> QuerySet[User]:
    """The accounts `can_reset_devices(actor, ...)` allows, as one query."""
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
