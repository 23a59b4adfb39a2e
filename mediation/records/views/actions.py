"""Follow-up actions of a session: added from the record area, updated by editors."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access
from mediation.records.views.records import session_page_context
from mediation.sessions import selectors as session_selectors

from .. import services
from ..forms import ActionItemAddForm, ActionItemForm


def _choices(request, session):
    topics = access.topics_visible_to(request.user, session.process).order_by("title")
    return session_selectors.action_owner_choices(session), list(topics)


def _render(request, session, *, status=200, **overrides) -> HttpResponse:
    """The actions section for htmx, else the whole session page (with a bound form)."""
    context = session_page_context(request, session, **overrides)
    template = "mediation/session_detail.html"
    if request.htmx:
        template = "mediation/session/_actions.html#actions"
    return render(request, template, context, status=status)


def _with_form_for(context_rows, action, form):
    return [(a, form if a.pk == action.pk else f) for a, f in context_rows]


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_action_add(request, session_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    owners, topics = _choices(request, session)
    form = ActionItemAddForm(request.POST, owners=owners, topics=topics)
    if not form.is_valid():
        return _render(request, session, action_add_form=form)
    data = form.cleaned_data
    action, created = services.action_item_add(
        session=session,
        submission=data["submission"],
        description=data["description"],
        owner=data["owner"],
        due_date=data["due_date"],
        topic=data["topic"],
        status=data["status"],
    )
    if created:
        message = _("The action is added.")
    elif action is not None:
        message = _("This action was already added.")
    else:
        message = _("This form was already sent. Reload the page to add another action.")
    if request.htmx:
        return _render(request, session, actions_message=message)
    messages.success(request, message)
    return redirect(f"{session.get_absolute_url()}#actions")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_action_update(request, session_id: UUID, action_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    action = get_object_or_404(session.action_items, pk=action_id)
    owners, topics = _choices(request, session)
    form = ActionItemForm.for_action(action, owners=owners, topics=topics, data=request.POST)
    if not form.is_valid():
        page_context = session_page_context(request, session)
        rows = _with_form_for(page_context["action_rows"], action, form)
        return _render(request, session, action_rows=rows)
    services.action_item_update(action=action, **form.cleaned_data)
    message = _("The action is updated.")
    if request.htmx:
        return _render(request, session, actions_message=message)
    messages.success(request, message)
    return redirect(f"{session.get_absolute_url()}#actions")
