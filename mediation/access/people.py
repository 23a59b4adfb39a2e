"""The people roster: who sees whom, and who may change who someone is."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from mediation.models import (
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ProcessMember,
)

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
from .roles import ORGANIZERS_GROUP, AnyUser, is_organizer
from .sessions import (
    _any_of,
    _live_sessions,
    can_administer_process,
    can_edit_session,
    processes_administered_by,
    sessions_editable_by,
)

# How a person is tied to a process: (rows, path from the row to its process).
_PERSON_TIES = [
    (Invitation, "session__process"),
    (Consent, "process"),
    (ProcessMember, "process"),
]


def _in_processes(process_ids, *, other_than: bool = False) -> Q:
    """People in any of these processes, or with `other_than` in any process but these
    (`process_ids`: a list or a values() subquery).

    One "id IN (… UNION ALL …)" of the three ties, each an indexed lookup: written as three
    "id IN" joined by OR, PostgreSQL tested every person against all three (a sequential
    scan of 100,000 people to count an organizer's 435; docs/performance.md)."""
    ties = []
    for model, path in _PERSON_TIES:
        rows = model.objects.filter if not other_than else model.objects.exclude
        ties.append(rows(**{f"{path}__in": process_ids}).values("participant_id"))
    return Q(pk__in=_any_of(ties))


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
        pk__in=_any_of(
            [invited.values("participant_id"), participants_visible_to(user).values("pk")]
        )
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


def processes_of_people_administered_by(user: AnyUser, people_ids) -> list:
    """Ids of the processes the user organizes that any of these people are in (archived
    ones too): what an export of them is filed under in the read audit."""
    ties = Q()
    for model, path in _PERSON_TIES:
        ties |= Q(pk__in=model.objects.filter(participant_id__in=people_ids).values(f"{path}_id"))
    return list(
        processes_administered_by(user, include_archived=True)
        .filter(ties)
        .values_list("pk", flat=True)
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


def participants_in_process(process: DialogueProcess) -> QuerySet[Participant]:
    """Everyone in this process: invited to one of its sessions, holding a consent there,
    or on its roster (archived sessions count)."""
    return Participant.objects.filter(_in_processes([process.pk]))


def convenors_choosable_by(
    user: AnyUser, process: DialogueProcess | None
) -> QuerySet[Participant]:
    """Whom the user may name convenor of a side of `process` (in the admin): the people in
    that process, never another's, and only if they organize it."""
    if process is None or process.pk is None:
        return Participant.objects.none()
    organizes = processes_administered_by(user, include_archived=True).filter(pk=process.pk)
    if not organizes.exists():
        return Participant.objects.none()
    return participants_in_process(process)
