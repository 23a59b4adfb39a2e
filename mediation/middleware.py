"""Send an htmx request whose sign-in expired to the login page as a whole page.

`login_required` answers an anonymous request with a redirect to the login page. The
browser follows it inside htmx's request, and the login form would be swapped into
whatever fragment was being refreshed. Instead, htmx is told (HX-Redirect) to load the
login page in the window, with `next` pointing back at the page the person was on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


def _page_the_user_was_on(request: HttpRequest) -> str:
    current = request.headers.get("HX-Current-URL", "")
    if current and url_has_allowed_host_and_scheme(
        current, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(current)
        if parts.netloc in ("", request.get_host()):
            return parts.path + (f"?{parts.query}" if parts.query else "") or "/"
    return request.get_full_path()


class HtmxLoginRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code not in (301, 302, 303):
            return response
        login_path = urlsplit(resolve_url(settings.LOGIN_URL)).path
        target = urlsplit(response.get("Location", ""))
        if target.path != login_path or target.netloc not in ("", request.get_host()):
            return response
        query = QueryDict(mutable=True)
        query["next"] = _page_the_user_was_on(request)
        return HttpResponseClientRedirect(f"{login_path}?{query.urlencode(safe='/')}")
