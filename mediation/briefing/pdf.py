"""A briefing pack as PDF, made by WeasyPrint from the same template as the page.

WeasyPrint fetches nothing: the stylesheet is read from our own static files and handed
over as text, and every URL the document names (links to the glossary, say) stays a link
in the PDF, never a request, so making a pack cannot reach the network or the disk.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "css/briefing.css"


@cache
def _stylesheet_text() -> str:
    path = finders.find(STYLESHEET)
    return Path(path).read_text(encoding="utf-8") if path else ""


def render_pdf(request, template: str, context: dict) -> bytes:
    """The template, rendered for this request, as PDF bytes."""
    # Imported here: WeasyPrint loads Pango through cffi, which is slow to start and not
    # needed by any other page.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context, request=request)
    refuse_all = URLFetcher(allowed_protocols=())
    stylesheet = CSS(string=_stylesheet_text(), url_fetcher=refuse_all)
    document = HTML(string=html, base_url=request.build_absolute_uri("/"), url_fetcher=refuse_all)
    return document.write_pdf(stylesheets=[stylesheet])
