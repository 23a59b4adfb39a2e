"""Shared fixtures: the four personas and clients logged in as each.

The world they live in: one process organized by `organizer`, with a session `facilitator`
facilitates and `participant` is invited to (`session`), and a second session of the same
process that neither facilitator nor participant has anything to do with (`other_session`).
`stranger` is signed in but has no part in anything.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mediation.access import ORGANIZERS_GROUP
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashers are slow on purpose; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organizer(db):
    user = UserFactory(username="organizer", is_staff=True)
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator")


@pytest.fixture
def participant(db):
    user = UserFactory(username="participant")
    ParticipantFactory(user=user, name="Amina Participant")
    return user


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")


@pytest.fixture
def process(organizer):
    return DialogueProcessFactory(organizers=[organizer])


@pytest.fixture
def session(process, facilitator, participant):
    session = DialogueSessionFactory(process=process, facilitators=[facilitator])
    InvitationFactory(session=session, participant=participant.participant)
    return session


@pytest.fixture
def other_session(process):
    return DialogueSessionFactory(process=process)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def organizer_client(organizer):
    return _client_for(organizer)


@pytest.fixture
def facilitator_client(facilitator):
    return _client_for(facilitator)


@pytest.fixture
def participant_client(participant):
    return _client_for(participant)


@pytest.fixture
def stranger_client(stranger):
    return _client_for(stranger)


@pytest.fixture
def personas(organizer, facilitator, participant, stranger):
    return {
        "organizer": organizer,
        "facilitator": facilitator,
        "participant": participant,
        "stranger": stranger,
    }


@pytest.fixture
def count_queries(db):
    """How many SQL queries a call makes: compare a page at two data sizes with it."""

    def _count(call) -> int:
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    return _count
