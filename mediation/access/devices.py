"""Who may reset someone's two-factor devices."""

from __future__ import annotations

import operator
import uuid
from functools import reduce

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet

from mediation.models import (
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ProcessMember,
    TwoFactorAccount,
)

# --- Resetting someone's two-factor devices -----------------------------------------------
# Someone who lost their phone is reset by an organizer of their work, never by one who could
# use the reset to take over an account outside their processes.
from .roles import AnyUser, is_organizer
from .sessions import processes_administered_by


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
