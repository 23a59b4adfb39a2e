"""Who must confirm a second factor, and the count of wrong codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.http import HttpRequest

from mediation import access

MAX_WRONG_CODES = 5


WRONG_CODES_SESSION_KEY = "two_factor_wrong_codes"


# A condition on users: they own a confirmed device (the admin's device list uses it too).
owns_confirmed_device = access.owns_confirmed_device


def has_confirmed_device(user) -> bool:
    """Asked afresh (one query) where a device may just have been added or removed."""
    return get_user_model().objects.filter(owns_confirmed_device(), pk=user.pk).exists()


def is_required_for(user) -> bool:
    """Whether this user must confirm a second factor before using the product.

    A confirmed device is always asked for; `REQUIRE_2FA` adds those who run the work.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    # Read with the viewer's profile and roles, in the one query of every request.
    facts = access.viewer_facts(user)
    if facts.has_device:
        return True
    if not settings.REQUIRE_2FA:
        return False
    return user.is_superuser or bool(facts.roles & {"organizer", "facilitator"})


def needs_verification(user) -> bool:
    return user.is_authenticated and not user.is_verified() and is_required_for(user)


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
