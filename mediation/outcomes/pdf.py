"""A released outcome document as PDF, its attribution rule printed on every page.

The rule is a running element of the page's top margin (CSS Paged Media), so it repeats on
each page however long the text. WeasyPrint fetches nothing: the document has no images,
and any address it would ask for is refused.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _fetch_nothing(url, *args, **kwargs):
    raise ValueError(_("A document's PDF loads nothing from outside."))


def document_pdf(*, document, version, body) -> bytes:
    """The PDF of `version` of `document`; `body` is its text already rendered (safe HTML)."""
    from weasyprint import HTML  # imported here: it loads Pango, for this page only

    html = render_to_string(
        "mediation/outcomes/document_pdf.html",
        {"document": document, "version": version, "body": body},
    )
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
