"""A term's quick facts, examples, questions and comparisons in the reader's language, each
falling back to its English text where it (or one of its fields) is not translated."""

import pytest
from django.urls import reverse

from glossary.models import (
    ComparisonTranslation,
    Example,
    ExampleTranslation,
    Question,
    QuestionTranslation,
    QuickFact,
    QuickFactTranslation,
    TermTranslation,
)
from tests.glossary.factories import (
    ComparisonFactory,
    ExampleFactory,
    QuestionFactory,
    QuickFactFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

SIX = [
    "track-ii",
    "track-i",
    "track-1-5",
    "public-diplomacy",
    "chatham-house-rule",
    "back-channel-diplomacy",
]


def _get(client, url, language):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("slug", SIX)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_fact_example_and_question_of_the_first_entries_ships_translated(slug, language):
    for model, translation in [
        (QuickFact, QuickFactTranslation),
        (Example, ExampleTranslation),
        (Question, QuestionTranslation),
    ]:
        english = model.objects.filter(term__slug=slug)
        translated = translation.objects.filter(part__in=english, language=language)
        assert translated.exclude(**{translation.TRANSLATED_FIELDS[-1]: ""}).count() == (
            english.count()
        )
    assert QuickFact.objects.filter(term__slug=slug).exists()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_comparisons_among_the_first_entries_ship_translated(language):
    assert ComparisonTranslation.objects.filter(language=language).count() == 4


def test_the_entry_page_shows_facts_examples_questions_and_comparisons_in_french(client):
    html = _get(client, reverse("glossary:term", args=["track-ii"]), "fr")

    assert "<dt>Souplesse</dt>" in html
    assert "Grande : les sujets sensibles peuvent être abordés ouvertement" in html
    assert "Un groupe de militants organise entre elles des" in html
    assert "D&#x27;où vient ce nom ?" in html
    assert "la diplomatie de voie II ne réunit que ces dernières" in html
    assert "Flexibility" not in html
    assert "Where does the name come from?" not in html


def test_the_entry_page_shows_facts_examples_questions_and_comparisons_in_arabic(client):
    html = _get(client, reverse("glossary:term", args=["chatham-house-rule"]), "ar")

    assert 'dir="rtl"' in html
    assert "<dt>ما يبقى سريًا</dt>" in html
    assert "هل يجوز لي أن أذكر من حضر؟" in html
    assert "يكتب أحد المشاركين مقالًا" in html
    assert "What stays confidential" not in html


def test_english_readers_keep_the_english_parts(client):
    html = _get(client, reverse("glossary:term", args=["track-ii"]), "en")

    assert "<dt>Flexibility</dt>" in html
    assert "Souplesse" not in html


def test_an_untranslated_part_falls_back_to_english_beside_translated_ones(client):
    term = TermFactory(slug="good-offices")
    translated = QuickFactFactory(term=term, label="Type", value="Third-party help")
    QuickFactTranslation.objects.create(
        part=translated, language="fr", label="Nature", value="Aide d'un tiers"
    )
    QuickFactFactory(term=term, label="Origin", value="Old practice")
    ExampleFactory(term=term, text="Suppose a neutral host.")
    QuestionFactory(term=term, question="Who asks?", answer="Either side.")

    html = _get(client, term.get_absolute_url(), "fr")

    assert "<dt>Nature</dt>" in html and "<dd>Aide d&#x27;un tiers</dd>" in html
    # What is still English says so, for screen readers to read it with English sounds.
    assert '<dt lang="en" dir="ltr">Origin</dt>' in html
    assert '<dd lang="en" dir="ltr">Old practice</dd>' in html
    assert '<p lang="en" dir="ltr">Suppose a neutral host.</p>' in html
    assert '<h3 lang="en" dir="ltr">Who asks?</h3>' in html


def test_an_empty_field_of_a_translation_falls_back_to_english(client):
    term = TermFactory(slug="good-offices")
    fact = QuickFactFactory(term=term, label="Type", value="Third-party help")
    QuickFactTranslation.objects.create(part=fact, language="ar", label="النوع", value="")
    question = QuestionFactory(term=term, question="Who asks?", answer="Either side.")
    QuestionTranslation.objects.create(part=question, language="ar", question="من يطلب؟")

    html = _get(client, term.get_absolute_url(), "ar")

    assert "<dt>النوع</dt>" in html
    assert '<dd lang="en" dir="ltr">Third-party help</dd>' in html
    assert "<h3>من يطلب؟</h3>" in html
    assert '<div lang="en" dir="ltr"><p>Either side.</p></div>' in html


def test_an_entry_field_left_in_english_is_marked_english(client):
    term = TermFactory(slug="good-offices", name="Good offices", explanation="Long ago.")
    TermTranslation.objects.create(
        term=term, language="fr", name="Bons offices", definition="Aide d'un tiers."
    )

    html = _get(client, term.get_absolute_url(), "fr")

    assert '<h1 id="term-name">Bons offices</h1>' in html
    assert '<p class="glossary-definition">Aide d&#x27;un tiers.</p>' in html
    assert '<div lang="en" dir="ltr"><p>Long ago.</p></div>' in html
    assert 'lang="en"' not in _get(client, term.get_absolute_url(), "en").split("<main")[1]


def test_a_translation_in_another_language_is_not_shown(client):
    term = TermFactory(slug="good-offices")
    example = ExampleFactory(term=term, text="Suppose a neutral host.")
    ExampleTranslation.objects.create(part=example, language="ar", text="لنفترض مضيفًا محايدًا.")

    html = _get(client, term.get_absolute_url(), "fr")

    assert "Suppose a neutral host." in html
    assert "لنفترض" not in html


def test_a_comparison_shows_translated_on_both_terms_pages(client):
    first, second = TermFactory(slug="good-offices"), TermFactory(slug="mediation")
    comparison = ComparisonFactory(term=first, other=second, differences="They differ.")
    ComparisonTranslation.objects.create(
        part=comparison, language="fr", differences="Elles diffèrent."
    )

    for term in (first, second):
        html = _get(client, term.get_absolute_url(), "fr")
        assert "Elles diffèrent." in html and "They differ." not in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "<td>Diplomatie formelle et officielle</td>",
                '<th scope="row">Souplesse</th>',
                "Toutes deux sont officielles.",
            ],
        ),
        ("ar", ["كلتاهما رسمية.", '<th scope="row">المرونة</th>']),
    ],
)
def test_the_compare_page_lines_up_translated_facts(client, language, expected):
    url = reverse("glossary:compare") + "?terms=track-i,public-diplomacy"

    html = _get(client, url, language)

    for text in expected:
        assert text in html
    assert "Flexibility" not in html


@pytest.mark.parametrize(
    ("language", "query", "slug"),
    [
        ("fr", "cessez-le-feu", "chatham-house-rule"),
        ("fr", "Montville forgé", "track-ii"),
        ("fr", "Souplesse", "track-ii"),
        ("ar", "البروتوكول", "track-i"),
        ("ar", "أوسلو", "back-channel-diplomacy"),
    ],
)
def test_the_search_finds_translated_fact_example_and_question_text(client, language, query, slug):
    html = _get(client, reverse("glossary:index") + f"?q={query}", language)

    assert reverse("glossary:term", args=[slug]) in html


def test_the_search_in_english_does_not_look_at_translations(client):
    html = _get(client, reverse("glossary:index") + "?q=Souplesse", "en")

    assert "No term matches" in html


@pytest.mark.parametrize(
    ("language", "name", "definition", "differences"),
    [
        ("fr", "Médiation", "Une tierce partie aide.", "Elles diffèrent."),
        ("ar", "الوساطة", "طرف ثالث يساعد.", "يختلفان."),
    ],
)
def test_the_entry_pages_comparison_table_marks_each_english_cell(
    client, language, name, definition, differences
):
    term = TermFactory(slug="good-offices", name="Good offices")
    translated = TermFactory(slug="mediation", name="Mediation", definition="A third party helps.")
    TermTranslation.objects.create(
        term=translated, language=language, name=name, definition=definition
    )
    ComparisonTranslation.objects.create(
        part=ComparisonFactory(term=term, other=translated, differences="They differ."),
        language=language,
        differences=differences,
    )
    untranslated = TermFactory(slug="arbitration", name="Arbitration", definition="It binds.")
    ComparisonFactory(term=untranslated, other=term, differences="One binds, one helps.")

    table = _get(client, term.get_absolute_url(), language).split("glossary-comparison")[1]
    table = table.split("</table>")[0]

    # The translated row: nothing marked English.
    assert f'<a href="{translated.get_absolute_url()}">{name}</a>' in table
    assert f"<td>{definition}</td>" in table
    assert f"<td>{differences}</td>" in table
    # The row still in English says so in each of its cells, for screen readers to read it
    # with English sounds and, on an Arabic page, to set it left to right.
    assert (
        f'<a href="{untranslated.get_absolute_url()}" lang="en" dir="ltr">Arbitration</a>' in table
    )
    assert '<td lang="en" dir="ltr">It binds.</td>' in table
    assert '<td lang="en" dir="ltr">One binds, one helps.</td>' in table


def test_the_entry_pages_comparison_table_marks_nothing_in_english(client):
    term = TermFactory(slug="good-offices")
    ComparisonFactory(term=term, other=TermFactory(slug="arbitration"), differences="They differ.")

    table = _get(client, term.get_absolute_url(), "en").split("glossary-comparison")[1]

    assert 'lang="en"' not in table.split("</table>")[0]
