"""The session page: what one meeting is, who comes, its agenda and what it left behind."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access, audit
from mediation.models import ReadEvent
from mediation.records.views.records import record_read_log, workspace_context

from .. import planning, selectors
from ..context import editor_context


def session_context(request: HttpRequest, session, *, page=None, workspace=None, **extra) -> dict:
    """What the session page renders from; its fragments render from the same context.

    Views that answer a form pass the page and workspace they validated against, and their
    bound forms in `extra` (see views.workspace.editor_context).
    """
    page = page or selectors.session_page(request.user, session)
    context = {
        "page": page,
        "session": session,
        "can_see_process": access.processes_visible_to(request.user)
        .filter(pk=session.process_id)
        .exists(),
        "can_administer": access.can_administer_process(request.user, session.process_id),
        **workspace_context(request, page),
    }
    if not request.htmx:
        # The whole page shows the record; the agenda and invitation fragments do not.
        record_read_log(request, page)
    if page.can_edit:
        workspace = workspace or planning.session_workspace(request.user, session, page)
        bound = {
            k: extra.pop(k) for k in ("bound_agenda_form", "bound_invitation_form") if k in extra
        }
        context.update(editor_context(session, page, workspace, **bound))
    context.update(extra)
    return context


def render_section(request, session, fragment: str, *, status=200, **extra) -> HttpResponse:
    """One section of the session page for htmx (messages out of band), else the page."""
    context = session_context(request, session, **extra)
    if request.htmx:
        context["oob_messages"] = True
        return render(request, fragment, context, status=status)
    return render(request, "mediation/session_detail.html", context, status=status)


def section_done(
    request, session, fragment: str, anchor: str, message: str, *, level=messages.SUCCESS
) -> HttpResponse:
    """After a write: the fresh section for htmx, else back to the page at the section."""
    messages.add_message(request, level, message)
    if request.htmx:
        return render_section(request, session, fragment)
    return redirect(f"{session.get_absolute_url()}#{anchor}")


@require_GET
@login_required
@never_cache
def session_detail(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id)
    page = selectors.session_page(request.user, session)
    if page.sees_identities and any(i.participant.identity_protected for i in page.invitations):
        # The page shows a protected person's real name: leave a trace in the read audit.
        audit.read_event_log(
            user=request.user,
            kind=ReadEvent.Kind.IDENTITY,
            obj=session,
            process_id=session.process_id,
        )
    return render(
        request, "mediation/session_detail.html", session_context(request, session, page=page)
    )
