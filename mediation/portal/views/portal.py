"""The participant's own pages: answering an invitation and their follow-up actions."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access
from mediation.records import services as record_services
from mediation.sessions import selectors as session_selectors

from .. import selectors, services
from ..forms import AnswerForm

ACTIONS_PAGE_SIZE = 25


@require_POST
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_answer(request, session_id: UUID) -> HttpResponse:
    session = access.open_session(request.user, session_id).session
    invitation = access.get_own_invitation(request.user, session)
    form = AnswerForm(request.POST)
    error = None
    if form.is_valid():
        try:
            invitation = services.invitation_answer(
                invitation=invitation,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["note"],
            )
        except services.AnswerClosed as closed:
            error = closed.messages[0]
    context = {
        "session": session,
        "invitation": invitation,
        "may_answer": session_selectors.answer_open(session),
        "form": form,
        "answer_error": error,
        "answered": form.is_valid() and error is None,
    }
    if request.htmx:
        # Errors too come back at 200: htmx 2 does not swap a 4xx answer.
        return render(request, "mediation/session/_answer.html", context)
    if form.is_valid() and error is None:
        messages.success(
            request,
            _("Your answer is saved: %(answer)s.") % {"answer": invitation.get_response_display()},
        )
        return redirect(session)
    return render(request, "mediation/session_answer.html", context, status=400)


@require_GET
@login_required
@never_cache
def my_actions(request) -> HttpResponse:
    page = Paginator(selectors.my_actions(request.user), ACTIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mediation/my_actions.html",
        {"actions": page, "today": selectors.today_for_viewer()},
    )


@require_POST
@login_required
@never_cache
@vary_on_headers("HX-Request")
def my_action_done(request, action_id: UUID) -> HttpResponse:
    action = access.get_own_action(request.user, action_id)
    action = record_services.action_item_mark_done(action=action)
    if request.htmx:
        return render(
            request,
            "mediation/_my_action.html",
            {"action": action, "today": selectors.today_for_viewer()},
        )
    messages.success(request, _("Marked as done."))
    return redirect("my_actions")
