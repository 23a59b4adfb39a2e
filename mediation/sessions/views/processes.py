"""Process pages: the processes a user works on, and one process with its sessions."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access

from .. import selectors


@require_GET
@login_required
@never_cache
def process_list(request: HttpRequest) -> HttpResponse:
    processes = access.processes_visible_to(request.user).order_by("title")
    page = Paginator(processes, 25).get_page(request.GET.get("page"))
    return render(request, "mediation/process_list.html", {"processes": page})


@require_GET
@login_required
@never_cache
def process_detail(request: HttpRequest, process_id: UUID) -> HttpResponse:
    process = access.get_process(request.user, process_id)
    sessions = Paginator(selectors.process_sessions(request.user, process), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mediation/process_detail.html",
        {
            "process": process,
            "sessions": sessions,
            "sides": list(process.sides.all()),
            "topics": list(selectors.process_topics(request.user, process)),
            "open_actions": list(selectors.open_actions_of_process(request.user, process)[:50]),
            "can_administer": access.can_administer_process(request.user, process.pk),
        },
    )
