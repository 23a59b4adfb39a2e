"""The agenda builder: editors add, change, remove and reorder a session's agenda in place.

Every write answers a plain POST with a redirect to the session page (#agenda) and a
message, and an htmx POST with the agenda fragment re-rendered (the message out of band).
Bad input comes back at status 200 with the errors beside the fields and nothing saved.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access
from mediation.errors import add_service_errors
from mediation.models import AgendaItem, DialogueSession
from mediation.sessions.views.sessions import render_section, section_done

from .. import agenda, planning, selectors
from ..context import agenda_form

FRAGMENT = "mediation/session/_agenda.html"
DEFAULT_ACTION_MINUTES = 15


def _item(session: DialogueSession, item_id: UUID) -> AgendaItem:
    try:
        return session.agenda_items.get(pk=item_id)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def _render(request, session, *, status=200, **extra) -> HttpResponse:
    return render_section(request, session, FRAGMENT, status=status, **extra)


def _done(request, session, message: str, *, level=messages.SUCCESS) -> HttpResponse:
    return section_done(request, session, FRAGMENT, "agenda", message, level=level)


def _gone(request, session) -> HttpResponse:
    """Someone removed the item between this page loading and this request."""
    return _done(
        request,
        session,
        _("That item was removed from the agenda meanwhile."),
        level=messages.ERROR,
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
    session = access.get_session(request.user, session_id, edit=True)
    page = selectors.session_page(request.user, session)
    workspace = planning.session_workspace(request.user, session, page)
    if "from_action" in request.POST:
        return _add_from_action(request, session, workspace)
    form = agenda_form(workspace, request.POST)
    if form.is_valid():
        try:
            item = agenda.agenda_item_add(
                session=session, submission=form.cleaned_data["submission"], **_item_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(
                request, session, _("“%(title)s” added to the agenda.") % {"title": item.title}
            )
    return _render(request, session, page=page, workspace=workspace, bound_agenda_form=form)


def _add_from_action(request, session, workspace) -> HttpResponse:
    """Carry an open action of an earlier session onto this agenda, titled after it."""
    wanted = request.POST.get("from_action", "")
    action = next((a for a in workspace.earlier_actions if str(a.pk) == wanted), None)
    if action is None:
        return _done(
            request,
            session,
            _("That action is no longer open, or is already on the agenda."),
            level=messages.ERROR,
        )
    lead = action.owner if action.owner in workspace.leads else None
    title = planning.agenda_title_for(action)
    agenda.agenda_item_add(
        session=session,
        title=title,
        duration_minutes=DEFAULT_ACTION_MINUTES,
        topic=action.topic,
        lead=lead,
    )
    return _done(request, session, _("“%(title)s” added to the agenda.") % {"title": title})


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def agenda_item_edit(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    """The session page with this item's form open in place of the item."""
    session = access.get_session(request.user, session_id, edit=True)
    item = _item(session, item_id)
    page = selectors.session_page(request.user, session)
    workspace = planning.session_workspace(request.user, session, page)
    initial = {
        "title": item.title,
        "topic": str(item.topic_id or ""),
        "duration_minutes": item.duration_minutes,
        "lead": str(item.lead_id or ""),
        "notes": item.notes,
    }
    options = {"auto_id": f"agenda-{item.pk}-%s", "initial": initial}
    if request.method == "POST":
        form = agenda_form(workspace, request.POST, **options)
        if form.is_valid():
            try:
                agenda.agenda_item_update(item=item, **_item_fields(form))
            except AgendaItem.DoesNotExist:
                return _gone(request, session)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _done(request, session, _("“%(title)s” saved.") % {"title": item.title})
    else:
        form = agenda_form(workspace, **options)
    return _render(
        request, session, page=page, workspace=workspace, editing=item.pk, edit_form=form
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_item_remove(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    item = _item(session, item_id)
    try:
        agenda.agenda_item_remove(item=item)
    except AgendaItem.DoesNotExist:
        return _gone(request, session)
    except agenda.AgendaItemHasRecord:
        return _done(
            request,
            session,
            _(
                "“%(title)s” has notes in the session record. Clear its notes in the record "
                "before removing it from the agenda."
            )
            % {"title": item.title},
            level=messages.ERROR,
        )
    return _done(
        request, session, _("“%(title)s” removed from the agenda.") % {"title": item.title}
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_item_move(request, session_id: UUID, item_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    item = _item(session, item_id)
    direction = request.POST.get("direction", "")
    try:
        agenda.agenda_item_move(item=item, direction=direction)
    except AgendaItem.DoesNotExist:
        return _gone(request, session)
    except ValidationError as error:
        return _done(request, session, " ".join(error.messages), level=messages.ERROR)
    moved = {"up": _("“%(title)s” moved up."), "down": _("“%(title)s” moved down.")}
    return _done(request, session, moved[direction] % {"title": item.title})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def agenda_reorder(request, session_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    try:
        ids = [UUID(value) for value in request.POST.getlist("item")]
        agenda.agenda_reorder(session=session, item_ids=ids)
    except ValueError:
        return _done(
            request, session, _("That is not an order of this agenda."), level=messages.ERROR
        )
    except ValidationError as error:
        return _done(request, session, " ".join(error.messages), level=messages.ERROR)
    return _done(request, session, _("The new order of the agenda is saved."))
