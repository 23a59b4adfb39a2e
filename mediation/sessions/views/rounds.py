"""Plan the next session of a process from this one, with a draft agenda."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from mediation import access
from mediation.fragments import render_region
from mediation.outcomes import transfer

from .. import services
from ..forms import PlanNextSessionForm


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_plan_next(request, session_id: UUID) -> HttpResponse:
    session = access.open_session(request.user, session_id, edit=True).session
    if request.method == "POST":
        form = PlanNextSessionForm(request.POST, session=session)
        if form.is_valid():
            planned, created = services.session_plan_next_round(
                session=session,
                starts_at=form.cleaned_data["starts_at"],
                title=form.cleaned_data["title"],
                submission=form.cleaned_data["submission"],
                user=request.user,
            )
            messages.success(
                request,
                _(
                    "The next session is planned as a draft, with a draft agenda to review. "
                    "Publish it when it is ready: until then the people invited see nothing."
                )
                if created
                else _("This next session was already planned."),
            )
            if request.htmx:
                return HttpResponseClientRedirect(planned.get_absolute_url())
            return redirect(planned)
    else:
        form = PlanNextSessionForm(session=session)
    return render_region(
        request,
        "mediation/plan_next.html",
        "plan-next",
        {
            "session": session,
            "form": form,
            "feedback": transfer.feedback_by_topic(session.process),
        },
    )
