"""Writes with side effects, one function per action, named <entity>_<action>.

Each runs in a transaction, so a multi-step write either happens whole or not at all.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .access import ORGANIZERS_GROUP
from .models import AgendaItem, DialogueSession, Invitation

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
    *, session: DialogueSession, starts_at: datetime
) -> DialogueSession:
    """A new planned session of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
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
    AgendaItem.objects.bulk_create(
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
    )
    Invitation.objects.bulk_create(
        Invitation(
            session=copy,
            participant_id=invitation.participant_id,
            role=invitation.role,
            side_id=invitation.side_id,
            capacity=invitation.capacity,
        )
        for invitation in session.invitations.all()
    )
    return copy
