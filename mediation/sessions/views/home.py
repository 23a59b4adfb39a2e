"""The page a signed-in user lands on: the sessions they may see, soonest first."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access
from mediation.pagination import lookahead_page
from mediation.portal import selectors as portal_selectors

from .. import selectors

PAGE_SIZE = 20


@require_GET
@login_required
@never_cache
def home(request: HttpRequest) -> HttpResponse:
    roles = sorted(access.roles_of(request.user))
    show_session_lists = roles != ["participant"]
    upcoming = past = None
    if show_session_lists:  # a participant and nothing else has only their agenda below
        sessions = selectors.session_list_for(request.user)
        if "participant" in roles:
            # Their invitations are on their own agenda below; these lists keep what they run.
            sessions = sessions.filter(
                id__in=access.sessions_editable_by(request.user).values("id")
            )
        # Paged without a count: counting every session the user may see made the page
        # slow down as the sessions grew (docs/performance.md); "next" is known by reading
        # one row more than a page.
        upcoming = lookahead_page(sessions.upcoming(), PAGE_SIZE, request.GET.get("page"))
        past = lookahead_page(sessions.past(), PAGE_SIZE, request.GET.get("past"))
    # A participant reads their own agenda (with answers and summaries); the plain lists
    # stay for anyone who also runs sessions.
    agenda = (
        portal_selectors.participant_agenda(
            request.user,
            upcoming_page=request.GET.get("mine"),
            past_page=request.GET.get("mine_past"),
        )
        if "participant" in roles
        else None
    )
    return render(
        request,
        "mediation/home.html",
        {
            "upcoming": upcoming,
            "past": past,
            "agenda": agenda,
            "show_session_lists": show_session_lists,
            "roles": roles,
            "dashboard": (
                selectors.facilitator_dashboard(request.user) if "facilitator" in roles else None
            ),
        },
    )
