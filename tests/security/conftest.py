"""A world with two processes, so every id can be filled with an object of one's own work,
an object of a process one has no part in, or an id that exists nowhere.

`world["own"][label]` is an object of the personas' process (its session is the one the
facilitator facilitates and the participant is invited to); `world["foreign"][label]` the
same kind of object in a process run by someone else (`other_organizer`), with its own
facilitator and participant (`other_facilitator`, `other_participant`, personas too).
Strangers, and everyone on a foreign object, must get what a missing id gets.
"""

import pytest
from django.test import Client

from glossary.models import Term
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    ItemRecordFactory,
    ProcessMemberFactory,
    SideFactory,
    TopicFactory,
)

from .walker import WORLD_LABELS


def _objects_of(session, participant):
    process = session.process
    topic = TopicFactory(process=process)
    side = SideFactory(process=process)
    item = AgendaItemFactory(session=session, topic=topic, position=1)
    item_record = ItemRecordFactory(agenda_item=item)
    invitation = session.invitations.get(participant=participant)
    invitation.side = side
    invitation.save()
    objects = {
        "mediation.DialogueProcess": process,
        "mediation.DialogueSession": session,
        "mediation.Topic": topic,
        "mediation.Side": side,
        "mediation.AgendaItem": item,
        "mediation.ItemRecord": item_record,
        "mediation.SessionRecord": item_record.record,
        "mediation.Invitation": invitation,
        "mediation.ActionItem": ActionItemFactory(session=session, topic=topic, owner=participant),
        "mediation.Participant": participant,
        "mediation.Consent": ConsentFactory(participant=participant, process=process),
        "mediation.ProcessMember": ProcessMemberFactory(
            process=process, participant=participant, side=side
        ),
    }
    assert set(objects) == WORLD_LABELS, "keep walker.WORLD_LABELS in step with the world"
    return objects


@pytest.fixture
def world(
    organizer,
    facilitator,
    participant,
    stranger,
    session,
    other_session,
    other_organizer,
    other_facilitator,
    other_participant,
    foreign_session,
):
    term = Term.objects.order_by("slug").first()
    return {
        "own": _objects_of(session, participant.participant),
        "foreign": _objects_of(foreign_session, other_participant.participant),
        "other_session": other_session,
        "slug": term.slug if term else "track-ii",
        "users": {
            "organizer": organizer,
            "facilitator": facilitator,
            "participant": participant,
            "stranger": stranger,
            # The foreign process's people: strangers to everything of ours.
            "other_organizer": other_organizer,
            "other_facilitator": other_facilitator,
            "other_participant": other_participant,
        },
    }


@pytest.fixture
def clients(request, world):
    """A signed-in client per persona (the shared `<persona>_client` fixtures, so whatever
    they do to satisfy two-factor sign-in applies here too), and an anonymous one. CSRF
    checks are off here (the CSRF tests turn them on), so every refusal is the view's own."""
    result = {"anonymous": Client()}
    for name in world["users"]:
        result[name] = request.getfixturevalue(f"{name}_client")
    return result
