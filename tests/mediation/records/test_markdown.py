"""Markdown typed by facilitators renders as HTML that cannot run anything."""

import pytest
from django.template import Context, Template

from mediation.records.markdown import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)></svg>",
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    '<a href="#" onclick="alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java%0ascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x]( vbscript:msgbox(1))",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_renders_nothing_that_can_run(attack):
    html = str(render_markdown(attack)).lower()
    assert "<script" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    assert "<style" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'href="data:' not in html
    assert 'href="vbscript' not in html
    assert " onclick=" not in html.split("&lt;")[0]


def test_it_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown("**Agreed** on [the text](https://example.org/t).\n\n- one\n- two")
    assert "<strong>Agreed</strong>" in html
    assert '<a href="https://example.org/t" rel="noopener noreferrer nofollow">' in html
    assert "<li>one</li>" in html


def test_html_typed_into_the_text_is_shown_as_text():
    assert "&lt;b&gt;bold&lt;/b&gt;" in render_markdown("<b>bold</b>")


def test_the_template_filter_renders_safely():
    html = Template("{% load markdown %}{{ text|markdown }}").render(
        Context({"text": "*hi* <script>x</script>"})
    )
    assert "<em>hi</em>" in html
    assert "<script>" not in html
