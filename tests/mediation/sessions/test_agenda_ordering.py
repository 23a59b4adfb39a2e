"""Moving an agenda item up or down and reordering the whole agenda in one request; an order
that does not match the agenda changes nothing."""

import pytest

from mediation.models import AgendaItem
from mediation.sessions import agenda as session_agenda
from tests.factories import AgendaItemFactory
from tests.mediation.sessions.agenda_helpers import (
    HTMX,
    add_url,
    agenda_of,
    item_url,
    message_texts,
    positions,
    reorder_url,
    titles,
)

# --- Moving and reordering ---------------------------------------------------------------


def test_moving_an_item_up_and_down(session, facilitator_client):
    first, _, third = agenda_of(session, "First", "Second", "Third")
    facilitator_client.post(item_url("session_agenda_item_move", third), {"direction": "up"})
    assert titles(session) == ["First", "Third", "Second"]
    facilitator_client.post(item_url("session_agenda_item_move", first), {"direction": "down"})
    assert positions(session) == [("Third", 1), ("First", 2), ("Second", 3)]


def test_moving_past_either_end_changes_nothing(session, facilitator_client):
    first, second = agenda_of(session, "First", "Second")
    facilitator_client.post(item_url("session_agenda_item_move", first), {"direction": "up"})
    facilitator_client.post(item_url("session_agenda_item_move", second), {"direction": "down"})
    assert positions(session) == [("First", 1), ("Second", 2)]


def test_a_move_without_a_direction_is_refused(session, facilitator_client):
    _, second = agenda_of(session, "First", "Second")
    response = facilitator_client.post(
        item_url("session_agenda_item_move", second), {"direction": "sideways"}, **HTMX
    )
    assert response.status_code == 200
    assert "Move an item up or down." in response.content.decode()
    assert titles(session) == ["First", "Second"]


def test_htmx_move_returns_the_fragment(session, facilitator_client):
    _, second = agenda_of(session, "First", "Second")
    response = facilitator_client.post(
        item_url("session_agenda_item_move", second), {"direction": "up"}, **HTMX
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert content.index("Second") < content.index("First")


def test_reordering_rewrites_every_position_in_one_request(session, facilitator_client):
    a, b, c = agenda_of(session, "A", "B", "C")
    response = facilitator_client.post(
        reorder_url(session), {"item": [str(c.pk), str(a.pk), str(b.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda")
    assert positions(session) == [("C", 1), ("A", 2), ("B", 3)]


def test_htmx_reorder_returns_the_fragment(session, facilitator_client):
    a, b = agenda_of(session, "A", "B")
    response = facilitator_client.post(
        reorder_url(session), {"item": [str(b.pk), str(a.pk)]}, **HTMX
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert "The new order of the agenda is saved." in content
    assert titles(session) == ["B", "A"]


def test_reordering_keeps_positions_in_a_tight_range_whatever_they_were(session):
    a = AgendaItemFactory(session=session, position=30000, title="A")
    b = AgendaItemFactory(session=session, position=7, title="B")
    session_agenda.agenda_reorder(session=session, item_ids=[a.pk, b.pk])
    assert positions(session) == [("A", 1), ("B", 2)]


@pytest.mark.parametrize(
    "make_order",
    [
        pytest.param(lambda a, b, c, x: [a, b], id="missing"),
        pytest.param(lambda a, b, c, x: [a, b, c, x], id="foreign"),
        pytest.param(lambda a, b, c, x: [a, b, x], id="swapped-for-foreign"),
        pytest.param(lambda a, b, c, x: [a, a, b, c], id="duplicate-extra"),
        pytest.param(lambda a, b, c, x: [a, a, b], id="duplicate-instead"),
        pytest.param(lambda a, b, c, x: [], id="empty"),
        pytest.param(lambda a, b, c, x: [a, b, "not-a-uuid"], id="garbage"),
        pytest.param(lambda a, b, c, x: [a, b, "\x00"], id="nul"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_reorder_that_does_not_match_the_agenda_changes_nothing(
    session, other_session, facilitator_client, make_order, htmx
):
    a, b, c = agenda_of(session, "A", "B", "C")
    x = AgendaItemFactory(session=other_session, position=1, title="X")
    order = [str(getattr(i, "pk", i)) for i in make_order(a, b, c, x)]
    response = facilitator_client.post(
        reorder_url(session), {"item": order}, **(HTMX if htmx else {})
    )
    assert response.status_code == (200 if htmx else 302)
    text = response.content.decode() if htmx else " ".join(message_texts(response))
    assert "agenda" in text and (
        "changed while you were reordering" in text or "not an order" in text
    )
    assert positions(session) == [("A", 1), ("B", 2), ("C", 3)]
    assert AgendaItem.objects.get(pk=x.pk).position == 1


def test_a_reorder_made_before_someone_added_an_item_is_refused(session, facilitator_client):
    a, b = agenda_of(session, "A", "B")
    stale = [str(b.pk), str(a.pk)]
    facilitator_client.post(add_url(session), {"title": "C", "duration_minutes": "5"})
    facilitator_client.post(reorder_url(session), {"item": stale})
    assert titles(session) == ["A", "B", "C"]
