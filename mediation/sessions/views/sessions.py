"""The session page: what one meeting is, who comes, its agenda and what it left behind."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from mediation import access

from ..context import INVITATIONS_PAGE, SessionPageContext


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_detail(request: HttpRequest, session_id: UUID) -> HttpResponse:
    """The whole page; for htmx asking a page of the invitation table (its pager), that
    section alone. A history restore gets the whole page."""
    ctx = SessionPageContext(request, access.open_session(request.user, session_id))
    paging = (
        request.htmx
        and not request.htmx.history_restore_request
        and INVITATIONS_PAGE in request.GET
        and ctx.can.edit
    )
    return ctx.render("invitations" if paging else None)
