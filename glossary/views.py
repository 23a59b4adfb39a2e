"""Public glossary pages (no login): the A to Z list with search, one entry, and compare."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from . import editions, selectors

# A glossary is read A to Z; a page this long holds all of it for the foreseeable future.
TERMS_PER_PAGE = 100
# A rendered entry is never stale (its key names the glossary's edition); this only bounds
# how long the entries of past editions occupy the cache.
ENTRY_CACHE_SECONDS = 24 * 3600


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware (for type checkers)."""

    htmx: HtmxDetails


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def index(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    # When htmx restores history it has no page to swap into: it needs the whole page.
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    term_list = _term_list(request, query, partial)
    if partial:
        return HttpResponse(term_list)
    return render(request, "glossary/index.html", {"query": query, "term_list": term_list})


def _term_list(request: HttpRequest, query: str, partial: bool) -> str:
    """The list of terms (glossary/index.html#term-list), rendered. The A to Z list without
    a search is the same for every reader in a language, so it is rendered once per edition
    of the glossary, language and page; searches (unbounded in number) are not cached, nor
    addresses with other parameters (the page links repeat them)."""
    edition = editions.current_edition() if not query and set(request.GET) <= {"page"} else None
    key = None
    if edition:
        number = request.GET.get("page", "")
        number = number if number.isdigit() and len(number) < 6 else "-"
        key = f"glossary:list:{edition}:{translation.get_language()}:{number}:{int(partial)}"
        html = cache.get(key)
        if html is not None:
            # Our own template's output, escaped when it was rendered.
            return mark_safe(html)  # noqa: S308
    page = Paginator(selectors.search_terms(query), TERMS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.localized_page(page.object_list)
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
    html = render_to_string("glossary/index.html#term-list", context, request)
    if key:
        cache.set(key, str(html), ENTRY_CACHE_SECONDS)
    return html


@require_GET
def term_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One entry. Its content is the same for every reader in a language, so it is rendered
    once per edition of the glossary, language and entry, and then read from the cache
    (glossary/editions.py: any change to the glossary makes a new edition)."""
    edition = editions.current_edition()
    key = f"glossary:entry:{edition}:{translation.get_language()}:{slug}"
    entry = cache.get(key) if edition else None
    if entry is None:
        term = selectors.term_with_content(slug)
        if term is None:
            return render(
                request,
                "glossary/not_found.html",
                {"slug": slug, "suggestions": selectors.suggested_terms()},
                status=404,
            )
        html = render_to_string(
            "glossary/_term_entry.html",
            {"term": term, "comparisons": selectors.comparisons_of(term)},
        )
        entry = {"name": str(term.name), "definition": str(term.definition), "html": str(html)}
        if edition:
            cache.set(key, entry, ENTRY_CACHE_SECONDS)
    # Our own template's output, escaped when it was rendered.
    html = mark_safe(entry["html"])  # noqa: S308
    return render(request, "glossary/term_detail.html", {"entry": {**entry, "html": html}})


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
