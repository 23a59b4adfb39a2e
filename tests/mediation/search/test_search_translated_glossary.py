"""The search box finds glossary entries by their text in the reader's language: a French
reader finds an entry by its French words, and sees it under its French name."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from glossary.models import QuickFactTranslation, TermTranslation
from tests.glossary.factories import QuickFactFactory, TermFactory

pytestmark = pytest.mark.django_db

URL = reverse("search")


def glossary_hits(language: str, query: str) -> list[str]:
    page = Client().get(URL, {"q": query}, HTTP_ACCEPT_LANGUAGE=language)
    soup = BeautifulSoup(page.content, "html.parser")
    group = soup.select_one("#search-glossary")
    return [a.text for a in group.find_parent("section").select("li a")] if group else []


@pytest.fixture
def good_offices():
    term = TermFactory(slug="good-offices", name="Good offices", definition="Third-party help.")
    TermTranslation.objects.create(
        term=term, language="fr", name="Bons offices", definition="Une aide bienveillante."
    )
    fact = QuickFactFactory(term=term, label="Origin", value="Old practice")
    QuickFactTranslation.objects.create(
        part=fact, language="ar", label="الأصل", value="ممارسة قديمة"
    )
    return term


def test_a_french_reader_finds_an_entry_by_its_french_words(good_offices):
    assert glossary_hits("fr", "bienveillante") == ["Bons offices"]
    assert glossary_hits("en", "bienveillante") == []


def test_an_arabic_reader_finds_an_entry_by_a_translated_fact(good_offices):
    assert glossary_hits("ar", "قديمة") == ["Good offices"]
    assert glossary_hits("fr", "قديمة") == []


def test_the_english_text_is_found_in_every_language(good_offices):
    assert "Good offices" in glossary_hits("en", "Third-party help")
    assert "Bons offices" in glossary_hits("fr", "Third-party help")
    assert "Good offices" in glossary_hits("ar", "Third-party help")
