"""Process pages: the processes a user works on, and one process's overview."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access, audit
from mediation.overview import figures
from mediation.overview import selectors as overview


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
    """Where the process stands, round by round: charts, each with its table, of what
    the viewer may see (participants get a 403 from `access.get_process`). The records
    whose convergence and divergence the trajectories quote are reads in the audit."""
    process = access.get_process(request.user, process_id)
    can_administer = access.can_administer_process(request.user, process.pk)
    summary = overview.process_overview(
        request.user,
        process,
        administers=can_administer,
        rounds_page=request.GET.get("rounds"),
    )
    audit.records_read(request.user, summary.quoted_records)
    return render(
        request,
        "mediation/process_detail.html",
        {
            "process": process,
            "overview": summary,
            "figures": figures.overview_figures(summary),
            "sides": summary.sides,
            "open_actions": summary.open_actions,
            "can_administer": can_administer,
        },
    )
