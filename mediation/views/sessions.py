"""The session page: what one meeting is, who comes, its agenda and what it left behind."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import access, audit, selectors
from ..models import ReadEvent
from .records import workspace_context


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
        request,
        "mediation/session_detail.html",
        {
            "page": page,
            "session": session,
            "can_see_process": access.processes_visible_to(request.user)
            .filter(pk=session.process_id)
            .exists(),
            "can_administer": access.can_administer_process(request.user, session.process_id),
            **workspace_context(request, page),
        },
    )
