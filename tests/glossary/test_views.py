"""The glossary's pages: the A to Z list and its search, an entry, the 404, and compare."""

import pytest

from glossary.models import Example
from tests.glossary.factories import (
    ComparisonFactory,
    ExampleFactory,
    QuickFactFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sextant(db):
    return TermFactory(
        name="Sextant protocol",
        slug="sextant-protocol",
        definition="A navigational arrangement for quarrelling lighthouse keepers.",
    )


@pytest.fixture
def quadrant(db):
    return TermFactory(
        name="Quadrant accord",
        slug="quadrant-accord",
        definition="An understanding reached among four harbour masters.",
    )


# --- The A to Z list and its search ------------------------------------------------------


def test_the_index_lists_every_term_a_to_z_with_its_definition(client, sextant, quadrant):
    response = client.get("/glossary/")

    html = response.content.decode()
    assert response.status_code == 200
    assert sextant.definition in html
    assert html.index("Quadrant accord") < html.index("Sextant protocol")
    assert html.index(">Chatham House Rule</a>") < html.index(">Track II diplomacy</a>")


def test_the_index_is_public(client):
    assert client.get("/glossary/").status_code == 200


def test_search_matches_the_name_case_insensitively(client, sextant, quadrant):
    html = client.get("/glossary/", {"q": "SEXTANT"}).content.decode()

    assert "Sextant protocol" in html
    assert "Quadrant accord" not in html


def test_search_matches_words_in_the_definition(client, sextant, quadrant):
    html = client.get("/glossary/", {"q": "Harbour Masters"}).content.decode()

    assert "Quadrant accord" in html
    assert "Sextant protocol" not in html


def test_search_needs_every_word_but_not_in_order(client, sextant, quadrant):
    html = client.get("/glossary/", {"q": "keepers lighthouse"}).content.decode()
    assert "Sextant protocol" in html

    html = client.get("/glossary/", {"q": "lighthouse harbour"}).content.decode()
    assert "Sextant protocol" not in html
    assert "Quadrant accord" not in html


def test_search_matches_other_names(client):
    html = client.get("/glossary/", {"q": "track 2"}).content.decode()

    assert 'href="/glossary/track-ii/"' in html


def test_an_empty_search_says_so_and_suggests_terms(client):
    html = client.get("/glossary/", {"q": "xylophone"}).content.decode()

    assert "No term matches “xylophone”." in html
    assert 'href="/glossary/track-ii/"' in html
    assert 'href="/glossary/chatham-house-rule/"' in html


def test_the_search_query_is_escaped(client):
    html = client.get("/glossary/", {"q": "<b>bold</b>"}).content.decode()

    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_the_search_form_is_a_labelled_get_form_that_also_filters_as_you_type(client):
    html = client.get("/glossary/").content.decode()

    assert '<form method="get" action="/glossary/"' in html
    assert '<label for="glossary-q">' in html
    assert 'id="glossary-q" name="q"' in html
    assert 'hx-get="/glossary/"' in html
    assert 'hx-trigger="input changed delay:200ms, search"' in html
    assert 'hx-target="#term-list"' in html


def test_the_full_page_contains_the_html_document(client):
    response = client.get("/glossary/", {"q": "track"})

    html = response.content.decode()
    assert "<html" in html
    assert 'id="term-list"' in html
    assert "HX-Request" in response["Vary"]


def test_an_htmx_search_returns_only_the_list(client):
    response = client.get("/glossary/", {"q": "track"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="term-list"' in html
    assert "Track II diplomacy" in html
    assert "Chatham House Rule" not in html
    assert "HX-Request" in response["Vary"]


def test_an_htmx_search_updates_the_status_for_screen_readers(client):
    html = client.get("/glossary/", {"q": "xylophone"}, **HTMX).content.decode()

    assert 'id="search-status"' in html
    assert 'hx-swap-oob="true"' in html
    assert "No term found" in html


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        "/glossary/", {"q": "track"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )

    assert "<html" in response.content.decode()


def test_the_list_is_paginated_and_page_links_keep_the_search(client, monkeypatch):
    monkeypatch.setattr("glossary.views.TERMS_PER_PAGE", 2)
    for n in range(3):
        TermFactory(name=f"Walrus treaty {n}", slug=f"walrus-treaty-{n}")

    html = client.get("/glossary/", {"q": "walrus"}).content.decode()

    assert "Page 1 of 2" in html
    assert html.count("</a></dt>") == 2
    assert 'href="?q=walrus&amp;page=2" rel="next"' in html
    second = client.get("/glossary/", {"q": "walrus", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert ">Walrus treaty 2</a></dt>" in second
    assert second.count("</a></dt>") == 1


def test_the_index_has_a_title_and_description(client):
    html = client.get("/glossary/").content.decode()

    assert "<title>Glossary of Track II diplomacy" in html
    assert '<meta name="description" content="Plain definitions of Track II diplomacy' in html


# --- One entry --------------------------------------------------------------------------


def test_an_entry_shows_every_part(client):
    html = client.get("/glossary/track-ii/").content.decode()

    for heading in [
        "What it means",
        "Quick facts",
        "Examples",
        "Compared with related terms",
        "Frequently asked questions",
        "What to do if this applies to you",
        "Related terms",
    ]:
        assert f">{heading}</h2>" in html
    assert "<title>Track II diplomacy (glossary)" in html
    assert '<meta name="description" content="Informal diplomacy in which people' in html
    assert "Real-world example" in html
    assert "Hypothetical example" in html
    assert "<dt>Participants</dt>" in html


def test_an_entry_labels_each_example_with_its_kind(client, sextant):
    ExampleFactory(term=sextant, kind=Example.Kind.REAL_WORLD, text="Keepers met in 1901.")

    html = client.get("/glossary/sextant-protocol/").content.decode()

    label = html.index("Real-world example")
    assert label < html.index("Keepers met in 1901.")
    assert "Hypothetical example" not in html


def test_the_guidance_points_to_starting_a_process_in_the_admin(client):
    html = client.get("/glossary/track-ii/").content.decode()

    assert '<a href="/admin/">organizers\' console</a>' in html


def test_a_comparison_shows_on_both_terms_pages(client, sextant, quadrant):
    ComparisonFactory(term=sextant, other=quadrant, differences="One has six sides.")

    first = client.get("/glossary/sextant-protocol/").content.decode()
    second = client.get("/glossary/quadrant-accord/").content.decode()

    assert "One has six sides." in first
    assert quadrant.definition in first
    assert "One has six sides." in second
    assert sextant.definition in second


def test_an_entry_escapes_its_content(client):
    TermFactory(slug="risky", explanation="<script>alert(1)</script>")

    html = client.get("/glossary/risky/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_entry_links_the_terms_its_text_names(client, sextant, quadrant):
    sextant.explanation = "Older than the quadrant accord, and stricter."
    sextant.save()

    html = client.get("/glossary/sextant-protocol/").content.decode()

    assert '<a href="/glossary/quadrant-accord/" class="glossary-link"' in html
    assert ">quadrant accord</a>" in html
    assert "</span></span>, and stricter." in html


def test_an_unknown_term_is_a_404_that_offers_the_search(client):
    response = client.get("/glossary/no-such-term/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<form method="get" action="/glossary/"' in html
    assert 'name="q"' in html
    assert 'href="/glossary/track-ii/"' in html
    assert "<title>Term not found" in html


# --- Compare ----------------------------------------------------------------------------


def test_comparing_three_terms_shows_three_columns(client):
    response = client.get("/glossary/compare/", {"terms": "track-ii,track-i,public-diplomacy"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<th scope="col">') == 3
    for name in ["Track II diplomacy", "Track I diplomacy", "Public diplomacy"]:
        assert f">{name}</a></th>" in html
    assert '<th scope="row">Definition</th>' in html
    assert '<th scope="row">Participants</th>' in html
    assert '<th scope="row">Examples</th>' in html


def test_compare_lines_up_facts_by_label_and_marks_missing_ones(client, sextant, quadrant):
    QuickFactFactory(term=sextant, label="Sides", value="Six")
    QuickFactFactory(term=quadrant, label="sides", value="Four")
    QuickFactFactory(term=quadrant, label="Harbours", value="Many")

    html = client.get(
        "/glossary/compare/", {"terms": "sextant-protocol,quadrant-accord"}
    ).content.decode()

    sides_row = html[html.index('<th scope="row">Sides</th>') :]
    sides_row = sides_row[: sides_row.index("</tr>")]
    assert sides_row.index("Six") < sides_row.index("Four")
    harbours_row = html[html.index('<th scope="row">Harbours</th>') :]
    harbours_row = harbours_row[: harbours_row.index("</tr>")]
    assert "Not stated" in harbours_row
    assert "Many" in harbours_row


def test_compare_accepts_the_checkbox_form_too(client):
    response = client.get("/glossary/compare/", {"terms": ["track-ii", "track-i"]})

    assert response.content.decode().count('<th scope="col">') == 2


def test_compare_shows_the_stored_differences_between_the_chosen_terms(client):
    html = client.get("/glossary/compare/", {"terms": "track-i,track-ii"}).content.decode()

    assert "Track I diplomacy is formal and carried out by governments" in html


def test_comparing_one_term_asks_for_another(client):
    response = client.get("/glossary/compare/", {"terms": "track-ii"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least two terms to compare." in html
    assert '<th scope="col">' not in html
    assert 'name="terms" value="track-ii" id="compare-track-ii" checked' in html


def test_comparing_unknown_terms_names_them(client):
    response = client.get("/glossary/compare/", {"terms": "track-ii,made-up,<i>x</i>"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "No glossary terms are called made-up, &lt;i&gt;x&lt;/i&gt;." in html
    assert "Choose at least two terms to compare." in html


def test_the_compare_page_without_terms_offers_the_choice(client):
    response = client.get("/glossary/compare/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<legend>" in html
    assert 'name="terms" value="chatham-house-rule"' in html
    assert "Choose at least two" not in html


def test_compare_leaves_out_terms_beyond_the_limit_and_says_so(client):
    slugs = [
        "track-ii",
        "track-i",
        "track-1-5",
        "track-iii",
        "public-diplomacy",
        "mediation",
        "facilitation",
    ]
    html = client.get("/glossary/compare/", {"terms": ",".join(slugs)}).content.decode()

    assert html.count('<th scope="col">') == 6
    assert "these were left out: facilitation." in html


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_glossary_pages_only_answer_get(client, method):
    for url in ["/glossary/", "/glossary/track-ii/", "/glossary/compare/"]:
        assert getattr(client, method)(url).status_code == 405
