"""Publishing a draft session, and with it, if the editor asks, sending its invitations."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mediation import access
from mediation.notifications import enqueue as notify_enqueue

from .. import services
from .invitation_emails import sent_message


@require_POST
@login_required
@never_cache
def session_publish(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = access.open_session(request.user, session_id, edit=True).session
    if not services.session_publish(session=session, user=request.user):
        messages.info(request, _("This session was already published."))
        return redirect(session)
    session.refresh_from_db()
    message = _("The session is published: the people invited now see it.")
    if request.POST.get("send"):
        queued, skipped = notify_enqueue.session_invitations_send(
            session=session, base_url=request.build_absolute_uri("/")
        )
        message += " " + sent_message(queued, skipped)
    messages.success(request, message)
    return redirect(session)
