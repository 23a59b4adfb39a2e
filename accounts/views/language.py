"""The language switcher in every page's header: one POST, back to the page it came from."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import services
from ..twofactor import needs_verification


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language: in the profile of a signed-in person (so their emails
    follow it too), and in a cookie for everyone (read before the browser's preference)."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest()
    # Back to the page the switcher was on. Browsers send it (Referrer-Policy same-origin);
    # it is not in the form, so pages do not differ by the path asked.
    target = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home" if request.user.is_authenticated else "glossary:index")
    else:
        parts = urlsplit(target)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
    user = request.user
    if user.is_authenticated and not needs_verification(user):
        services.profile_language_set(user=user, language=language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
