"""Markdown typed by facilitators renders as HTML that cannot run anything.

Besides looking for known-bad strings, every rendering is parsed and held against the
allow-list (tags, attributes per tag, link schemes). The list is the module's as reviewed
here: a sanitiser loosened to let `<img src>` or anything else through fails, both on the
list itself and on every input whose rendering shows the new tag or attribute.
"""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from mediation.records.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    DIRECTION_FROM_TEXT,
    render_markdown,
)

# The allow-list of mediation/records/markdown.py as reviewed. The module may allow less; allowing
# more means reviewing it here too.
REVIEWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
REVIEWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
REVIEWED_SCHEMES = {"http", "https", "mailto"}
# What render_markdown has nh3 add to every link, and to every block of text.
LINK_REL = "noopener noreferrer nofollow"
REVIEWED_DIRECTION_TAGS = {"p", "li", "h3", "h4", "h5", "h6", "blockquote", "th", "td"}

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

# More, checked against the allow-list only: several leave harmless text (escaped HTML, a
# link text) that the plain string checks above would mistake for markup.
MORE_ATTACKS = [
    # Markdown's own image syntax: what the escaping of typed HTML does not stop.
    "![x](https://evil.example/pixel.png)",
    "![x][pixel]\n\n[pixel]: https://evil.example/pixel.png",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![<script>alert(1)</script>](x.png)",
    '[![x](https://evil.example/p.png)](https://example.org "t")',
    # Links whose address is a scheme in disguise, inline and by reference.
    "[x][evil]\n\n[evil]: javascript:alert(1)",
    "[x](javascript&colon;alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#x6A;&#x61;vascript:alert(1))",
    "[x](\tjavascript:alert(1))",
    '[x](javascript:alert(1) "title")',
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    # Attributes smuggled through a title or a link text.
    '[x](https://example.org "a\\" onmouseover=\\"alert(1)")',
    '[x](https://example.org/"onmouseover="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    # Raw HTML of every kind, block and inline, which must arrive as text.
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>x</details>",
    '<form action="https://evil.example"><input name="x"><button>go</button></form>',
    '<object data="https://evil.example/x.swf"></object><embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<scr<script>ipt>alert(1)</script>",
    "<!-- comment --><![CDATA[x]]>",
    "**<script>alert(1)</script>**",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    '{: onclick="alert(1)" }\n\ntext',
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
]

ORDINARY = [
    "**Agreed** on [the text](https://example.org/t).\n\n- one\n- two",
    "# One\n## Two\n### Three\n#### Four",
    "| left | centre | right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "a  \nb\n\n---\n\n> quoted\n\n1. one\n2. two\n\n    code",
    "<https://example.org/a> and <a@example.org> and [mail](mailto:a@example.org)",
    "*em* _em_ `code` [relative](/sessions/) [fragment](#notes)",
]


class _AllowListCheck(HTMLParser):
    """Everything in a rendering that the allow-list does not allow, as readable lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []

    # What both the module and the review allow.
    tags = ALLOWED_TAGS & REVIEWED_TAGS
    schemes = {"", *(ALLOWED_SCHEMES & REVIEWED_SCHEMES)}  # "": a relative address

    def attributes(self, tag):
        return ALLOWED_ATTRIBUTES.get(tag, set()) & REVIEWED_ATTRIBUTES.get(tag, set())

    def handle_starttag(self, tag, attrs):
        if tag not in self.tags:
            self.outside.append(f"<{tag}>: tag not allowed")
        for name, value in attrs:
            if tag == "a" and name == "rel":
                if value != LINK_REL:
                    self.outside.append(f"<a rel={value!r}>: not {LINK_REL!r}")
            elif name == "dir" and tag in DIRECTION_FROM_TEXT & REVIEWED_DIRECTION_TAGS:
                if value != "auto":
                    self.outside.append(f"<{tag} dir={value!r}>: not 'auto'")
            elif name not in self.attributes(tag):
                self.outside.append(f"<{tag} {name}={value!r}>: attribute not allowed")
            elif name == "href" and _scheme(value or "") not in self.schemes:
                self.outside.append(f"<{tag} href={value!r}>: scheme not allowed")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in self.tags:
            self.outside.append(f"</{tag}>: tag not allowed")

    def handle_comment(self, data):
        self.outside.append(f"<!--{data}-->: comment")

    def handle_decl(self, decl):
        self.outside.append(f"<!{decl}>: declaration")

    def unknown_decl(self, data):
        self.outside.append(f"<![{data}]>: declaration")

    def handle_pi(self, data):
        self.outside.append(f"<?{data}>: processing instruction")


def _scheme(url: str) -> str:
    """The scheme a browser would read in `url` ("" for a relative address): it drops tabs
    and newlines anywhere and control characters and spaces around the address."""
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match[1].lower() if match else ""


def outside_the_allow_list(html: str) -> list[str]:
    check = _AllowListCheck()
    check.feed(str(html))
    check.close()
    return check.outside


def test_the_allow_list_is_no_wider_than_reviewed():
    assert ALLOWED_TAGS <= REVIEWED_TAGS, ALLOWED_TAGS - REVIEWED_TAGS
    for tag, names in ALLOWED_ATTRIBUTES.items():
        reviewed = REVIEWED_ATTRIBUTES.get(tag, set())
        assert names <= reviewed, f"<{tag}>: {names - reviewed}"
    assert ALLOWED_SCHEMES <= REVIEWED_SCHEMES, ALLOWED_SCHEMES - REVIEWED_SCHEMES


def test_the_allow_list_check_finds_what_it_should():
    """The check itself: on hand-written HTML it must name each thing the list forbids."""
    found = outside_the_allow_list(
        '<p onclick="x">a</p><img src="y"><a href="JaVa&#x0A;Script:x">z</a>'
        '<a href="https://example.org" rel="opener">w</a><h1>t</h1><!-- c -->'
        '<p dir="rtl">v</p><a dir="auto">u</a>'
    )
    assert found == [
        "<p onclick='x'>: attribute not allowed",
        "<img>: tag not allowed",
        "<img src='y'>: attribute not allowed",
        "<a href='JaVa\\nScript:x'>: scheme not allowed",
        "<a rel='opener'>: not 'noopener noreferrer nofollow'",
        "<h1>: tag not allowed",
        "</h1>: tag not allowed",
        "<!-- c -->: comment",
        "<p dir='rtl'>: not 'auto'",
        "<a dir='auto'>: attribute not allowed",
    ]
    assert (
        outside_the_allow_list(
            f'<p><a href="mailto:a@example.org" rel="{LINK_REL}">a</a><a href="/x">b</a></p>'
        )
        == []
    )


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_renders_nothing_that_can_run(attack):
    rendered = str(render_markdown(attack))
    assert outside_the_allow_list(rendered) == [], rendered
    html = rendered.lower()
    assert "<script" not in html
    assert "<svg" not in html
    assert "<iframe" not in html
    assert "<style" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'href="data:' not in html
    assert 'href="vbscript' not in html
    assert " onclick=" not in html.split("&lt;")[0]


@pytest.mark.parametrize("attack", MORE_ATTACKS)
def test_hostile_markdown_stays_inside_the_allow_list(attack):
    rendered = str(render_markdown(attack))
    assert outside_the_allow_list(rendered) == [], rendered


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_markdown_stays_inside_the_allow_list(text):
    rendered = str(render_markdown(text))
    assert outside_the_allow_list(rendered) == [], rendered


def test_it_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown("**Agreed** on [the text](https://example.org/t).\n\n- one\n- two")
    assert "<strong>Agreed</strong>" in html
    assert '<a href="https://example.org/t" rel="noopener noreferrer nofollow">' in html
    assert '<li dir="auto">one</li>' in html
    assert outside_the_allow_list(html) == []


def test_each_block_of_text_takes_its_direction_from_its_own_words():
    html = render_markdown("Agreed.\n\n- اتفقنا.\n\n> Quoted.\n\n### Heading")
    assert '<p dir="auto">Agreed.</p>' in html
    assert '<li dir="auto">اتفقنا.</li>' in html
    assert '<h3 dir="auto">Heading</h3>' in html
    assert '<blockquote dir="auto">\n<p dir="auto">Quoted.</p>' in html


def test_html_typed_into_the_text_is_shown_as_text():
    html = render_markdown("<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert outside_the_allow_list(html) == []


def test_the_template_filter_renders_safely():
    html = Template("{% load markdown %}{{ text|markdown }}").render(
        Context({"text": "*hi* <script>x</script> ![x](https://evil.example/p.png)"})
    )
    assert "<em>hi</em>" in html
    assert "<script>" not in html
    assert outside_the_allow_list(html) == []


def test_one_text_leaves_nothing_behind_for_the_next():
    """The converter is reused: a link defined in one record's text must not turn a bare
    [label] in another record's text into that link."""
    first = render_markdown("See [brief].\n\n[brief]: https://example.org/brief")
    second = render_markdown("Only [brief] here, no link.")

    assert 'href="https://example.org/brief"' in first
    assert "href" not in second
    assert second == '<p dir="auto">Only [brief] here, no link.</p>'


def test_long_texts_render_without_being_remembered():
    text = "Point.\n\n" * 5_000  # past REMEMBERED_LENGTH
    html = render_markdown(text)

    assert html.count('<p dir="auto">Point.</p>') == 5_000
    assert render_markdown(text) == html
