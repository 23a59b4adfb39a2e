"""Show every page in the signed-in person's own time zone and language (their Profile).

Runs after AuthenticationMiddleware (it needs request.user) and after Django's
LocaleMiddleware, whose choice from the browser it overrides when the person chose a
language. One query per request at most, cached on the request.
"""

import zoneinfo

from django.utils import timezone, translation

from mediation.models import Profile


def profile_prefs(request) -> tuple[str, str]:
    """(time zone, language) from the user's profile, "" where they chose nothing."""
    cached = getattr(request, "_profile_prefs", None)
    if cached is None:
        cached = ("", "")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            row = Profile.objects.filter(user_id=user.pk).values_list("time_zone", "language")
            cached = row.first() or ("", "")
        request._profile_prefs = cached
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
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        try:
            return self.get_response(request)
        finally:
            # Thread-local: never let one person's zone leak into the next request.
            timezone.deactivate()
