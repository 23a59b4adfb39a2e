"""A session's idle timeout without a database write on every page view."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.middleware import SESSION_REFRESHED_AT
from mediation import access
from tests.personas import client_for


def _writes_to_sessions(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def _age_the_last_refresh(client, seconds: int) -> None:
    session = client.session
    session[SESSION_REFRESHED_AT] = int(time.time()) - seconds
    session.save()


def test_a_page_view_soon_after_the_last_refresh_writes_no_session(participant):
    client = client_for(participant)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert _writes_to_sessions(queries) == []


def test_a_page_view_after_the_refresh_interval_moves_the_expiry_forward(participant, settings):
    client = client_for(participant)
    client.get(reverse("home"))
    _age_the_last_refresh(client, settings.SESSION_REFRESH_SECONDS + 1)
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=10)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    expiry = Session.objects.get(session_key=key).expire_date.timestamp()
    assert expiry == pytest.approx(time.time() + settings.SESSION_COOKIE_AGE, abs=30)
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_idle_longer_than_the_timeout_is_signed_out(participant):
    client = client_for(participant)
    client.get(reverse("home"))
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_anonymous_visitor_without_a_session_gets_none(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert Session.objects.count() == 0


def test_the_refresh_margin_is_a_small_part_of_the_idle_timeout():
    from django.conf import settings

    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE // 4


def test_the_viewers_preferences_and_roles_are_one_query(
    session, facilitator, participant, django_assert_num_queries
):
    user = type(participant).objects.get(pk=participant.pk)
    with django_assert_num_queries(1):
        facts = access.viewer_facts(user)
        assert access.roles_of(user) == {"participant"} == set(facts.roles)
        access.viewer_facts(user)
    other = type(facilitator).objects.get(pk=facilitator.pk)
    assert "facilitator" in access.viewer_facts(other).roles
