"""Markdown that facilitators type, turned into HTML that cannot run anything.

Markdown is rendered first (raw HTML in the text is escaped, not passed through), then the
result is cleaned by nh3 with a short allow-list: no scripts, no styles, no event handlers,
no iframes or SVG, and links only to http, https and mailto (so no `javascript:` or `data:`
in any case or encoding). Links open nothing automatically and tell browsers not to pass
the page address on. Each paragraph, list item, heading, quotation and cell takes its
direction from its own first letter (`dir="auto"`): English notes read left to right on an
Arabic page, and Arabic notes right to left on an English one, full stops at their end.
"""

import threading
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Set by the cleaner on every such element, whatever the text says.
DIRECTION_FROM_TEXT = {"p", "li", "h3", "h4", "h5", "h6", "blockquote", "th", "td"}


class _EscapeHtml(markdown_lib.Extension):
    """Treat HTML typed into the text as text."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# Texts up to this length are remembered once rendered (pages show the same summaries and
# notes to every reader, request after request); the output depends on the text alone.
REMEMBERED_LENGTH = 20_000
_converters = threading.local()


def _converter() -> markdown_lib.Markdown:
    """One Markdown instance per thread, reset before each use: building one (its
    extensions and patterns) cost more than converting a summary."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(
            extensions=[_EscapeHtml(), "tables", "sane_lists"], output_format="html"
        )
    return converter


def _render(text: str) -> SafeString:
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={tag: {"dir": "auto"} for tag in DIRECTION_FROM_TEXT},
    )
    return mark_safe(clean)  # noqa: S308 (cleaned by nh3 just above)


_remembered = lru_cache(maxsize=512)(_render)


def render_markdown(text: str) -> SafeString:
    text = str(text or "")
    return _remembered(text) if len(text) <= REMEMBERED_LENGTH else _render(text)
