"""The briefing pack of a session: a printable page and the same pack as PDF.

Whoever may open the session may have its pack (its team, and the participants invited to
it once it is published); a stranger gets the same 404 as for a missing session. Each pack
served is a read in the audit, and so is each showing of protected people's real names.
"""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access, audit

from .pdf import render_pdf
from .selectors import Briefing, briefing_for

PAGE = "mediation/briefing/pack.html"
PDF = "mediation/briefing/pack_pdf.html"


def _open(request: HttpRequest, session_id: UUID) -> Briefing:
    can = access.open_session(request.user, session_id)
    return briefing_for(request.user, can)


def _audit(request: HttpRequest, briefing: Briefing) -> None:
    audit.briefing_read(request.user, briefing.session)
    if briefing.shows_identities:
        audit.session_identities_read(request.user, briefing.session)


@require_GET
@login_required
@never_cache
def session_briefing(request: HttpRequest, session_id: UUID) -> HttpResponse:
    briefing = _open(request, session_id)
    response = render(request, PAGE, {"briefing": briefing, "session": briefing.session})
    _audit(request, briefing)
    return response


@require_GET
@login_required
@never_cache
def session_briefing_pdf(request: HttpRequest, session_id: UUID) -> HttpResponse:
    briefing = _open(request, session_id)
    pdf = render_pdf(request, PDF, {"briefing": briefing, "session": briefing.session})
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name says nothing about the session: its title may be confidential.
    response["Content-Disposition"] = (
        f'attachment; filename="briefing-{briefing.session.starts_at:%Y-%m-%d}.pdf"'
    )
    _audit(request, briefing)
    return response
