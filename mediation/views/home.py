"""The page a signed-in user lands on: the sessions they may see, soonest first."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import access, selectors

PAGE_SIZE = 20


@require_GET
@login_required
@never_cache
def home(request: HttpRequest) -> HttpResponse:
    sessions = selectors.session_list_for(request.user)
    upcoming = Paginator(sessions.upcoming(), PAGE_SIZE).get_page(request.GET.get("page"))
    past = Paginator(sessions.past(), PAGE_SIZE).get_page(request.GET.get("past"))
    roles = access.roles_of(request.user)
    return render(
        request,
        "mediation/home.html",
        {
            "upcoming": upcoming,
            "past": past,
            "roles": sorted(roles),
            "dashboard": (
                selectors.facilitator_dashboard(request.user) if "facilitator" in roles else None
            ),
        },
    )
