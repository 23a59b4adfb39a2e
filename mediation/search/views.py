"""The search page (`/search/?q=`): a plain GET form; with htmx, results as you type.

Signed-in people search everything they may open; anonymous visitors the glossary only
(it is public; nothing else is, and a sign-in page would hide that the glossary is there).
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from mediation.fragments import render_region

from . import selectors
from .forms import SearchForm

PAGE = "mediation/search/search.html"
REGION = "search-results"


@require_GET
@never_cache
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = selectors.search(request.user, form.cleaned_data["q"])
    partial = request.htmx and not request.htmx.history_restore_request
    context = {"form": form, "results": results, "signed_in": request.user.is_authenticated}
    return render_region(request, PAGE, REGION if partial else None, context)
