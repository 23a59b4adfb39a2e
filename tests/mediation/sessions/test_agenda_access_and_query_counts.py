"""Who sees the agenda builder and who may change the agenda (editors; participants read it
without controls, strangers get 404), and the page's query count at two sizes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
)
from tests.mediation.sessions.agenda_helpers import (
    HTMX,
    add_url,
    agenda_of,
    item_url,
    positions,
    reorder_url,
)

# --- Access and query counts --------------------------------------------------------------


def test_the_full_page_shows_the_builder_to_editors_only(
    session, facilitator_client, participant_client
):
    agenda_of(session, "First")
    as_facilitator = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "<html" in as_facilitator
    assert f'action="{add_url(session)}"' in as_facilitator
    assert "agenda-reorder.js" in as_facilitator
    as_participant = participant_client.get(session.get_absolute_url()).content.decode()
    assert "First" in as_participant
    assert add_url(session) not in as_participant
    assert "agenda-reorder.js" not in as_participant
    assert 'draggable="true"' not in as_participant


def _writes(session, item):
    return [
        (add_url(session), {"title": "x", "duration_minutes": "5"}),
        (item_url("session_agenda_item_edit", item), {"title": "x", "duration_minutes": "5"}),
        (item_url("session_agenda_item_remove", item), {}),
        (item_url("session_agenda_item_move", item), {"direction": "down"}),
        (reorder_url(session), {"item": [str(item.pk)]}),
    ]


@pytest.mark.parametrize(("persona", "status"), [("participant", 403), ("stranger", 404)])
def test_non_editors_change_nothing(session, personas, client, persona, status):
    (item,) = agenda_of(session, "Untouched")
    client.force_login(personas[persona])
    for url, data in _writes(session, item):
        assert client.post(url, data).status_code == status, url
        assert client.post(url, data, **HTMX).status_code == status, url
    assert positions(session) == [("Untouched", 1)]


def test_a_facilitator_of_another_session_gets_404(session, other_session, facilitator_client):
    (item,) = agenda_of(other_session, "Theirs")
    for url, data in _writes(other_session, item):
        assert facilitator_client.post(url, data).status_code == 404, url
    assert positions(other_session) == [("Theirs", 1)]


def test_anonymous_writes_are_sent_to_sign_in(session, client):
    (item,) = agenda_of(session, "Untouched")
    for url, data in _writes(session, item):
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _grow(session, n):
    start = session.agenda_items.count()
    earlier = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at - timedelta(days=3)
    )
    for i in range(n):
        person = ParticipantFactory()
        InvitationFactory(
            session=session, participant=person, side=SideFactory(process=session.process)
        )
        topic = TopicFactory(process=session.process)
        AgendaItemFactory(
            session=session, position=start + i + 1, lead=person, topic=topic, duration_minutes=5
        )
        ActionItemFactory(session=earlier, topic=topic, owner=person)


@pytest.mark.parametrize("persona", ["facilitator", "organizer"])
def test_the_editor_page_query_count_does_not_grow_with_items_and_invitations(
    session, personas, client, count_queries, persona
):
    client.force_login(personas[persona])
    url = session.get_absolute_url()
    _grow(session, 2)
    small = count_queries(lambda: client.get(url))
    _grow(session, 15)
    assert count_queries(lambda: client.get(url)) == small
    fragment_small = count_queries(
        lambda: client.post(add_url(session), {"title": "t", "duration_minutes": "1"}, **HTMX)
    )
    _grow(session, 5)
    assert (
        count_queries(
            lambda: client.post(add_url(session), {"title": "u", "duration_minutes": "1"}, **HTMX)
        )
        == fragment_small
    )


def test_the_agenda_is_shown_to_participants_without_controls(session, participant_client):
    agenda_of(session, "Readable")
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Readable" in content
    assert "session_agenda" not in content
    assert "Move “Readable” up" not in content and "Remove “Readable”" not in content
