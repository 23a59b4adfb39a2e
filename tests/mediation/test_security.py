"""Sign-in protection, headers and the health check."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from config import settings as project_settings
from tests.factories import PASSWORD


def test_health_reports_the_database_and_nothing_else(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["organizer", "facilitator", "participant", "stranger"])
def test_health_answers_everyone_the_same(personas, client, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("health")).json() == {"database": "ok"}


def test_health_refuses_writes(client, db):
    assert client.post(reverse("health")).status_code == 405


def _sign_in(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_repeated_failures_pause_sign_in_even_with_the_right_password(participant, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, "participant", "wrong-password-here")
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()
    assert _sign_in(client, "participant", "wrong-password-here").status_code == 429
    locked = _sign_in(client, "participant", PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_forgets_earlier_failures(participant, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "participant", "wrong-password-here")
    assert _sign_in(client, "participant", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "participant", "wrong-password-here")
    assert _sign_in(client, "participant", PASSWORD).status_code == 302


def test_signing_in_starts_a_new_session(participant):
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert _sign_in(client, "participant", PASSWORD).status_code == 302
    assert client.cookies["sessionid"].value != before


def test_sign_in_never_redirects_to_another_site(participant):
    client = Client()
    response = _sign_in(client, "participant", PASSWORD, next="https://evil.example/steal")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_password("a long enough passphrase").startswith("argon2$")


def test_passwords_need_twelve_characters(db):
    with pytest.raises(ValidationError):
        validate_password("tr4ck-2-xyz")
    validate_password("tr4ck-two-dialogue")


def test_sessions_expire_after_inactivity():
    # Renewed every few minutes of activity (config.middleware.session_refresh).
    assert "config.middleware.session_refresh" in project_settings.MIDDLEWARE
    assert project_settings.SESSION_REFRESH_SECONDS <= project_settings.SESSION_COOKIE_AGE // 4
    assert 0 < project_settings.SESSION_COOKIE_AGE <= 8 * 3600


@pytest.mark.parametrize("page", ["home", "process_list"])
def test_pages_listing_confidential_work_are_not_cached(organizer_client, page):
    assert "no-store" in organizer_client.get(reverse(page))["Cache-Control"]


def test_every_page_carries_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "style-src 'self'" in policy


def test_htmx_is_served_by_the_app_with_the_nonce(client, db):
    content = client.get(reverse("login")).content.decode()
    assert "/static/django-htmx/" in content or "/static/django_htmx/" in content
    assert "nonce=" in content
    assert "unpkg" not in content and "cdn" not in content.lower()
