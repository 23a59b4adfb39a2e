"""Failed sign-ins behind a reverse proxy are counted per client, and nobody can forge one.

Every request in these tests comes from the same REMOTE_ADDR, as behind a proxy; only
X-Forwarded-For tells the clients apart.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from config.proxy import forwarded_client_ip
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
PROXY = "10.0.0.2"
CLIENT_A, CLIENT_B = "198.51.100.7", "203.0.113.5"


@pytest.fixture
def behind_proxy(settings):
    """The settings BEHIND_PROXY=true gives (see test_behind_proxy_settings_...)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.AXES_CLIENT_IP_CALLABLE = "config.proxy.forwarded_client_ip"
    settings.PROXY_COUNT = 1
    return settings


def _sign_in(password: str, forwarded_for: str | None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    client = Client(REMOTE_ADDR=PROXY)
    return client.post(
        reverse("login"), {"username": "participant", "password": password}, headers=headers
    )


def _fail_until_locked(settings, forwarded_for) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _sign_in("wrong-password-here", forwarded_for(attempt))
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 200)


def test_behind_a_proxy_failures_lock_the_username_from_that_client_only(
    participant, behind_proxy
):
    _fail_until_locked(behind_proxy, lambda attempt: CLIENT_A)
    assert _sign_in(PASSWORD, CLIENT_A).status_code == 429
    assert _sign_in(PASSWORD, CLIENT_B).status_code == 302
    assert AccessAttempt.objects.get().ip_address == CLIENT_A


def test_behind_a_proxy_a_forged_entry_before_the_proxys_does_not_escape_the_lock(
    participant, behind_proxy
):
    # The client sends its own X-Forwarded-For; the proxy appends the real address after it.
    _fail_until_locked(behind_proxy, lambda attempt: f"192.0.2.{attempt}, {CLIENT_A}")
    assert _sign_in(PASSWORD, f"192.0.2.99, {CLIENT_A}").status_code == 429
    assert _sign_in(PASSWORD, CLIENT_B).status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(participant, settings):
    settings.AXES_CLIENT_IP_CALLABLE = None  # as without BEHIND_PROXY, whatever the env says
    _fail_until_locked(settings, lambda attempt: f"192.0.2.{attempt}")
    assert _sign_in(PASSWORD, CLIENT_B).status_code == 429
    assert AccessAttempt.objects.get().ip_address == PROXY


@pytest.mark.parametrize(
    ("proxy_count", "forwarded_for", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (1, "2001:db8::1", "2001:db8::1"),
        # Two proxies: the first appended the client, the second the first proxy.
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        # Not through all the proxies, or not an address: counted under the proxy's address.
        (2, "198.51.100.7", PROXY),
        (1, None, PROXY),
        (1, "", PROXY),
        (1, "1.2.3.4, not-an-address", PROXY),
        (1, "198.51.100.7:4431", PROXY),
    ],
)
def test_the_client_is_the_entry_the_outermost_trusted_proxy_wrote(
    settings, proxy_count, forwarded_for, expected
):
    settings.PROXY_COUNT = proxy_count
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra)
    assert forwarded_client_ip(request) == expected


def _settings_value(expression: str, **env: str) -> subprocess.CompletedProcess:
    """`expression` evaluated on the settings imported afresh with `env` set."""
    environment = {**os.environ, **env}
    return subprocess.run(  # noqa: S603 - our interpreter, our settings
        [sys.executable, "-c", f"import config.settings as s; print({expression})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_behind_proxy_settings_read_the_client_from_the_proxy_header():
    result = _settings_value(
        "s.AXES_CLIENT_IP_CALLABLE, s.PROXY_COUNT, s.SECURE_PROXY_SSL_HEADER",
        BEHIND_PROXY="true",
        PROXY_COUNT="2",
    )
    assert result.stdout.strip() == (
        "config.proxy.forwarded_client_ip 2 ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    plain = _settings_value("getattr(s, 'AXES_CLIENT_IP_CALLABLE', None)", BEHIND_PROXY="false")
    assert plain.stdout.strip() == "None"


def test_a_proxy_count_below_one_is_refused():
    result = _settings_value("s.PROXY_COUNT", BEHIND_PROXY="true", PROXY_COUNT="0")
    assert result.returncode != 0
    assert "PROXY_COUNT must be 1 or more" in result.stderr
