"""The headers every kind of response carries, and the cookies it sets.

Every page the URL walk finds (as a team member, a participant and a visitor who is not
signed in), and the other kinds of response besides: files (calendar, CSV), JSON, static
files, the admin, htmx fragments, redirects and refusals (400, 403, 404, 405). Then the
production settings, read from a process started with them: `__Host-` cookie names under
HTTPS, HSTS without `preload` unless the operator asks for it.
"""

import os
import subprocess
import sys
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from mediation.tokens import reminders_unsubscribe_token

from .walker import discover, fill

ROUTES = discover()
SAME_EVERYWHERE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Features a page of the product could otherwise ask the browser for.
DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "display-capture"]


def assert_secure_headers(response, where: str) -> None:
    for name, value in SAME_EVERYWHERE.items():
        assert response.get(name) == value, f"{where}: {name}"
    policy = response.get("Permissions-Policy", "")
    for feature in DENIED:
        assert f"{feature}=()" in policy, f"{where}: {feature} not denied"
    assert "frame-ancestors 'none'" in response.get("Content-Security-Policy", ""), where


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_page_carries_the_security_headers(route, world, clients):
    url = fill(route, world, ["own"])
    for persona in ("organizer", "facilitator", "participant", "anonymous"):
        response = clients[persona].get(url)
        assert_secure_headers(response, f"{persona} {url} ({response.status_code})")


def _other_kinds(world) -> dict[str, tuple[str, str, dict]]:
    """(persona, url, request options) of each kind of response the walk may not reach."""
    session = world["own"]["mediation.DialogueSession"]
    participant = world["own"]["mediation.Participant"]
    return {
        "calendar file": ("participant", reverse("session_calendar", args=[session.pk]), {}),
        "CSV export": ("organizer", reverse("session_attendance_export", args=[session.pk]), {}),
        "JSON": ("anonymous", reverse("health"), {}),
        "static file": ("anonymous", "/static/css/app.css", {}),
        "admin page": ("organizer", reverse("admin:mediation_dialoguesession_changelist"), {}),
        "htmx fragment": ("organizer", session.get_absolute_url(), {"HTTP_HX_REQUEST": "true"}),
        "login page": ("anonymous", reverse("login"), {}),
        "redirect to sign in": ("anonymous", reverse("home"), {}),
        "unsubscribe page": (
            "anonymous",
            reverse("reminders_unsubscribe", args=[reminders_unsubscribe_token(participant)]),
            {},
        ),
        "403": ("participant", reverse("session_attendance_export", args=[session.pk]), {}),
        "404": ("organizer", "/no/such/page/", {}),
        "405": ("anonymous", reverse("health"), {"method": "post"}),
        "400, unknown host": ("anonymous", "/", {"HTTP_HOST": "evil.example"}),
        "400, NUL byte": ("anonymous", "/glossary/?q=a%00", {}),
    }


def test_every_other_kind_of_response_carries_them_too(world, clients):
    for kind, (persona, url, options) in _other_kinds(world).items():
        options = dict(options)
        method = options.pop("method", "get")
        response = getattr(clients[persona], method)(url, **options)
        assert_secure_headers(response, f"{kind} ({response.status_code})")


def test_the_csrf_cookie_is_out_of_reach_of_scripts(db):
    response = Client().get(reverse("login"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    # htmx takes the token from the page instead, as every form does.
    page = response.content.decode()
    assert '<body hx-headers=\'{"X-CSRFToken": "' in page


# --- The production settings --------------------------------------------------------------

PRODUCTION = {
    "DEBUG": "false",
    "HTTPS": "true",
    "ALLOWED_HOSTS": "dialogues.example.org",
    "SECRET_KEY": "x" * 64,
}
SHOWN = [
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
]


def _production_settings(tmp_path, **extra) -> dict:
    """The settings a process started with PRODUCTION (and `extra`) in its environment gets."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE_HSTS_PRELOAD", "HTTPS"}}
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **extra)
    code = f"import config.settings as s; print(repr({{n: getattr(s, n) for n in {SHOWN!r}}}))"
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    return eval(done.stdout.decode())  # noqa: S307 - the repr of a dict of settings we print


def test_under_https_the_cookies_take_the_host_prefix(tmp_path):
    production = _production_settings(tmp_path)
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SESSION_COOKIE_SECURE"] is production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is production["SESSION_COOKIE_HTTPONLY"] is True


def test_hsts_preload_is_off_unless_the_operator_turns_it_on(tmp_path):
    production = _production_settings(tmp_path)
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is False
    assert _production_settings(tmp_path, SECURE_HSTS_PRELOAD="true")["SECURE_HSTS_PRELOAD"]


@pytest.fixture
def as_in_production(settings, tmp_path, db):
    """This process's settings set to what the production settings say (but the redirect
    to https, so the test client's https requests are answered as they are)."""
    for name, value in _production_settings(tmp_path).items():
        setattr(settings, name, value)
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["dialogues.example.org"]


def _set_cookies(response) -> dict[str, str]:
    """Each cookie's Set-Cookie line as the browser gets it."""
    return {name: morsel.OutputString() for name, morsel in response.cookies.items()}


def test_a_browser_gets_host_only_secure_cookies_and_hsts_without_preload(
    as_in_production, participant
):
    client = Client(HTTP_HOST="dialogues.example.org")
    page = client.get(reverse("login"), secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    signed_in = client.post(
        reverse("login"),
        {
            "username": participant.username,
            "password": "correct-horse-battery",
            "csrfmiddlewaretoken": page.context["csrf_token"],
        },
        secure=True,
    )
    assert signed_in.status_code == 302
    cookies = {**_set_cookies(page), **_set_cookies(signed_in)}
    for name in ("__Host-csrftoken", "__Host-sessionid"):
        line = cookies[name]
        parsed = SimpleCookie(line)[name]
        assert parsed["secure"] and parsed["httponly"], line
        assert parsed["path"] == "/", line
        assert not parsed["domain"], line  # a __Host- cookie must not name a domain
    assert_secure_headers(signed_in, "sign-in over https")
