"""The glossary in the admin: editors can list, open, search and save terms and comparisons."""

import pytest

from glossary.models import Comparison, Term
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
