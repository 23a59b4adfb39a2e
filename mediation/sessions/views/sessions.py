"""The session page: what one meeting is, who comes, its agenda and what it left behind."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access

from ..context import SessionPageContext


@require_GET
@login_required
@never_cache
def session_detail(request: HttpRequest, session_id: UUID) -> HttpResponse:
    can = access.open_session(request.user, session_id)
    return SessionPageContext(request, can).render()
