"""Request hygiene that no view should have to repeat.

Permissions-Policy: every response says which browser features the product may use: none
of the powerful ones (camera, microphone, location, payment...). A script that got in
anyway, or a page the product framed, could not ask for them. Django has no setting for
this header; `settings.PERMISSIONS_POLICY` lists the features refused.

NUL bytes: forms refuse them with a message next to the field (Django's
ProhibitNullCharactersValidator), but search terms, cookies and headers reach the database
without a form: the glossary search, the session lookup, the sign-in audit trail (the
user agent of a failed sign-in). PostgreSQL cannot store or compare text holding a NUL and
answers with a DataError, a 500. No legitimate browser sends one there, so such a request
is refused up front with a 400, the same on every database.

Session refresh: sessions end after `SESSION_COOKIE_AGE` without activity. Saving the
session on every request (SESSION_SAVE_EVERY_REQUEST) kept that exact at the cost of a
database write per page view (on SQLite, the write lock); saving it when its last save is
older than `SESSION_REFRESH_SECONDS` keeps the idle timeout within that margin.
"""

import time

from django.conf import settings
from django.core.exceptions import BadRequest


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def reject_nul_bytes(get_response):
    def middleware(request):
        if (
            "\x00" in request.path
            or _has_nul(key + "".join(values) for key, values in request.GET.lists())
            or _has_nul(f"{key}{value}" for key, value in request.COOKIES.items())
            or _has_nul(
                str(value) for key, value in request.META.items() if key.startswith("HTTP_")
            )
        ):
            raise BadRequest("NUL byte in the address, a cookie or a header")
        return get_response(request)

    return middleware


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


SESSION_REFRESHED_AT = "_refreshed_at"


def session_refresh_stamp(session) -> None:
    """Note that this session's expiry is being renewed now (it is about to be saved)."""
    session[SESSION_REFRESHED_AT] = int(time.time())


def session_refresh(get_response):
    """Installed after SessionMiddleware, so the session is saved (and its cookie renewed)
    on the way out whenever this marks it modified."""

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.is_empty():
            return response
        if session.modified:
            # Saved anyway, so the expiry moves forward now: no need for another save soon.
            session_refresh_stamp(session)
        elif (
            time.time() - session.get(SESSION_REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS
        ):
            session_refresh_stamp(session)
        return response

    return middleware
