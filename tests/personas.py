"""The personas and their world, made by plain functions.

The fixtures of tests/conftest.py make them for one test. Modules that run hundreds of tests
on the same world (the security walk, the access matrix) make the same rows with the same
functions once per module, inside `rows_for_the_module`, and hand each test a copy.
"""

import contextlib
import copy

from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from mediation.access import ORGANIZERS_GROUP
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)


def make_organizer(username: str):
    user = UserFactory(username=username, is_staff=True)
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    user.groups.add(group)
    return user


def make_participant(username: str, name: str):
    user = UserFactory(username=username)
    ParticipantFactory(user=user, name=name)
    return user


def make_session(process, facilitator, participant):
    """A session of `process` that `facilitator` facilitates and `participant` is invited to."""
    session = DialogueSessionFactory(process=process, facilitators=[facilitator])
    InvitationFactory(session=session, participant=participant.participant)
    return session


def make_foreign_session(foreign_process, other_facilitator, other_participant):
    session = DialogueSessionFactory(
        process=foreign_process, facilitators=[other_facilitator], title="Foreign session"
    )
    InvitationFactory(session=session, participant=other_participant.participant)
    return session


def make_co_participant(session):
    user = make_participant("co-participant", "Chen Co-participant")
    InvitationFactory(session=session, participant=user.participant)
    return user


def make_cast(*, co_participant: bool = False) -> dict:
    """Every persona and object of tests/conftest.py, as its fixtures make them (the
    co-participant only on request: it adds an invitation to `session`)."""
    cast = {
        "organizer": make_organizer("organizer"),
        "facilitator": UserFactory(username="facilitator"),
        "participant": make_participant("participant", "Amina Participant"),
        "stranger": UserFactory(username="stranger"),
        "other_organizer": make_organizer("other-organizer"),
        "other_facilitator": UserFactory(username="other-facilitator"),
        "other_participant": make_participant("other-participant", "Boris Outsider"),
    }
    cast["foreign_process"] = DialogueProcessFactory(
        organizers=[cast["other_organizer"]], title="Foreign process"
    )
    cast["foreign_session"] = make_foreign_session(
        cast["foreign_process"], cast["other_facilitator"], cast["other_participant"]
    )
    cast["process"] = DialogueProcessFactory(organizers=[cast["organizer"]])
    cast["session"] = make_session(cast["process"], cast["facilitator"], cast["participant"])
    cast["other_session"] = DialogueSessionFactory(process=cast["process"])
    if co_participant:
        cast["co_participant"] = make_co_participant(cast["session"])
    return cast


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def client_with(cookies) -> Client:
    """A new client holding a copy of `cookies`: signed in as whoever they sign in, without
    signing in again (the session row they name is part of the module's rows)."""
    client = Client()
    client.cookies = copy.deepcopy(cookies)
    return client


@contextlib.contextmanager
def rows_for_the_module(django_db_blocker):
    """A transaction around a whole test module: rows made in it, before the first test,
    are there for every test of the module and gone after the last.

    Each test's own transaction (pytest-django's `db`) nests in it as a savepoint, rolled
    back after the test, so every test starts from the same rows, as if they had been made
    for it alone. Model instances are shared, so hand each test a `copy.deepcopy` of them
    (what Django's TestCase does with `setUpTestData`). Not for transactional tests: they
    empty the tables after themselves.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
