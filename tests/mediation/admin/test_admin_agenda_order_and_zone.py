"""The session's change page: Up and Down reorder the agenda (saving what was typed with
them), Enter in a field saves and moves nothing, and every time on the page and in its
history reads in the session's own zone, across daylight-saving changes."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from mediation.models import AgendaItem, DialogueSession, Profile
from tests.factories import AgendaItemFactory, DialogueSessionFactory
from tests.security.test_mass_assignment import _admin_form


def change_url(session):
    return reverse("admin:mediation_dialoguesession_change", args=[session.pk])


def order(session):
    """The titles of the agenda made here, in their order (the session comes with others)."""
    titles = AgendaItem.objects.filter(session=session).order_by("position")
    return [t for t in titles.values_list("title") if t[0] in {"Opening", "Water", "Closing"}]


@pytest.fixture
def agenda(session):
    return [
        AgendaItemFactory(session=session, position=n, title=title)
        for n, title in enumerate(["Opening", "Water", "Closing"], start=1)
    ]


def post_move(client, session, value, **changes):
    form = _admin_form(client, change_url(session))
    return client.post(change_url(session), {**form.data(**changes), "_agenda_move": value})


def test_up_moves_an_item_and_saves_what_was_typed_with_it(organizer_client, session, agenda):
    response = post_move(organizer_client, session, f"{agenda[1].pk} up", title="Round 3")
    assert response.status_code == 302
    assert response["Location"] == f"{change_url(session)}#agenda_items-group"
    assert order(session) == [("Water",), ("Opening",), ("Closing",)]
    session.refresh_from_db()
    assert session.title == "Round 3"
    assert "“Water” moved up" in " ".join(map(str, get_messages(response.wsgi_request)))


def test_down_at_the_end_changes_nothing(organizer_client, session, agenda):
    post_move(organizer_client, session, f"{agenda[2].pk} down")
    assert order(session) == [("Opening",), ("Water",), ("Closing",)]


@pytest.mark.parametrize(
    "value",
    ["junk", "\x00 up", "sideways", "{other} up", "{own} sideways"],
)
def test_a_move_of_something_else_moves_nothing(organizer_client, session, agenda, value):
    other = AgendaItemFactory(session=DialogueSessionFactory(process=session.process))
    value = value.format(other=other.pk, own=agenda[1].pk)
    response = post_move(organizer_client, session, value)
    assert response.status_code == 302
    assert order(session) == [("Opening",), ("Water",), ("Closing",)]
    assert get_messages(response.wsgi_request)


def test_each_row_offers_up_and_down_and_enter_saves(organizer_client, session, agenda):
    soup = BeautifulSoup(organizer_client.get(change_url(session)).content, "html.parser")
    form = soup.find("form", id="dialoguesession_form")
    first = form.find("button", type="submit")
    assert first["name"] == "_continue"
    moves = form.find_all("button", attrs={"name": "_agenda_move"})
    items = AgendaItem.objects.filter(session=session).order_by("position")
    assert [b["value"] for b in moves] == [
        f"{item.pk} {way}" for item in items for way in ("up", "down")
    ]
    assert moves[0]["aria-label"] == f"Save and move “{items[0].title}” up"


# --- Times in the session's zone ------------------------------------------------------------

# Instants either side of a daylight-saving change, and the local time each reads as.
ACROSS_CHANGES = [
    # Zurich goes forward at 01:00 UTC on 28 March 2027.
    ("Europe/Zurich", datetime(2027, 3, 28, 0, 30, tzinfo=UTC), "1:30 a.m."),
    ("Europe/Zurich", datetime(2027, 3, 28, 1, 30, tzinfo=UTC), "3:30 a.m."),
    # New York goes forward at 07:00 UTC on 14 March 2027.
    ("America/New_York", datetime(2027, 3, 14, 6, 30, tzinfo=UTC), "1:30 a.m."),
    ("America/New_York", datetime(2027, 3, 14, 7, 30, tzinfo=UTC), "3:30 a.m."),
    # Sydney goes back at 16:00 UTC on 3 April 2027 (03:00 becomes 02:00 on 4 April).
    ("Australia/Sydney", datetime(2027, 4, 3, 15, 30, tzinfo=UTC), "2:30 a.m."),
    ("Australia/Sydney", datetime(2027, 4, 3, 16, 30, tzinfo=UTC), "2:30 a.m."),
    ("Australia/Sydney", datetime(2027, 4, 3, 17, 30, tzinfo=UTC), "3:30 a.m."),
]


@pytest.fixture
def reader_in_lima(organizer):
    Profile.objects.update_or_create(user=organizer, defaults={"time_zone": "America/Lima"})


@pytest.mark.parametrize(("zone", "instant", "shown"), ACROSS_CHANGES)
def test_history_rows_read_in_the_sessions_zone(
    organizer_client, reader_in_lima, session, zone, instant, shown
):
    DialogueSession.objects.filter(pk=session.pk).update(time_zone=zone)
    session.history.update(history_date=instant)
    url = reverse("admin:mediation_dialoguesession_history", args=[session.pk])
    soup = BeautifulSoup(organizer_client.get(url).content, "html.parser")
    table = soup.find("table", id="change-history")
    assert f"Date/time ({zone})" in table.find("thead").get_text()
    assert {shown} == {
        row.find_all("td")[1].get_text(strip=True)[-len(shown) :]
        for row in table.find("tbody").find_all("tr")
    }


@pytest.mark.parametrize(("zone", "instant", "shown"), ACROSS_CHANGES)
def test_the_change_page_shows_read_only_times_in_the_sessions_zone(
    organizer_client, reader_in_lima, session, zone, instant, shown
):
    DialogueSession.objects.filter(pk=session.pk).update(time_zone=zone, published_at=instant)
    page = organizer_client.get(change_url(session)).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    published = soup.find("div", class_="field-published_at").find("div", class_="readonly")
    assert published.get_text(strip=True).endswith(shown)
    assert f"Times on this page are in the session's zone, {zone}." in page
