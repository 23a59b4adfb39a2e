"""A process as JSON, for its organizers: everything of it they may see (schema.py)."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access, audit

from .selectors import process_document_json


@require_GET
@login_required
@never_cache
def process_export(request: HttpRequest, process_id: UUID) -> HttpResponse:
    """Strangers get the process page's 404; a facilitator, who may read the page but
    not everything of the process (other sessions, internal notes), gets 403."""
    process = access.get_process(request.user, process_id)
    if not access.can_administer_process(request.user, process.pk):
        raise PermissionDenied
    response = HttpResponse(
        process_document_json(process),
        content_type="application/json; charset=utf-8",
    )
    # The file name says nothing about the process: its title may be confidential.
    response["Content-Disposition"] = f'attachment; filename="process-{process.pk}.json"'
    audit.process_export_read(request.user, process)
    return response
