"""Each glossary page costs the same number of queries however much the glossary holds."""

import itertools

import pytest

from glossary.models import (
    Comparison,
    ComparisonTranslation,
    ExampleTranslation,
    QuestionTranslation,
    QuickFactTranslation,
    Term,
    TermTranslation,
)
from tests.glossary.factories import ComparisonFactory, term_with_everything

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


@pytest.fixture
def terms_of_size(db):
    def build(size: int):
        return [term_with_everything() for _ in range(size)]

    return build


@pytest.mark.parametrize("size", SIZES)
def test_the_index_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, django_assert_num_queries
):
    terms_of_size(size)

    # The glossary's edition; then, the first time in this edition and language
    # (glossary/editions.py), the page's count and the page of terms.
    with django_assert_num_queries(3):
        response = client.get("/glossary/")
    listed = Term.objects.count()
    assert response.content.decode().count('<dt><a href="/glossary/') == listed
    # Afterwards the list comes from the cache: the edition alone.
    with django_assert_num_queries(1):
        again = client.get("/glossary/")
    assert again.content.decode().count('<dt><a href="/glossary/') == listed


@pytest.mark.parametrize("size", SIZES)
def test_an_empty_search_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, django_assert_num_queries
):
    terms_of_size(size)

    # The count (zero, so no page to fetch), and the suggestions.
    with django_assert_num_queries(2):
        response = client.get("/glossary/", {"q": "xylophone"}, HTTP_HX_REQUEST="true")
    assert "No term matches" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_an_entry_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, django_assert_num_queries
):
    others = terms_of_size(size)
    term = term_with_everything(related_terms=others)
    for position, other in enumerate(others):
        # Both sides: the page shows comparisons whichever side the term is on.
        if position % 2:
            ComparisonFactory(term=term, other=other)
        else:
            ComparisonFactory(term=other, other=term)

    # The glossary's edition; then, the first time in this edition (glossary/editions.py),
    # the term, its facts, examples, questions and related terms, its comparisons, and the
    # names for links.
    with django_assert_num_queries(8):
        response = client.get(term.get_absolute_url())
    assert response.content.decode().count('<th scope="row"><a href=') == size
    # Afterwards the entry comes from the cache: the edition alone.
    with django_assert_num_queries(1):
        again = client.get(term.get_absolute_url())
    assert again.content.decode().count('<th scope="row"><a href=') == size


@pytest.mark.parametrize("size", SIZES)
def test_the_compare_page_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, django_assert_num_queries
):
    chosen = terms_of_size(size)[:3]

    # The terms, their facts and examples, their comparisons, the choices, and the names
    # for links.
    with django_assert_num_queries(6):
        response = client.get(
            "/glossary/compare/", {"terms": ",".join(term.slug for term in chosen)}
        )
    assert response.content.decode().count('<th scope="col">') == 3


@pytest.mark.parametrize("columns", [2, 6])
def test_the_compare_page_costs_the_same_for_more_columns(
    client, terms_of_size, columns, django_assert_num_queries
):
    chosen = terms_of_size(columns)

    with django_assert_num_queries(6):
        response = client.get(
            "/glossary/compare/", {"terms": ",".join(term.slug for term in chosen)}
        )
    assert response.content.decode().count('<th scope="col">') == columns


def _translate_everything(terms, language):
    """Every term and every part of it translated into `language`."""
    for term in terms:
        TermTranslation.objects.create(term=term, language=language, name=f"{language} {term.pk}")
        for fact in term.facts.all():
            QuickFactTranslation.objects.create(part=fact, language=language, value="v")
        for example in term.examples.all():
            ExampleTranslation.objects.create(part=example, language=language, text="t")
        for question in term.questions.all():
            QuestionTranslation.objects.create(part=question, language=language, answer="a")
    for comparison in Comparison.objects.exclude(translations__language=language):
        ComparisonTranslation.objects.create(part=comparison, language=language, differences="d")


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("size", SIZES)
def test_a_translated_entry_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, language, django_assert_num_queries
):
    others = terms_of_size(size)
    term = term_with_everything(related_terms=others)
    for other in others:
        ComparisonFactory(term=term, other=other)
    _translate_everything([term, *others], language)

    # As in English (the parts' translations come on the parts' own queries), plus the
    # translations of the term and its related terms, of the compared terms, and of the
    # names for links; the edition alone once the entry is cached.
    with django_assert_num_queries(11):
        response = client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    with django_assert_num_queries(1):
        client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert html.count("<td>d</td>") == size
    assert f'lang="{language}"' in html


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("size", SIZES)
def test_the_translated_compare_page_takes_a_fixed_number_of_queries(
    client, terms_of_size, size, language, django_assert_num_queries
):
    terms = terms_of_size(size)
    for first, second in itertools.pairwise(terms):
        ComparisonFactory(term=first, other=second)
    _translate_everything(terms, language)
    chosen = terms[:3]

    # As in English, plus the translations of the compared terms, of the choices and of
    # the names for links.
    with django_assert_num_queries(9):
        response = client.get(
            "/glossary/compare/",
            {"terms": ",".join(term.slug for term in chosen)},
            HTTP_ACCEPT_LANGUAGE=language,
        )
    html = response.content.decode()
    assert html.count("<dd>d</dd>") == 2
    assert html.count("<td>v</td>") == 6
