"""The agenda builder: editors add, change, remove and reorder a session's agenda in place.

Every view answers by the session page's protocol (`sessions.context`): htmx gets the
agenda fragment, a plain POST a redirect to #agenda, bad input the form with its errors.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation.errors import Refusal, add_service_errors
from mediation.models import AgendaItem, DialogueSession

from .. import agenda, planning
from ..context import SessionPageContext

SECTION = "agenda"
DEFAULT_ACTION_MINUTES = 15


def _item(session: DialogueSession, item_id: UUID) -> AgendaItem:
    try:
        return session.agenda_items.get(pk=item_id)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def _gone(ctx: SessionPageContext) -> HttpResponse:
    """Someone removed the item between this page loading and this request."""
    return ctx.done(
        SECTION, _("That item was removed from the agenda meanwhile."), level=messages.ERROR
    )


def _item_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "duration_minutes": data["duration_minutes"],
        "topic": data["topic"],
        "new_topic_title": data["new_topic"],
        "lead": data["lead"],
        "notes": data["notes"],
    }


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_add(request, session_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    if "from_action" in request.POST:
        return _add_from_action(request, ctx)
    form = ctx.agenda_form(request.POST)
    if form.is_valid():
        try:
            item = agenda.agenda_item_add(
                session=ctx.session,
                submission=form.cleaned_data["submission"],
                **_item_fields(form),
            )
        except Refusal as refused:
            add_service_errors(form, refused)
        else:
            return ctx.done(SECTION, _("“%(title)s” added to the agenda.") % {"title": item.title})
    return ctx.render(SECTION, agenda_form=form)


def _add_from_action(request, ctx: SessionPageContext) -> HttpResponse:
    """Carry an open action of an earlier session onto this agenda, titled after it."""
    wanted = request.POST.get("from_action", "")
    workspace = ctx.workspace
    action = next((a for a in workspace.earlier_actions if str(a.pk) == wanted), None)
    if action is None:
        return ctx.done(
            SECTION,
            _("That action is no longer open, or is already on the agenda."),
            level=messages.ERROR,
        )
    lead = action.owner if action.owner in workspace.leads else None
    title = planning.agenda_title_for(action)
    agenda.agenda_item_add(
        session=ctx.session,
        title=title,
        duration_minutes=DEFAULT_ACTION_MINUTES,
        topic=action.topic,
        lead=lead,
    )
    return ctx.done(SECTION, _("“%(title)s” added to the agenda.") % {"title": title})


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def agenda_item_edit(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    """The session page with this item's form open in place of the item."""
    ctx = SessionPageContext.open(request, session_id, edit=True)
    item = _item(ctx.session, item_id)
    initial = {
        "title": item.title,
        "topic": str(item.topic_id or ""),
        "duration_minutes": item.duration_minutes,
        "lead": str(item.lead_id or ""),
        "notes": item.notes,
    }
    options = {"auto_id": f"agenda-{item.pk}-%s", "initial": initial}
    if request.method == "POST":
        form = ctx.agenda_form(request.POST, **options)
        if form.is_valid():
            try:
                agenda.agenda_item_update(item=item, **_item_fields(form))
            except AgendaItem.DoesNotExist:
                return _gone(ctx)
            except Refusal as refused:
                add_service_errors(form, refused)
            else:
                return ctx.done(SECTION, _("“%(title)s” saved.") % {"title": item.title})
    else:
        form = ctx.agenda_form(**options)
    return ctx.render(SECTION, editing=item.pk, edit_form=form)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_item_remove(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    item = _item(ctx.session, item_id)
    try:
        agenda.agenda_item_remove(item=item)
    except AgendaItem.DoesNotExist:
        return _gone(ctx)
    except Refusal as refused:
        return ctx.done(SECTION, refused.text, level=messages.ERROR)
    return ctx.done(SECTION, _("“%(title)s” removed from the agenda.") % {"title": item.title})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_item_move(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    item = _item(ctx.session, item_id)
    direction = request.POST.get("direction", "")
    try:
        agenda.agenda_item_move(item=item, direction=direction)
    except AgendaItem.DoesNotExist:
        return _gone(ctx)
    except Refusal as refused:
        return ctx.done(SECTION, refused.text, level=messages.ERROR)
    moved = {"up": _("“%(title)s” moved up."), "down": _("“%(title)s” moved down.")}
    return ctx.done(SECTION, moved[direction] % {"title": item.title})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_reorder(request, session_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    try:
        ids = [UUID(value) for value in request.POST.getlist("item")]
        agenda.agenda_reorder(session=ctx.session, item_ids=ids)
    except ValueError:
        return ctx.done(SECTION, _("That is not an order of this agenda."), level=messages.ERROR)
    except Refusal as refused:
        return ctx.done(SECTION, refused.text, level=messages.ERROR)
    return ctx.done(SECTION, _("The new order of the agenda is saved."))
