"""{% glossary_link %} and {% autolink %}: links from anywhere in the product, for one query."""

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory

from tests.glossary.factories import TermFactory

pytestmark = pytest.mark.django_db


def render(source: str, request=None, **values) -> str:
    template = Template("{% load glossary_tags %}" + source)
    if request is not None:
        return template.render(RequestContext(request, values))
    return template.render(Context(values))


def test_a_confidentiality_value_links_to_its_entry():
    html = render("{% glossary_link 'chatham_house' 'Chatham House Rule' %}")

    assert '<a href="/glossary/chatham-house-rule/" class="glossary-link"' in html
    assert 'title="A meeting rule under which participants may use' in html
    assert ">Chatham House Rule</a>" in html


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("on_record", "on-the-record"),
        ("off_record", "off-the-record"),
        ("no_record", "no-written-record"),
        ("1.5", "track-1-5"),
        ("2", "track-ii"),
        ("3", "track-iii"),
        ("academic", "academic"),
        ("retired_civil", "retired-official"),
        ("retired_military", "retired-official"),
        ("public_figure", "public-figure"),
        ("social_activist", "social-activist"),
        ("non-paper", "non-paper"),
    ],
)
def test_every_stored_value_links_to_a_shipped_entry(key, slug):
    html = render("{% glossary_link key 'label' %}", key=key)

    assert f'<a href="/glossary/{slug}/" class="glossary-link"' in html


def test_the_mediation_apps_choices_all_have_an_answer():
    from mediation.models import DialogueProcess, DialogueSession, Participant

    for choices in (DialogueSession.Confidentiality, DialogueProcess.Track, Participant.Category):
        for value, label in choices.choices:
            html = render("{% glossary_link key label %}", key=value, label=label)
            assert str(label) in html
            if value != Participant.Category.OTHER:
                assert "glossary-link" in html, value


def test_an_unknown_key_renders_the_plain_label_escaped():
    # A variable, not a literal: Django treats literals written in a template as safe.
    html = render("{% glossary_link 'no-such-thing' label %}", label="<b>Label</b>")

    assert html == "&lt;b&gt;Label&lt;/b&gt;"


def test_an_empty_key_renders_the_plain_label():
    assert render("{% glossary_link key 'Label' %}", key=None) == "Label"


def test_a_linked_label_is_escaped_too():
    html = render("{% glossary_link '2' label %}", label="<b>Track II</b>")

    assert ">&lt;b&gt;Track II&lt;/b&gt;</a>" in html


def test_without_a_label_the_terms_name_is_used():
    html = render("{% glossary_link 'track-ii' %}")

    assert ">Track II diplomacy</a>" in html


def test_the_definition_is_the_links_accessible_description():
    html = render("{% glossary_link 'track-ii' 'Track II' %}")

    tip_id = html.split('aria-describedby="')[1].split('"')[0]
    assert f'<span id="{tip_id}" class="glossary-tip" role="tooltip" hidden>Informal' in html


def test_many_links_in_one_render_cost_one_query(django_assert_num_queries):
    keys = ["chatham_house", "on_record", "off_record", "2", "academic", "missing"] * 20
    source = "{% for key in keys %}{% glossary_link key key %}{% endfor %}"

    with django_assert_num_queries(1):
        few = render(source, keys=keys[:2])
    with django_assert_num_queries(1):
        many = render(source, keys=keys)

    assert few.count("<a ") == 2
    assert many.count("<a ") == 100


def test_links_in_included_templates_share_the_requests_query(
    django_assert_num_queries, tmp_path, settings
):
    (tmp_path / "row.html").write_text(
        "{% load glossary_tags %}{% glossary_link key 'x' %}", encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    request = RequestFactory().get("/")
    source = "{% for key in keys %}{% include 'row.html' %}{% endfor %}"

    with django_assert_num_queries(1):
        html = render(source, request=request, keys=["2", "3", "1.5"] * 10)

    assert html.count("<a ") == 30


def test_the_autolink_tag_escapes_and_links():
    TermFactory(name="Quadrant accord", slug="quadrant-accord")

    html = render(
        "{% autolink text exclude='track-ii' %}",
        text="<script>x</script> Track II diplomacy and the quadrant accord",
    )

    assert html.startswith("&lt;script&gt;x&lt;/script&gt; Track II diplomacy")
    assert '<a href="/glossary/quadrant-accord/" class="glossary-link"' in html
