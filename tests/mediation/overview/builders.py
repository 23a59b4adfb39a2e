"""A hand-built process for the overview's tests: sides, rounds a month apart, who came."""

from datetime import timedelta

from django.utils import timezone

from mediation.models import DialogueSession, Invitation
from tests.factories import (
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
)


def held_round(process, days_ago: int, *, facilitators=(), title=None, **fields):
    start = timezone.now() - timedelta(days=days_ago)
    return DialogueSessionFactory(
        process=process,
        title=title or f"Round held {days_ago} days ago",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        facilitators=list(facilitators),
        **{"status": DialogueSession.Status.HELD, **fields},
    )


def seat(session, person, side=None, *, came=True, role=Invitation.Role.PARTICIPANT, **fields):
    """`person` invited to `session`, accepted, and came (or not: `came=False`; `None`
    for attendance not noted)."""
    return InvitationFactory(
        session=session,
        participant=person,
        side=side,
        role=role,
        response=Invitation.Response.ACCEPTED,
        attended=came,
        **fields,
    )


def status_noted(session, topic, status, *, position=None, **texts):
    """An agenda item on `topic` whose record says the topic reached `status`."""
    item = AgendaItemFactory(
        session=session, topic=topic, **({"position": position} if position else {})
    )
    return ItemRecordFactory(agenda_item=item, topic_status=status, **texts)
