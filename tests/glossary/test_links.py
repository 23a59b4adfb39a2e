"""Autolinking: every other term a text names becomes a link to its entry, safely."""

import re

import pytest

from glossary import selectors
from glossary.links import LinkIndex
from tests.glossary.factories import TermFactory

ROWS = [
    ("track-ii", "Track II diplomacy", "Track II, Track 2", "Informal diplomacy."),
    ("track-i", "Track I diplomacy", "Track I", "Official diplomacy."),
    ("track-1-5", "Track 1.5 diplomacy", "Track 1.5", "Officials in a personal capacity."),
    ("mediation", "Mediation", "mediator", 'A third party "helps" & more.'),
    ("rnd", "R&D", "", "Research & development."),
]


@pytest.fixture
def index():
    return LinkIndex(ROWS)


def test_it_links_other_terms_to_their_entries(index):
    html = index.autolink("Unlike Track I diplomacy, it is informal.")

    # The same markup as {% glossary_link %}: the definition is also a tooltip that
    # keyboard focus and touch show.
    assert re.fullmatch(
        r'Unlike <span class="glossary-term"><a href="/glossary/track-i/" class="glossary-link" '
        r'title="Official diplomacy." aria-describedby="(glossary-tip-\w+)">Track I diplomacy</a>'
        r'<span id="\1" class="glossary-tip" role="tooltip" hidden>Official diplomacy.</span>'
        r"</span>, it is informal.",
        html,
    )


def test_it_does_not_link_a_term_to_itself(index):
    html = index.autolink("Track II diplomacy differs from Track I.", exclude="track-ii")

    assert 'href="/glossary/track-ii/"' not in html
    assert 'href="/glossary/track-i/"' in html


def test_it_matches_case_insensitively_and_keeps_the_texts_case(index):
    html = index.autolink("a MEDIATOR stepped in")

    assert '<a href="/glossary/mediation/"' in html
    assert ">MEDIATOR</a>" in html


def test_it_matches_whole_words_only(index):
    html = index.autolink("Mediations and premediation are not terms; Track IIb is not.")

    assert "<a " not in html


def test_the_longest_name_wins(index):
    html = index.autolink("Track II diplomacy and Track 1.5 both matter.")

    assert ">Track II diplomacy</a>" in html
    assert ">Track 1.5</a>" in html
    assert 'href="/glossary/track-i/"' not in html


def test_it_links_only_the_first_mention_of_each_term(index):
    html = index.autolink("Track I, then Track I again.")

    assert html.count("<a ") == 1


def test_it_escapes_the_text_before_linking(index):
    html = index.autolink('<script>alert("Track I")</script>')

    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;alert(&quot;")
    assert ">Track I</a>" in html
    assert html.endswith("</span></span>&quot;)&lt;/script&gt;")


def test_it_escapes_definitions_in_the_title(index):
    html = index.autolink("Ask a mediator.")

    assert 'title="A third party &quot;helps&quot; &amp; more."' in html


def test_it_matches_names_that_escaping_changes(index):
    html = index.autolink("Spending on R&D rose.")

    assert '<a href="/glossary/rnd/" class="glossary-link"' in html
    assert ">R&amp;D</a>" in html


def test_it_never_links_inside_a_character_reference():
    index = LinkIndex([("amp", "amp", "", "A made-up term."), ("quot", "quot", "", "Another.")])

    html = index.autolink('Fish & "chips"')

    assert html == "Fish &amp; &quot;chips&quot;"


def test_text_without_terms_comes_back_escaped():
    assert LinkIndex([]).autolink("a < b") == "a &lt; b"


@pytest.mark.django_db
def test_the_index_of_links_is_one_query(django_assert_num_queries):
    TermFactory.create_batch(5)

    with django_assert_num_queries(1):
        index = selectors.link_index()
        index.autolink("Track II diplomacy and the Chatham House Rule")
    assert index.entry("chatham_house").slug == "chatham-house-rule"
