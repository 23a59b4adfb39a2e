"""Editing and removing an agenda item: in place, with errors kept beside what was typed;
an item with record notes stays; an item of another session is not found through this one."""

import pytest
from django.urls import reverse

from mediation.models import AgendaItem
from mediation.sessions import agenda as session_agenda
from tests.factories import AgendaItemFactory, ItemRecordFactory
from tests.mediation.sessions.agenda_helpers import (
    HTMX,
    agenda_of,
    described_by_error,
    item_url,
    message_texts,
    positions,
)

# --- Editing ------------------------------------------------------------------------------


def test_edit_opens_the_item_form_in_place(session, facilitator_client):
    first, _ = agenda_of(session, "First", "Second")
    url = item_url("session_agenda_item_edit", first)
    page = facilitator_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "<html" in content
    assert f'id="agenda-{first.pk}-title"' in content
    assert 'value="First"' in content
    assert "no-store" in page["Cache-Control"]
    fragment = facilitator_client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment
    assert 'id="agenda"' in fragment
    assert f'id="agenda-{first.pk}-title"' in fragment


def test_editing_an_item_saves_it(session, facilitator_client):
    (item,) = agenda_of(session, "First")
    url = item_url("session_agenda_item_edit", item)
    response = facilitator_client.post(
        url, {"title": "Renamed", "duration_minutes": "45", "new_topic": "Fresh topic"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.topic.title) == ("Renamed", 45, "Fresh topic")
    fragment = facilitator_client.post(
        url, {"title": "Again", "duration_minutes": "40"}, **HTMX
    ).content.decode()
    assert "<html" not in fragment and "Again" in fragment


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_bad_edit_changes_nothing_and_keeps_what_was_typed(session, facilitator_client, htmx):
    (item,) = agenda_of(session, "First")
    response = facilitator_client.post(
        item_url("session_agenda_item_edit", item),
        {"title": "Typed but refused", "duration_minutes": "0"},
        **(HTMX if htmx else {}),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Typed but refused"' in content
    assert described_by_error(content, f"agenda-{item.pk}-duration_minutes")
    item.refresh_from_db()
    assert (item.title, item.duration_minutes) == ("First", 30)


def test_an_item_of_another_session_is_not_found_through_this_one(
    session, other_session, facilitator_client
):
    foreign = AgendaItemFactory(session=other_session, title="Theirs")
    url = reverse("session_agenda_item_edit", args=[session.pk, foreign.pk])
    assert facilitator_client.get(url).status_code == 404
    assert (
        facilitator_client.post(url, {"title": "Mine now", "duration_minutes": "5"}).status_code
        == 404
    )
    remove = reverse("session_agenda_item_remove", args=[session.pk, foreign.pk])
    assert facilitator_client.post(remove).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Theirs"


# --- Removing -----------------------------------------------------------------------------


def test_removing_an_item_closes_the_gap(session, facilitator_client):
    _, second, _ = agenda_of(session, "First", "Second", "Third")
    response = facilitator_client.post(item_url("session_agenda_item_remove", second))
    assert response.status_code == 302
    assert positions(session) == [("First", 1), ("Third", 2)]


def test_htmx_remove_returns_the_fragment(session, facilitator_client):
    (item,) = agenda_of(session, "Gone soon")
    response = facilitator_client.post(item_url("session_agenda_item_remove", item), **HTMX)
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert "removed from the agenda" in content
    assert not session.agenda_items.exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_an_item_with_record_notes_is_not_removed(session, facilitator_client, htmx):
    (item,) = agenda_of(session, "Noted")
    ItemRecordFactory(agenda_item=item)
    response = facilitator_client.post(
        item_url("session_agenda_item_remove", item), **(HTMX if htmx else {})
    )
    assert response.status_code == (200 if htmx else 302)
    text = response.content.decode() if htmx else " ".join(message_texts(response))
    assert "has notes in the session record" in text
    assert session.agenda_items.filter(pk=item.pk).exists()


def test_services_refuse_an_item_removed_meanwhile(session):
    first, _ = agenda_of(session, "First", "Second")
    stale = AgendaItem.objects.get(pk=first.pk)
    session_agenda.agenda_item_remove(item=first)
    with pytest.raises(AgendaItem.DoesNotExist):
        session_agenda.agenda_item_move(item=stale, direction="down")
    with pytest.raises(AgendaItem.DoesNotExist):
        session_agenda.agenda_item_update(item=stale, title="x", duration_minutes=5)
    assert positions(session) == [("Second", 1)]
