"""Public glossary pages (no login): the A to Z list with search, one entry, and compare."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from . import selectors

# A glossary is read A to Z; a page this long holds all of it for the foreseeable future.
TERMS_PER_PAGE = 100


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def index(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.search_terms(query), TERMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.localized_page(page.object_list)
    # When htmx restores history it has no page to swap into: it needs the whole page.
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    # A search lists the terms it names first, then those whose entry only mentions it.
    listed = list(page.object_list)
    context = {
        "query": query,
        "terms": page,
        "named_terms": [t for t in listed if getattr(t, "named", True)],
        "mentioned_terms": [t for t in listed if not getattr(t, "named", True)],
        "suggestions": selectors.suggested_terms() if query and not page.object_list else [],
        "partial": partial,
    }
    template = "glossary/index.html#term-list" if partial else "glossary/index.html"
    return render(request, template, context)


@require_GET
def term_detail(request: HttpRequest, slug: str) -> HttpResponse:
    term = selectors.term_with_content(slug)
    if term is None:
        return render(
            request,
            "glossary/not_found.html",
            {"slug": slug, "suggestions": selectors.suggested_terms()},
            status=404,
        )
    return render(
        request,
        "glossary/term_detail.html",
        {"term": term, "comparisons": selectors.comparisons_of(term)},
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    slugs = selectors.parse_compare_slugs(request.GET.getlist("terms"))
    table = selectors.compare_table(slugs)
    return render(
        request,
        "glossary/compare.html",
        {
            "table": table,
            "asked": bool(slugs),
            "choices": selectors.compare_choices(),
            "max_compared": selectors.MAX_COMPARED,
        },
    )
