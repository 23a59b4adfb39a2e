"""Open actions of earlier sessions, offered for the agenda: only those the facilitator may
open, of earlier sessions of the process, at most twenty."""

from datetime import timedelta

import pytest

from mediation.models import ActionItem
from tests.factories import ActionItemFactory, DialogueSessionFactory, TopicFactory
from tests.mediation.sessions.agenda_helpers import HTMX, add_url, message_texts


@pytest.fixture
def earlier(session):
    """The previous round, run by the same facilitator."""
    return DialogueSessionFactory(
        process=session.process,
        starts_at=session.starts_at - timedelta(days=30),
        facilitators=list(session.facilitators.all()),
    )


def test_actions_of_an_earlier_session_the_facilitator_cannot_open_are_not_offered(
    session, facilitator_client
):
    side_meeting = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at - timedelta(days=3)
    )
    ActionItemFactory(session=side_meeting, description="Brief the minister privately")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Brief the minister privately" not in content


def test_open_actions_of_earlier_sessions_are_offered(session, earlier, facilitator_client):
    topic = TopicFactory(process=session.process, title="Crossings")
    open_one = ActionItemFactory(
        session=earlier, description="Draft the crossing protocol", topic=topic
    )
    ActionItemFactory(
        session=earlier, description="In progress one", status=ActionItem.Status.IN_PROGRESS
    )
    ActionItemFactory(session=earlier, description="Already done", status=ActionItem.Status.DONE)
    later = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at + timedelta(days=9)
    )
    ActionItemFactory(session=later, description="From a later session")
    ActionItemFactory(description="From another process")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert open_one.description in content
    assert "In progress one" in content
    assert "Already done" not in content
    assert "From a later session" not in content
    assert "From another process" not in content


def test_adding_an_open_action_to_the_agenda(session, earlier, facilitator_client):
    topic = TopicFactory(process=session.process, title="Crossings")
    action = ActionItemFactory(
        session=earlier, description="Draft the crossing protocol", topic=topic
    )
    response = facilitator_client.post(add_url(session), {"from_action": str(action.pk)}, **HTMX)
    assert response.status_code == 200
    item = session.agenda_items.get()
    assert (item.title, item.topic, item.position) == ("Draft the crossing protocol", topic, 1)
    # Once on the agenda, it is no longer offered.
    assert f'value="{action.pk}"' not in response.content.decode()


def test_an_action_of_another_process_cannot_be_added(session, facilitator_client):
    foreign = ActionItemFactory(description="Not yours")
    response = facilitator_client.post(add_url(session), {"from_action": str(foreign.pk)})
    assert response.status_code == 302
    assert "no longer open" in " ".join(message_texts(response))
    assert not session.agenda_items.exists()


def test_at_most_twenty_earlier_actions_are_offered(session, earlier, facilitator_client):
    for i in range(25):
        ActionItemFactory(session=earlier, description=f"Pending task {i:02d}")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert content.count('name="from_action"') == 20
