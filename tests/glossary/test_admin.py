"""The glossary in the admin: editors can list, open, search and save terms and comparisons."""

import pytest

from glossary.models import Comparison, Example, Question, QuickFact, Term
from tests.glossary.factories import ComparisonFactory, TermFactory, term_with_everything

pytestmark = pytest.mark.django_db


def test_the_term_list_renders(admin_client):
    response = admin_client.get("/admin/glossary/term/")

    assert response.status_code == 200
    assert "Chatham House Rule" in response.content.decode()


def test_the_term_list_searches_definitions(admin_client):
    response = admin_client.get("/admin/glossary/term/", {"q": "grassroots"})

    html = response.content.decode()
    assert "Track III diplomacy" in html
    assert "Chatham House Rule" not in html


def test_the_term_form_renders_with_its_inlines(admin_client):
    term = Term.objects.get(slug="track-ii")

    response = admin_client.get(f"/admin/glossary/term/{term.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    for prefix in ["translations", "facts", "examples", "questions", "comparisons_as_first"]:
        assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert 'id="id_related_terms"' in html
    assert "United States and North Korea" in html


def test_the_add_term_form_renders(admin_client):
    assert admin_client.get("/admin/glossary/term/add/").status_code == 200


def test_the_comparison_list_and_form_render(admin_client):
    comparison = Comparison.objects.select_related("term").first()

    listing = admin_client.get("/admin/glossary/comparison/")
    form = admin_client.get(f"/admin/glossary/comparison/{comparison.pk}/change/")

    assert listing.status_code == 200
    assert form.status_code == 200
    assert comparison.differences in form.content.decode()


def test_an_editor_can_add_a_term_with_a_fact(admin_client):
    response = admin_client.post(
        "/admin/glossary/term/add/",
        {
            "name": "Good offices",
            "slug": "good-offices",
            "aliases": "",
            "definition": "A third party's help in bringing the sides of a dispute together.",
            "explanation": "",
            "guidance": "",
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
            "facts-TOTAL_FORMS": "1",
            "facts-INITIAL_FORMS": "0",
            "facts-0-position": "1",
            "facts-0-label": "Type",
            "facts-0-value": "Third-party assistance",
            "examples-TOTAL_FORMS": "0",
            "examples-INITIAL_FORMS": "0",
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
            "comparisons_as_first-TOTAL_FORMS": "0",
            "comparisons_as_first-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    term = Term.objects.get(slug="good-offices")
    assert term.facts.get().value == "Third-party assistance"


def test_the_admin_refuses_a_comparison_already_stored_the_other_way(admin_client):
    first, second = term_with_everything(), TermFactory()
    ComparisonFactory(term=first, other=second)

    response = admin_client.post(
        "/admin/glossary/comparison/add/",
        {"term": second.pk, "other": first.pk, "differences": "Again."},
    )

    assert response.status_code == 200
    assert "These two terms are already compared." in response.content.decode()
    assert Comparison.objects.filter(term=second, other=first).count() == 0


def test_term_autocomplete_answers_for_the_comparison_form(admin_client):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "chatham",
            "app_label": "glossary",
            "model_name": "comparison",
            "field_name": "other",
        },
    )

    assert response.status_code == 200
    assert "Chatham House Rule" in response.content.decode()


def test_the_term_form_links_each_part_to_its_own_page_for_translating(admin_client):
    term = Term.objects.get(slug="track-ii")
    fact = term.facts.get(label="Flexibility")

    html = admin_client.get(f"/admin/glossary/term/{term.pk}/change/").content.decode()

    assert f"/admin/glossary/quickfact/{fact.pk}/change/" in html


@pytest.mark.parametrize("kind", ["quickfact", "example", "question", "comparison"])
def test_each_part_list_and_form_render_with_its_translations(admin_client, kind):
    model = {"quickfact": QuickFact, "example": Example, "question": Question}.get(
        kind, Comparison
    )
    part = model.objects.filter(translations__language="ar").first()

    listing = admin_client.get(f"/admin/glossary/{kind}/")
    form = admin_client.get(f"/admin/glossary/{kind}/{part.pk}/change/")

    assert listing.status_code == 200 and form.status_code == 200
    html = form.content.decode()
    assert 'name="translations-TOTAL_FORMS"' in html
    assert part.translations.get(language="ar").pk
    assert 'value="ar"' in html


def test_an_editor_translates_a_fact_in_the_admin(admin_client, client):
    term = term_with_everything(slug="good-offices")
    fact = term.facts.get(label="Type")

    response = admin_client.post(
        f"/admin/glossary/quickfact/{fact.pk}/change/",
        {
            "term": term.pk,
            "position": fact.position,
            "label": "Type",
            "value": fact.value,
            "translations-TOTAL_FORMS": "2",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "fr",
            "translations-0-label": "Nature",
            "translations-0-value": "Aide d'un tiers",
            "translations-1-language": "ar",
            "translations-1-label": "النوع",
            "translations-1-value": "",
        },
    )

    assert response.status_code == 302
    assert dict(fact.translations.values_list("language", "label")) == {
        "fr": "Nature",
        "ar": "النوع",
    }
    html = client.get(term.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<dt>Nature</dt>" in html and "Aide d&#x27;un tiers" in html


def test_an_editor_translates_a_comparison_in_the_admin(admin_client):
    comparison = ComparisonFactory(term=term_with_everything(), other=TermFactory())

    response = admin_client.post(
        f"/admin/glossary/comparison/{comparison.pk}/change/",
        {
            "term": comparison.term_id,
            "other": comparison.other_id,
            "differences": comparison.differences,
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "ar",
            "translations-0-differences": "يختلفان في من يشارك.",
        },
    )

    assert response.status_code == 302
    assert comparison.translations.get(language="ar").differences == "يختلفان في من يشارك."


def test_a_part_has_one_translation_per_language_in_the_admin(admin_client):
    fact = term_with_everything().facts.first()

    response = admin_client.post(
        f"/admin/glossary/quickfact/{fact.pk}/change/",
        {
            "term": fact.term_id,
            "position": fact.position,
            "label": fact.label,
            "value": fact.value,
            "translations-TOTAL_FORMS": "2",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "fr",
            "translations-0-value": "Un",
            "translations-1-language": "fr",
            "translations-1-value": "Deux",
        },
    )

    assert response.status_code == 200
    assert "Please correct the duplicate data for language" in response.content.decode()
    assert not fact.translations.exists()


def test_organizers_translate_parts_too(organizer_client):
    fact = QuickFact.objects.filter(term__slug="track-ii").first()

    response = organizer_client.get(f"/admin/glossary/quickfact/{fact.pk}/change/")

    assert response.status_code == 200
    assert 'name="translations-TOTAL_FORMS"' in response.content.decode()
