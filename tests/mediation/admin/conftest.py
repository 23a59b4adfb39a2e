"""Fixtures of the tests of the admin as the organizers' safe: the organizer's admin
client, and another organizer's process."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from mediation.access import ORGANIZERS_GROUP
from tests.factories import (
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    TopicFactory,
    UserFactory,
)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(organizer):
    return _client(organizer)


@pytest.fixture
def foreign(db):
    """Another organizer's process, with a session, a topic and a consent."""
    other = UserFactory(username="other-organizer", is_staff=True)
    other.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    process = DialogueProcessFactory(organizers=[other], title="Foreign process")
    session = DialogueSessionFactory(process=process, title="Foreign session")
    topic = TopicFactory(process=process)
    consent = ConsentFactory(process=process)
    return {
        "organizer": other,
        "process": process,
        "session": session,
        "topic": topic,
        "consent": consent,
    }
