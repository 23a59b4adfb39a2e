"""The glossary ships with content: what the data migration must leave in a fresh database."""

import pytest

from glossary.models import Comparison, Example, Term

pytestmark = pytest.mark.django_db

SHIPPED_SLUGS = [
    "track-ii",
    "track-i",
    "public-diplomacy",
    "track-1-5",
    "track-iii",
    "multi-track-diplomacy",
    "back-channel-diplomacy",
    "chatham-house-rule",
    "mediation",
    "facilitation",
    "non-paper",
    "off-the-record",
    "on-the-record",
    "no-written-record",
    "academic",
    "retired-official",
    "public-figure",
    "social-activist",
]


@pytest.mark.parametrize("slug", SHIPPED_SLUGS)
def test_every_shipped_term_is_present_with_a_definition(slug):
    term = Term.objects.get(slug=slug)
    assert term.name
    assert term.definition.endswith(".")


def test_track_ii_has_both_seed_examples_with_the_right_kind():
    examples = {e.kind: e.text for e in Term.objects.get(slug="track-ii").examples.all()}

    assert "United States and North Korea" in examples[Example.Kind.REAL_WORLD]
    assert "retired officials and academics" in examples[Example.Kind.REAL_WORLD].lower()
    assert "social activists" in examples[Example.Kind.HYPOTHETICAL]
    assert "corporation" in examples[Example.Kind.HYPOTHETICAL]


def test_track_ii_has_its_quick_facts_faq_and_guidance():
    term = Term.objects.get(slug="track-ii")

    labels = [fact.label for fact in term.facts.all()]
    assert labels[:4] == ["Type", "Participants", "Purpose", "Flexibility"]
    assert term.questions.filter(question__icontains="main goal").exists()
    assert "Track II" in term.guidance


def test_no_shipped_text_advertises():
    for term in Term.objects.prefetch_related("examples", "questions"):
        texts = [term.definition, term.explanation, term.guidance]
        texts += [e.text for e in term.examples.all()]
        texts += [q.answer for q in term.questions.all()]
        assert not any("legal forms" in text.lower() for text in texts), term.slug


def test_the_chatham_house_rule_protects_identity_and_affiliation():
    term = Term.objects.get(slug="chatham-house-rule")

    assert "identity" in term.definition
    assert "affiliation" in term.definition
    assert "1927" in term.explanation
    assert "Royal Institute of International Affairs" in term.explanation


@pytest.mark.parametrize("other", ["track-i", "public-diplomacy"])
def test_both_seed_comparisons_are_stored_against_track_ii(other):
    track_ii = Term.objects.get(slug="track-ii")
    other_term = Term.objects.get(slug=other)

    assert Comparison.objects.filter(term=track_ii, other=other_term).exists()


def test_both_seed_comparisons_show_on_the_track_ii_page(client):
    html = client.get("/glossary/track-ii/").content.decode()

    assert "Track I diplomacy is formal and carried out by governments" in html
    assert "Public diplomacy is usually an official government effort" in html


def test_the_track_i_comparison_shows_on_the_track_i_page_facing_track_ii(client):
    html = client.get("/glossary/track-i/").content.decode()

    assert "Track I diplomacy is formal and carried out by governments" in html
    assert '<a href="/glossary/track-ii/">Track II diplomacy</a></th>' in html


def test_the_public_diplomacy_comparison_shows_on_the_public_diplomacy_page(client):
    html = client.get("/glossary/public-diplomacy/").content.decode()

    assert "Public diplomacy is usually an official government effort" in html


def test_related_terms_are_linked_both_ways():
    track_i = Term.objects.get(slug="track-i")

    assert track_i.related_terms.filter(slug="track-ii").exists()
    assert Term.objects.get(slug="track-ii").related_terms.filter(slug="track-i").exists()
