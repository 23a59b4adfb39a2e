"""The glossary's search reads the whole entry (issue 14): names, other names and the
definition first, then, listed apart as "Also mentioned in", the entries whose explanation,
quick facts, examples or questions use every word of the query as a whole word."""

import pytest

from tests.glossary.factories import (
    ExampleFactory,
    QuestionFactory,
    QuickFactFactory,
    TermFactory,
    term_with_everything,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def search(client, query: str) -> str:
    response = client.get("/glossary/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def also_mentioned(html: str) -> str:
    """The part of the results listed under "Also mentioned in" ("" when none)."""
    start = html.find('id="also-mentioned"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_a_name_in_an_entrys_history_finds_the_entry(client):
    html = search(client, "Montville")

    assert 'href="/glossary/track-ii/"' in also_mentioned(html)
    assert 'href="/glossary/track-i/"' in also_mentioned(html)
    assert "No term matches" not in html


def test_a_place_in_an_example_finds_the_entry(client):
    assert 'href="/glossary/track-ii/"' in also_mentioned(search(client, "korea"))


def test_every_word_is_needed_across_the_whole_entry(client):
    mentioned = also_mentioned(search(client, "Montville Korea"))

    assert 'href="/glossary/track-ii/"' in mentioned
    assert 'href="/glossary/track-i/"' not in mentioned  # names Montville, not Korea


def test_names_and_definitions_come_first_and_mentions_apart(client):
    html = search(client, "track")

    heading = html.index('id="also-mentioned"')
    assert html.index('href="/glossary/track-ii/"') < heading
    assert 'href="/glossary/track-ii/"' not in also_mentioned(html)
    assert 'href="/glossary/back-channel-diplomacy/"' in also_mentioned(html)


def test_the_long_text_matches_whole_words_only(client):
    TermFactory(name="Ledger", slug="ledger", explanation="Kept by a vote tracker.")

    assert 'href="/glossary/ledger/"' not in search(client, "track")
    assert 'href="/glossary/ledger/"' in also_mentioned(search(client, "tracker"))
    # Chatham House Rule's entry says "tracker", never "track" (test_views pins the same).
    assert 'href="/glossary/chatham-house-rule/"' not in search(client, "track")


@pytest.mark.parametrize(
    "part",
    [
        lambda term: QuickFactFactory(term=term, label="Origin", value="Zanzibar"),
        lambda term: ExampleFactory(term=term, text="A meeting in Zanzibar."),
        lambda term: QuestionFactory(term=term, question="Why Zanzibar?"),
        lambda term: QuestionFactory(term=term, answer="Zanzibar was neutral."),
    ],
    ids=["fact", "example", "question", "answer"],
)
def test_each_part_of_an_entry_is_searched(client, part):
    term = TermFactory(name="Island talks", slug="island-talks")
    part(term)

    assert 'href="/glossary/island-talks/"' in also_mentioned(search(client, "zanzibar"))


@pytest.mark.parametrize("query", ["(", "[a-", "\\", "a|b", ".*", "+?", "$^"])
def test_characters_of_regular_expressions_are_taken_literally(client, query):
    assert client.get("/glossary/", {"q": query}).status_code == 200


def test_an_htmx_search_lists_mentions_in_the_fragment(client):
    html = client.get("/glossary/", {"q": "Montville"}, **HTMX).content.decode()

    assert "<html" not in html
    assert 'href="/glossary/track-ii/"' in also_mentioned(html)


@pytest.mark.parametrize("size", [3, 30])
def test_a_whole_text_search_takes_a_fixed_number_of_queries(
    client, size, django_assert_num_queries
):
    for _ in range(size):
        term_with_everything()

    # The count, and the page of terms (names first, mentions after, in one list).
    with django_assert_num_queries(2):
        response = client.get("/glossary/", {"q": "communities"})
    assert "Also mentioned in" in response.content.decode()
