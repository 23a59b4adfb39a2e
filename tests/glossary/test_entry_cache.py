"""A glossary entry is rendered once per edition of the glossary, language and entry, then
read from the cache (glossary/editions.py): never stale, never carrying a reader's data."""

import pytest

from glossary.editions import current_edition
from glossary.models import TermTranslation
from tests.glossary.factories import (
    ComparisonFactory,
    QuickFactFactory,
    TermFactory,
    term_with_everything,
)

pytestmark = pytest.mark.django_db


def test_every_change_to_the_glossary_makes_a_new_edition():
    term = TermFactory()
    seen = {current_edition()}
    term.definition = "Said another way."
    term.save()
    seen.add(current_edition())
    fact = QuickFactFactory(term=term)
    seen.add(current_edition())
    fact.delete()
    seen.add(current_edition())
    term.related_terms.add(TermFactory())
    seen.add(current_edition())
    ComparisonFactory(term=term)
    seen.add(current_edition())
    TermTranslation.objects.create(term=term, language="fr", name="Nom")
    seen.add(current_edition())
    assert None not in seen
    assert len(seen) == 7


def test_an_edited_entry_is_shown_at_once(client):
    term = term_with_everything()
    assert "A longer explanation" in client.get(term.get_absolute_url()).content.decode()

    term.explanation = "Rewritten after a reader's remark."
    term.save()

    html = client.get(term.get_absolute_url()).content.decode()
    assert "Rewritten after a reader&#x27;s remark." in html
    assert "A longer explanation" not in html


def test_a_removed_fact_leaves_the_cached_entry(client):
    term = TermFactory()
    fact = QuickFactFactory(term=term, label="Founded in")
    assert "Founded in" in client.get(term.get_absolute_url()).content.decode()

    fact.delete()

    assert "Founded in" not in client.get(term.get_absolute_url()).content.decode()


def test_each_language_has_its_own_entry(client):
    term = TermFactory(name="Back channel")
    TermTranslation.objects.create(term=term, language="fr", name="Canal officieux")

    english = client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    again = client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Canal officieux" in french
    assert "Canal officieux" not in english
    assert "Canal officieux" not in again


def test_the_cached_entry_carries_nothing_of_the_reader_who_filled_it(
    participant_client, participant, client
):
    term = term_with_everything()
    name = participant.get_full_name() or participant.get_username()

    filled = participant_client.get(term.get_absolute_url()).content.decode()
    read = client.get(term.get_absolute_url()).content.decode()

    assert name in filled  # the page's header names the signed-in reader...
    assert name not in read  # ...and the cached entry shown to someone else does not
    assert "Sign out" not in read
    assert term.name in read


def test_a_missing_entry_is_not_cached(client):
    assert client.get("/glossary/not-yet-written/").status_code == 404
    TermFactory(slug="not-yet-written", name="Newly written")

    response = client.get("/glossary/not-yet-written/")

    assert response.status_code == 200
    assert "Newly written" in response.content.decode()
