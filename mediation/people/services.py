"""Writes about people: their accounts, roster places, consents, archiving."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from mediation.access import ORGANIZERS_GROUP
from mediation.models import (
    Consent,
    DialogueProcess,
    Participant,
    ProcessMember,
    Side,
)
from mediation.notifications import enqueue

ORGANIZER_APPS = ("mediation", "glossary")


@transaction.atomic
def organizers_group_ensure() -> Group:
    """The Organizers group, holding every permission on the product's own models.

    Run after every migrate, so a new deployment and a new model both come out right.
    """
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    # Exactly these: no permission on accounts (auth), which only superusers manage.
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS))
    return group


@transaction.atomic
def objects_archive(*, queryset: QuerySet, user) -> int:
    """Archive processes, sessions or participants: they leave every page and picker, keep
    everything attached to them, and come back with `objects_restore`. Written with history."""
    objects = list(queryset.filter(archived_at__isnull=True))
    now = timezone.now()
    for obj in objects:
        obj.archived_at = now
    bulk_update_with_history(objects, queryset.model, ["archived_at"], default_user=user)
    return len(objects)


@transaction.atomic
def objects_restore(*, queryset: QuerySet, user) -> int:
    objects = list(queryset.filter(archived_at__isnull=False))
    for obj in objects:
        obj.archived_at = None
    bulk_update_with_history(objects, queryset.model, ["archived_at"], default_user=user)
    return len(objects)


@transaction.atomic
def consent_give(
    *,
    participant: Participant,
    process: DialogueProcess,
    kind: Consent.Kind,
    user,
    method: str = "",
    given_at=None,
) -> Consent:
    """Record a consent as given (now, or when the person gave it, obtained by `method`);
    giving one already in force changes nothing."""
    existing = (
        Consent.objects.in_force()
        .select_for_update()
        .filter(participant=participant, process=process, kind=kind)
        .first()
    )
    if existing is not None:
        return existing
    consent = Consent(
        participant=participant,
        process=process,
        kind=kind,
        recorded_by=user,
        method=method,
        given_at=given_at or timezone.now(),
    )
    consent._history_user = user
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consents_withdraw(*, queryset: QuerySet[Consent], user) -> int:
    """Withdraw consents now. The rows stay (who agreed to what, and when, is a record);
    every output reads consents in force on its next request, so it takes effect at once."""
    # Lock the consent rows only: the admin's queryset joins nullable relations.
    consents = list(queryset.in_force().select_for_update(of=("self",)))
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = max(now, consent.given_at)
    bulk_update_with_history(consents, Consent, ["withdrawn_at"], default_user=user)
    return len(consents)


@transaction.atomic
def participant_add(
    *, participant: Participant, process: DialogueProcess | None, side: Side | None, user
) -> Participant:
    """A new person on the roster, joining the roster of `process` (the admin lets only a
    superuser leave it empty)."""
    participant._history_user = user
    participant.full_clean()
    participant.save()
    if process is not None:
        process_member_add(process=process, participant=participant, side=side, user=user)
    return participant


@transaction.atomic
def process_member_add(
    *, process: DialogueProcess, participant: Participant, user, side: Side | None = None
) -> ProcessMember:
    """Put someone on a process's roster (again: nothing changes if they are on it)."""
    member, _created = ProcessMember.objects.get_or_create(
        process=process, participant=participant, defaults={"side": side, "added_by": user}
    )
    return member


@transaction.atomic
def participant_save(*, participant: Participant, changed: list[str], user) -> Participant:
    """Save a roster entry edited by an organizer (the admin checked which fields they may
    change). The address of a linked account follows the roster's, so the set-password
    link of an invitation, which is bound to the account's address, stops working when the
    address changes and later links go to the new address only."""
    participant._history_user = user
    participant.save()
    account = participant.user
    if "email" in changed and account is not None:
        account_address_change(account=account, email=participant.email)
    return participant


@transaction.atomic
def account_address_change(*, account: User, email: str) -> None:
    """Give an account a new address and, once committed, tell the old one: a takeover by
    address is then noticed by the person it would lock out."""
    old = account.email
    if old == email:
        return
    account.email = email
    account.save(update_fields=["email"])
    if old:
        enqueue.address_changed_notice(account, old_address=old)


@transaction.atomic
def participant_reminders_set(*, participant: Participant, wanted: bool) -> Participant:
    """Turn the person's reminder emails on or off (invitations are not reminders)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.reminders != wanted:
        participant.reminders = wanted
        participant.save(update_fields=["reminders", "updated_at"])
    return participant
