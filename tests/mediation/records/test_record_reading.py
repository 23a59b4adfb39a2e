"""Who reads the session record: participants only the shared summary, a facilitator of
another session nothing; and the query counts of the session page and the editor."""

import pytest
from django.urls import reverse

from mediation.models import SessionRecord
from mediation.records import services as record_services
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
)
from tests.mediation.records.record_helpers import edit_url, record_post

# --- What participants read -------------------------------------------------------------


def test_participants_read_only_the_shared_summary(session, participant_client):
    item = AgendaItemFactory(session=session)
    record = SessionRecordFactory(
        session=session,
        internal_notes="Secret note",
        outcomes="Secret outcome",
        summary="Public summary",
    )
    ItemRecordFactory(agenda_item=item, record=record, discussion="Secret discussion")
    draft = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Public summary" not in draft
    record.state = SessionRecord.State.SHARED
    record.save()
    shared = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Public summary" in shared
    for secret in ("Secret note", "Secret outcome", "Secret discussion"):
        assert secret not in shared


def test_reopening_hides_the_summary_from_participants_again(
    session, organizer, participant_client
):
    SessionRecordFactory(session=session, summary="Public summary", state="locked")
    record_services.session_record_reopen(session=session, user=organizer)
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Public summary" not in content


@pytest.mark.parametrize(
    "url_name", ["session_record_edit", "session_record_share", "session_plan_next"]
)
def test_participants_get_403_on_record_pages(session, participant_client, url_name):
    url = reverse(url_name, args=[session.pk])
    assert participant_client.get(url).status_code == 403
    assert participant_client.post(url, record_post()).status_code == 403
    assert not SessionRecord.objects.filter(session=session).exists()


def test_a_facilitator_of_another_session_gets_404(other_session, facilitator_client):
    for name in ("session_record_edit", "session_record_share", "session_record_lock"):
        url = reverse(name, args=[other_session.pk])
        assert facilitator_client.post(url, record_post()).status_code == 404
    assert not SessionRecord.objects.filter(session=other_session).exists()


# --- Query counts -----------------------------------------------------------------------


def _grow(session, record, n):
    start = session.agenda_items.count()
    topic = TopicFactory(process=session.process)
    for i in range(n):
        person = ParticipantFactory()
        InvitationFactory(session=session, participant=person)
        item = AgendaItemFactory(session=session, position=start + i + 1, topic=topic)
        ItemRecordFactory(agenda_item=item, record=record)
        ActionItemFactory(session=session, owner=person, topic=topic)


@pytest.mark.parametrize("persona", ["facilitator", "organizer", "participant"])
def test_session_page_queries_do_not_grow_with_items_and_actions(
    session, personas, client, count_queries, persona
):
    record = SessionRecordFactory(session=session, state="shared")
    client.force_login(personas[persona])
    url = session.get_absolute_url()
    _grow(session, record, 2)
    small = count_queries(lambda: client.get(url))
    _grow(session, record, 15)
    assert count_queries(lambda: client.get(url)) == small


def test_editor_queries_do_not_grow_with_items(session, facilitator_client, count_queries):
    record = SessionRecordFactory(session=session)
    _grow(session, record, 2)
    small = count_queries(lambda: facilitator_client.get(edit_url(session)))
    _grow(session, record, 15)
    assert count_queries(lambda: facilitator_client.get(edit_url(session))) == small
