"""Writes with side effects, one function per action, named <entity>_<action>.

Each runs in a transaction, so a multi-step write either happens whole or not at all.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .access import ORGANIZERS_GROUP
from .models import AgendaItem, Consent, DialogueProcess, DialogueSession, Invitation, Participant

ORGANIZER_APPS = ("mediation", "glossary")


def organizers_group_ensure() -> Group:
    """The Organizers group, holding every permission on the product's own models.

    Run after every migrate, so a new deployment and a new model both come out right.
    """
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS),
        # To link a participant to their account in the admin.
        *Permission.objects.filter(content_type__app_label="auth", codename="view_user"),
    )
    return group


@transaction.atomic
def session_duplicate_as_next_round(
    *, session: DialogueSession, starts_at: datetime, user=None
) -> DialogueSession:
    """A new planned session of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
    The copied rows are written in bulk with their history, in the name of `user`.
    """
    length = session.ends_at - session.starts_at
    copy = DialogueSession.objects.create(
        process=session.process,
        title=session.title,
        starts_at=starts_at,
        ends_at=starts_at + length,
        time_zone=session.time_zone,
        location_kind=session.location_kind,
        venue=session.venue,
        format=session.format,
        confidentiality=session.confidentiality,
        status=DialogueSession.Status.PLANNED,
        objectives=session.objectives,
    )
    copy.facilitators.set(session.facilitators.all())
    bulk_create_with_history(
        [
            AgendaItem(
                session=copy,
                position=item.position,
                title=item.title,
                topic_id=item.topic_id,
                duration_minutes=item.duration_minutes,
                lead_id=item.lead_id,
                notes=item.notes,
            )
            for item in session.agenda_items.order_by("position")
        ],
        AgendaItem,
        default_user=user,
    )
    bulk_create_with_history(
        [
            Invitation(
                session=copy,
                participant_id=invitation.participant_id,
                role=invitation.role,
                side_id=invitation.side_id,
                capacity=invitation.capacity,
            )
            for invitation in session.invitations.all()
        ],
        Invitation,
        default_user=user,
    )
    return copy


# --- Archive instead of delete, consents (security issue) ---------------------------------


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
    *, participant: Participant, process: DialogueProcess, kind: Consent.Kind, user
) -> Consent:
    """Record a consent as given now; giving one already in force changes nothing."""
    existing = (
        Consent.objects.in_force()
        .select_for_update()
        .filter(participant=participant, process=process, kind=kind)
        .first()
    )
    if existing is not None:
        return existing
    consent = Consent(participant=participant, process=process, kind=kind, recorded_by=user)
    consent._history_user = user
    consent.save()
    return consent


@transaction.atomic
def consents_withdraw(*, queryset: QuerySet[Consent], user) -> int:
    """Withdraw consents now. The rows stay (who agreed to what, and when, is a record);
    every output reads consents in force on its next request, so it takes effect at once."""
    consents = list(queryset.in_force().select_for_update())
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = max(now, consent.given_at)
    bulk_update_with_history(consents, Consent, ["withdrawn_at"], default_user=user)
    return len(consents)
