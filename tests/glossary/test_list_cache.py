"""The A to Z list (no search) is rendered once per edition of the glossary, language and
page, then read from the cache: never stale, never carrying a reader's data. Searches are
rendered every time."""

import pytest

from glossary.models import TermTranslation
from tests.glossary.factories import TermFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_term_is_listed_at_once(client):
    term = TermFactory(name="Back channel")
    assert "Back channel" in client.get("/glossary/").content.decode()

    term.name = "Quiet channel"
    term.save()

    html = client.get("/glossary/").content.decode()
    assert "Quiet channel" in html
    assert "Back channel" not in html


def test_a_new_term_is_listed_at_once(client):
    TermFactory(name="Back channel")
    client.get("/glossary/")

    TermFactory(name="Shuttle diplomacy")

    assert "Shuttle diplomacy" in client.get("/glossary/").content.decode()


def test_each_language_has_its_own_list(client):
    term = TermFactory(name="Back channel")
    TermTranslation.objects.create(term=term, language="fr", name="Canal officieux")

    english = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    again = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Canal officieux" in french
    assert "Canal officieux" not in english
    assert "Canal officieux" not in again


def test_the_htmx_list_and_the_whole_page_are_kept_apart(client):
    TermFactory(name="Back channel")

    fragment = client.get("/glossary/", HTTP_HX_REQUEST="true").content.decode()
    page = client.get("/glossary/").content.decode()
    fragment_again = client.get("/glossary/", HTTP_HX_REQUEST="true").content.decode()

    assert fragment.startswith('\n<section id="term-list"')
    assert "<html" not in fragment
    assert 'id="search-status"' in fragment  # the count announced out of band
    assert fragment_again == fragment
    assert "<html" in page
    assert page.count('<section id="term-list"') == 1


def test_the_cached_list_carries_nothing_of_the_reader_who_filled_it(
    participant_client, participant, client
):
    TermFactory(name="Back channel")
    name = participant.get_full_name() or participant.get_username()

    filled = participant_client.get("/glossary/").content.decode()
    read = client.get("/glossary/").content.decode()

    assert name in filled  # the page's header names the signed-in reader...
    assert name not in read  # ...and the list shown to someone else does not
    assert "Sign out" not in read
    assert "Back channel" in read


def test_a_search_is_never_served_from_an_earlier_edition(client):
    term = TermFactory(name="Back channel")
    assert "Back channel" in client.get("/glossary/", {"q": "channel"}).content.decode()

    term.name = "Quiet channel"
    term.save()

    html = client.get("/glossary/", {"q": "channel"}).content.decode()
    assert "Quiet channel" in html
    assert "Back channel" not in html


@pytest.mark.parametrize("page", ["abc", "0", "99999999999", "-1", "2"])
def test_a_bad_page_number_shows_the_list(client, page):
    TermFactory(name="Back channel")

    response = client.get("/glossary/", {"page": page})

    assert response.status_code == 200
    assert "Back channel" in response.content.decode()
