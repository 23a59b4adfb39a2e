"""Calendar files: one session's `.ics`, and a participant's secret subscription feed.

The feed is read by calendar programs that cannot sign in, so its address carries a
secret token instead. A wrong, renewed or missing token answers a plain 404 that says
nothing about whether any participant exists.

Both answer conditional requests: the ETag is a digest of the file without its DTSTAMP
lines (the moment of writing, which changes on every request), so a calendar program that
sends it back gets a bodiless 304 until something in the file changes. No Last-Modified:
the file also depends on things without a modification time (the process's rules of what
may leave), and a date alone would answer 304 to a changed file.
"""

import re
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.crypto import constant_time_compare
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from mediation import access
from mediation.portal import calendar

from .. import selectors, services

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _ics_response(
    request: HttpRequest, body: bytes, filename: str, digest: str | None = None
) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Not stored by browsers or proxies; calendar programs keep the ETag in their own sync
    # state and send it back.
    response["Cache-Control"] = "no-store"
    response["ETag"] = quote_etag(digest or calendar.content_digest(body))
    return get_conditional_response(request, etag=response["ETag"], response=response)


@require_GET
@login_required
def session_calendar(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = access.open_session(request.user, session_id).session
    participant = access.participant_of(request.user)
    invitation = (
        session.invitations.filter(participant=participant).first() if participant else None
    )
    entry = calendar.CalendarEntry(
        session=session,
        url=request.build_absolute_uri(session.get_absolute_url()),
        invitation=invitation,
    )
    return _ics_response(request, calendar.calendar_bytes([entry]), "dialogue-meeting.ics")


@require_GET
@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404
    participant = selectors.participant_by_calendar_token(token)
    # The lookup is by an indexed equality; the comparison below adds a constant-time
    # check so no timing says how much of a guessed token was right.
    if participant is None or not constant_time_compare(participant.calendar_token, token):
        raise Http404

    def entries() -> list[calendar.CalendarEntry]:
        return [
            calendar.CalendarEntry(
                session=invitation.session,
                url=request.build_absolute_uri(invitation.session.get_absolute_url()),
                invitation=invitation,
            )
            for invitation in selectors.calendar_feed_invitations(participant)
        ]

    # Read by a calendar program, not by the person: their profile says the language.
    profile = getattr(participant.user, "profile", None)
    with translation.override((profile.language if profile else "") or settings.LANGUAGE_CODE):
        body, digest = calendar.feed_file(
            owner=participant,
            versions=selectors.calendar_feed_versions(participant),
            site=request.build_absolute_uri("/"),
            entries=entries,
        )
    return _ics_response(request, body, "dialogue-meetings.ics", digest)


@require_POST
@login_required
@never_cache
def calendar_token_renew(request: HttpRequest) -> HttpResponse:
    participant = access.participant_of(request.user)
    if participant is None:
        raise Http404
    services.calendar_token_renew(participant=participant)
    messages.success(
        request, _("Your calendar address is renewed. The old address no longer works.")
    )
    return redirect(reverse("profile") + "#calendar")
