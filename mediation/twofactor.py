"""Two-factor sign-in: who must confirm a second factor, and the middleware that insists.

Anyone with a confirmed device who signed in with a password alone reaches no page but
sign-in, sign-out, the two-factor pages, static files, the health check and the public
glossary until they confirm a code from their authenticator app (django-otp's TOTP device)
or a single-use backup code (its static device). That holds whatever `REQUIRE_2FA` says:
a participant who enrolled of their own accord is asked too, otherwise enrolling would
protect nothing. `REQUIRE_2FA` adds organizers, facilitators and superusers, who are sent
to enrol a device first if they have none.

Wrong codes are counted in the session; after `MAX_WRONG_CODES` the person is signed out
and starts again from the password. django-otp's own throttling (growing delays stored on
the device) holds across sessions on top of that.
"""

from __future__ import annotations

import operator
from functools import reduce

import django_otp
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from mediation import access

MAX_WRONG_CODES = 5
WRONG_CODES_SESSION_KEY = "two_factor_wrong_codes"


def owns_confirmed_device() -> Q:
    """A condition on users: they own a confirmed device of any kind django-otp knows
    (authenticator app, backup codes)."""
    return reduce(
        operator.or_,
        [
            Q(Exists(model.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
            for model in django_otp.device_classes()
        ],
    )


def has_confirmed_device(user) -> bool:
    """One query: the middleware asks on every signed-in request."""
    return get_user_model().objects.filter(owns_confirmed_device(), pk=user.pk).exists()


def is_required_for(user) -> bool:
    """Whether this user must confirm a second factor before using the product.

    A confirmed device is always asked for; `REQUIRE_2FA` adds those who run the work.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if has_confirmed_device(user):
        return True
    if not settings.REQUIRE_2FA:
        return False
    return user.is_superuser or access.is_organizer(user) or user.facilitated_sessions.exists()


def needs_verification(user) -> bool:
    return user.is_authenticated and not user.is_verified() and is_required_for(user)


def _exempt_prefixes() -> tuple[str, ...]:
    return (
        reverse("login"),
        reverse("logout"),
        reverse("two_factor_verify"),  # /accounts/two-factor/ and the pages under it
        reverse("health"),
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
        if not request.path.startswith(_exempt_prefixes()):
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


def wrong_code_count(request: HttpRequest) -> int:
    return request.session.get(WRONG_CODES_SESSION_KEY, 0)


def wrong_code_note(request: HttpRequest) -> bool:
    """Count one wrong code; True when that was one too many and the person was signed out."""
    count = wrong_code_count(request) + 1
    if count >= MAX_WRONG_CODES:
        logout(request)
        return True
    request.session[WRONG_CODES_SESSION_KEY] = count
    return False


def wrong_codes_forget(request: HttpRequest) -> None:
    request.session.pop(WRONG_CODES_SESSION_KEY, None)
