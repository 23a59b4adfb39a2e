"""Per-request account handling: two-factor, locale, htmx sign-in redirects."""

from __future__ import annotations

import functools
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_htmx.http import HttpResponseClientRedirect

from mediation import access

from .twofactor import has_confirmed_device, needs_verification


@functools.cache
def _exempt_prefixes(script_prefix: str) -> tuple[str, ...]:
    """Reversed once per script prefix, not on every request (0.3 ms each time)."""
    return (
        reverse("login"),
        reverse("logout"),
        reverse("two_factor_verify"),  # /accounts/two-factor/ and the pages under it
        reverse("health"),
        reverse("language_switch"),  # someone owing a code may still change language
        reverse("glossary:index"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


class TwoFactorMiddleware:
    """Sends a signed-in person who still owes a second factor to the two-factor pages.

    Installed after django-otp's OTPMiddleware, which sets `request.user.is_verified()`.
    Runs whatever `REQUIRE_2FA` says: a device enrolled by choice is asked for too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_exempt_prefixes(get_script_prefix())):
            user = request.user
            if needs_verification(user):
                return self._redirect(request, user)
        return self.get_response(request)

    @staticmethod
    def _redirect(request: HttpRequest, user) -> HttpResponse:
        target = reverse("two_factor_verify" if has_confirmed_device(user) else "two_factor_setup")
        if request.method == "GET":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            # A redirect followed inside an htmx swap would paste the page into a fragment.
            # (HtmxMiddleware runs after this one, so the header is read directly.)
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)


def profile_prefs(request) -> tuple[str, str]:
    """(time zone, language) from the user's profile, "" where they chose nothing.

    Read with the viewer's roles in one query (access.viewer_facts), so the role menu that
    every page shows costs nothing more.
    """
    cached = getattr(request, "_profile_prefs", None)
    if cached is None:
        user = getattr(request, "user", None)
        facts = access.viewer_facts(user) if user is not None else access.NO_FACTS
        cached = request._profile_prefs = (facts.time_zone, facts.language)
    return cached


class UserLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone_name, language = profile_prefs(request)
        if zone_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        language_before = translation.get_language()
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
            # LocaleMiddleware, outside this one, names the language after the language is
            # put back below: name the one the page was written in first.
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        finally:
            # Both are thread-local: never let one person's zone or language outlive their
            # request (a task or a test run next in this thread would speak it).
            timezone.deactivate()
            if language_before:
                translation.activate(language_before)
            else:
                translation.deactivate()


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
