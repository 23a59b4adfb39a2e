"""A briefing pack costs the same number of queries whatever the number of agenda items,
invitees, earlier rounds and open actions."""

from datetime import timedelta

import pytest
from django.urls import reverse

from mediation.models import Consent, SessionRecord, Topic
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
)


def _grow(session, participant, n: int) -> None:
    process = session.process
    for i in range(n):
        person = ParticipantFactory(identity_protected=i % 2 == 0, pseudonym=f"Alias {i}")
        InvitationFactory(session=session, participant=person)
        ConsentFactory(participant=person, process=process, kind=Consent.Kind.LISTED)
        topic = TopicFactory(process=process)
        AgendaItemFactory(session=session, topic=topic, lead=person, duration_minutes=5)
        earlier = DialogueSessionFactory(
            process=process,
            starts_at=session.starts_at - timedelta(days=10 + i * 20),
        )
        InvitationFactory(session=earlier, participant=participant.participant)
        item = AgendaItemFactory(session=earlier, topic=topic)
        record = SessionRecordFactory(session=earlier, state=SessionRecord.State.SHARED)
        ItemRecordFactory(record=record, agenda_item=item, topic_status=Topic.Status.EXPLORED)
        ActionItemFactory(session=session, owner=participant.participant, topic=topic)


@pytest.mark.parametrize("persona", ["organizer", "facilitator", "participant"])
def test_the_pack_query_count_does_not_grow(
    session, personas, participant, client, count_queries, persona
):
    client.force_login(personas[persona])
    url = reverse("session_briefing", args=[session.pk])
    _grow(session, participant, 2)
    small = count_queries(lambda: client.get(url))
    _grow(session, participant, 8)
    assert count_queries(lambda: client.get(url)) == small
