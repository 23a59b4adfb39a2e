"""Glossary entries in the reader's language, falling back to English where an entry (or
a part of it) is not translated."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from glossary.models import Term, TermTranslation
from tests.factories import ProfileFactory
from tests.glossary.factories import TermFactory, term_with_everything

pytestmark = pytest.mark.django_db


def _get(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "slug", ["track-ii", "track-i", "track-1-5", "public-diplomacy", "chatham-house-rule"]
)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_first_entries_ship_in_french_and_arabic(slug, language):
    translation = TermTranslation.objects.get(term__slug=slug, language=language)

    assert translation.name and translation.definition and translation.explanation


def test_back_channel_ships_in_french_and_arabic():
    names = dict(
        TermTranslation.objects.filter(term__slug="back-channel-diplomacy").values_list(
            "language", "name"
        )
    )

    assert names == {"fr": "Diplomatie en canal discret", "ar": "دبلوماسية القناة الخلفية"}


def test_an_entry_page_shows_the_translation(client):
    html = _get(client, reverse("glossary:term", args=["chatham-house-rule"]), "fr")

    assert "Règle de Chatham House" in html
    assert "née en 1927 à Chatham House" in html


def test_an_untranslated_entry_falls_back_to_english(client):
    term = TermFactory(name="Good offices", slug="good-offices")

    html = _get(client, term.get_absolute_url(), "ar")

    assert 'dir="rtl"' in html
    assert "Good offices" in html
    assert term.definition in html


def test_an_untranslated_field_falls_back_to_english(client):
    term = TermFactory(name="Good offices", slug="good-offices", guidance="Ask a neutral host.")
    TermTranslation.objects.create(term=term, language="fr", name="Bons offices")

    html = _get(client, term.get_absolute_url(), "fr")

    assert "Bons offices" in html
    assert "Ask a neutral host." in html


def test_english_readers_see_the_english_text(client):
    html = _get(client, reverse("glossary:term", args=["track-ii"]), "en")

    assert "Track II diplomacy" in html
    assert "Diplomatie de voie II" not in html


def test_the_index_lists_translated_names_in_their_own_order(client):
    html = _get(client, reverse("glossary:index"), "ar")

    listing = html[html.index('class="term-index"') :]
    assert listing.index("دبلوماسية المسار الأول") < listing.index("دبلوماسية المسار الثاني")


def test_the_search_finds_a_term_by_its_translated_name(client):
    html = _get(client, reverse("glossary:index") + "?q=canal+discret", "fr")

    assert "Diplomatie en canal discret" in html


def test_the_compare_page_names_the_terms_in_the_readers_language(client):
    url = reverse("glossary:compare") + "?terms=track-ii,track-i"

    html = _get(client, url, "ar")

    assert "دبلوماسية المسار الثاني" in html and "دبلوماسية المسار الأول" in html


def test_links_to_the_glossary_show_the_translated_definition(client, session, participant):
    client.force_login(participant)
    ProfileFactory(user=participant, language="fr")
    session.confidentiality = "chatham_house"
    session.save()

    html = _get(client, session.get_absolute_url(), "fr")

    definition = TermTranslation.objects.get(term__slug="chatham-house-rule", language="fr")
    assert definition.definition.replace("'", "&#x27;") in html


def test_a_term_has_one_translation_per_language():
    term = Term.objects.get(slug="track-ii")

    with pytest.raises(IntegrityError):
        TermTranslation.objects.create(term=term, language="fr", name="Encore")


@pytest.mark.parametrize("size", [3, 30])
def test_the_translated_index_takes_a_fixed_number_of_queries(
    client, size, django_assert_num_queries
):
    for term in [term_with_everything() for _ in range(size)]:
        TermTranslation.objects.create(term=term, language="ar", name=f"مصطلح {term.pk}")

    # The glossary's edition (the list is then cached, glossary/editions.py), the page's
    # count, the page of terms, and their translations.
    with django_assert_num_queries(4):
        response = client.get(reverse("glossary:index"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
