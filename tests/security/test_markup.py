"""Markup a browser must repair is markup a screen reader and the W3C checker reject.

HTML lets a `<span>`, `<a>`, `<label>`, `<button>` or `<p>` hold phrasing content only
(text, links, inputs...). A `<form>` or a `<div>` inside one is an error: the parser
closes or moves elements, and the checker then drops the checks of the rest of the block.
Every page of the walk is read with every persona, and the session page as its team sees
it with an agenda long enough for every control (up, down, edit, remove).
"""

from html.parser import HTMLParser

import pytest

from tests.factories import AgendaItemFactory

from .walker import discover, fill

ROUTES = discover()
PHRASING_ONLY = {"span", "a", "label", "button", "p", "em", "strong", "small", "time", "abbr"}
FLOW_ONLY = {
    "form",
    "div",
    "section",
    "article",
    "nav",
    "aside",
    "header",
    "footer",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "fieldset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class _Nesting(HTMLParser):
    """Finds each block element opened inside an element that takes phrasing content only."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FLOW_ONLY:
            inside = [t for t in self.open if t in PHRASING_ONLY]
            if inside:
                where = dict(attrs).get("class") or dict(attrs).get("id") or ""
                self.errors.append(f"<{tag} {where}> inside <{inside[-1]}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def misnested(html: str) -> list[str]:
    parser = _Nesting()
    parser.feed(html)
    return parser.errors


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_no_page_puts_a_block_inside_phrasing_content(route, world, clients):
    url = fill(route, world, ["own"])
    for persona in ("organizer", "facilitator", "participant", "anonymous"):
        response = clients[persona].get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            assert misnested(response.content.decode()) == [], f"{persona} {url}"


def test_the_agenda_controls_are_valid_for_every_item(world, clients):
    session = world["own"]["mediation.DialogueSession"]
    for position in (2, 3):
        AgendaItemFactory(session=session, position=position)
    for persona in ("organizer", "facilitator"):
        page = clients[persona].get(session.get_absolute_url()).content.decode()
        assert page.count('class="agenda-controls"') == 3
        assert misnested(page) == [], persona
