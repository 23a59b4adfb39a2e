"""A world with two processes, so every id can be filled with an object of one's own work,
an object of a process one has no part in, or an id that exists nowhere.

`world["own"][label]` is an object of the personas' process (its session is the one the
facilitator facilitates and the participant is invited to); `world["foreign"][label]` the
same kind of object in a process run by someone else (`other_organizer`), with its own
facilitator and participant (`other_facilitator`, `other_participant`, personas too).
Strangers, and everyone on a foreign object, must get what a missing id gets.

The world is made once per test module (tests/personas.py says how); every test of
tests/security starts from it, and the persona fixtures here are its people.
"""

import copy

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
from tests.mediation.outcomes.factories import (
    BriefingFactory,
    OfficialContactFactory,
    OutcomeDocumentFactory,
)
from tests.personas import client_for, client_with, make_cast, rows_for_the_module

from .walker import WORLD_LABELS, forget_snapshots


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
    contact = OfficialContactFactory(process=process, identity_protected=True, pseudonym="Envoy")
    document = OutcomeDocumentFactory(process=process)
    document.cited_sessions.add(session)
    objects |= {
        "mediation.OutcomeDocument": document,
        "mediation.OfficialContact": contact,
        "mediation.Briefing": BriefingFactory(process=process, contacts=[contact], topics=[topic]),
    }
    assert set(objects) == WORLD_LABELS, "keep walker.WORLD_LABELS in step with the world"
    return objects


@pytest.fixture(scope="module", autouse=True)
def _module_world(django_db_setup, django_db_blocker):
    """The world and the personas' sign-ins, made once per test module (the walk runs
    hundreds of tests on it; making it took about 0.2 s a test). Every test of these
    modules starts from these rows; see tests/personas.py."""
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            cast = make_cast()
            term = Term.objects.order_by("slug").first()
            world = {
                "own": _objects_of(cast["session"], cast["participant"].participant),
                "foreign": _objects_of(
                    cast["foreign_session"], cast["other_participant"].participant
                ),
                "other_session": cast["other_session"],
                "slug": term.slug if term else "track-ii",
                "users": {name: cast[name] for name in PERSONAS},
            }
            cookies = {name: client_for(cast[name]).cookies for name in PERSONAS}
        yield {"world": world, "cookies": cookies}


@pytest.fixture(autouse=True)
def _snapshots_forgotten():
    """Each test reads the rows afresh (walker.snapshot)."""
    forget_snapshots()


# The personas of tests/conftest.py, as the world holds them.
PERSONAS = (
    "organizer",
    "facilitator",
    "participant",
    "stranger",
    # The foreign process's people: strangers to everything of ours.
    "other_organizer",
    "other_facilitator",
    "other_participant",
)


@pytest.fixture
def world(_module_world, db):
    """This test's copy of the world: its rows are the module's, its objects its own."""
    return copy.deepcopy(_module_world["world"])


# The shared fixtures of tests/conftest.py, taken from the world rather than made again
# (two `participant` users could not both exist).
@pytest.fixture
def organizer(world):
    return world["users"]["organizer"]


@pytest.fixture
def facilitator(world):
    return world["users"]["facilitator"]


@pytest.fixture
def participant(world):
    return world["users"]["participant"]


@pytest.fixture
def stranger(world):
    return world["users"]["stranger"]


@pytest.fixture
def other_organizer(world):
    return world["users"]["other_organizer"]


@pytest.fixture
def other_facilitator(world):
    return world["users"]["other_facilitator"]


@pytest.fixture
def other_participant(world):
    return world["users"]["other_participant"]


@pytest.fixture
def process(world):
    return world["own"]["mediation.DialogueProcess"]


@pytest.fixture
def session(world):
    return world["own"]["mediation.DialogueSession"]


@pytest.fixture
def other_session(world):
    return world["other_session"]


@pytest.fixture
def foreign_process(world):
    return world["foreign"]["mediation.DialogueProcess"]


@pytest.fixture
def foreign_session(world):
    return world["foreign"]["mediation.DialogueSession"]


# Signed in once per module (tests/personas.client_for, as the shared fixtures do); each
# test gets a new client with that sign-in's cookie.
@pytest.fixture
def organizer_client(_module_world, world):
    return client_with(_module_world["cookies"]["organizer"])


@pytest.fixture
def facilitator_client(_module_world, world):
    return client_with(_module_world["cookies"]["facilitator"])


@pytest.fixture
def participant_client(_module_world, world):
    return client_with(_module_world["cookies"]["participant"])


@pytest.fixture
def stranger_client(_module_world, world):
    return client_with(_module_world["cookies"]["stranger"])


@pytest.fixture
def other_organizer_client(_module_world, world):
    return client_with(_module_world["cookies"]["other_organizer"])


@pytest.fixture
def other_facilitator_client(_module_world, world):
    return client_with(_module_world["cookies"]["other_facilitator"])


@pytest.fixture
def other_participant_client(_module_world, world):
    return client_with(_module_world["cookies"]["other_participant"])


@pytest.fixture
def clients(request, world):
    """A signed-in client per persona (the `<persona>_client` fixtures above), and an
    anonymous one. CSRF checks are off here (the CSRF tests turn them on), so every refusal
    is the view's own."""
    result = {"anonymous": Client()}
    for name in world["users"]:
        result[name] = request.getfixturevalue(f"{name}_client")
    return result
