"""Follow-up actions of a session: added from the record area, updated by editors.

Both answer by the session page's protocol (`sessions.context`): htmx gets the actions
fragment, a plain POST a redirect to #actions, bad input the form with its errors.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from mediation.models import ActionItem
from mediation.sessions.context import SessionPageContext

from .. import services

SECTION = "actions"


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_action_add(request, session_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    form = ctx.action_add_form(request.POST)
    if not form.is_valid():
        return ctx.render(SECTION, action_add_form=form)
    data = form.cleaned_data
    action, created = services.action_item_add(
        session=ctx.session,
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
    return ctx.done(SECTION, message)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_action_update(request, session_id: UUID, action_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    try:
        action = ctx.session.action_items.get(pk=action_id)
    except ActionItem.DoesNotExist:
        raise Http404 from None
    form = ctx.action_form(action, request.POST)
    if not form.is_valid():
        return ctx.render(SECTION, action_form=form)
    services.action_item_update(action=action, **form.cleaned_data)
    return ctx.done(SECTION, _("The action is updated."))
