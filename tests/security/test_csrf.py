"""CSRF: a POST without the token, or with a wrong one, is refused (403) and changes nothing.

Every discovered URL is tried (CSRF is checked before the view runs, so the view's own
methods do not matter), plus sign-in, sign-out and the admin's session form.
"""

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.crypto import get_random_string

from tests.factories import PASSWORD

from .page_forms import forms_of, main_form
from .walker import assert_clean, changed_tables, discover, fill, snapshot

# The one address that takes a POST without a token: a reminder's unsubscribe link, which
# mail providers POST to with no cookie (RFC 8058); its signed token is the proof instead
# (tests/mediation/notifications/test_unsubscribe.py pins it as the only exempt view).
CSRF_EXEMPT = {"reminders_unsubscribe"}
ROUTES = [route for route in discover() if route.name not in CSRF_EXEMPT]
# CSRF is checked before any view, whoever asks: the persona who may write most is enough.
WRITERS = ["organizer"]


def _csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _attempts(client: Client, url: str, data: dict):
    """No cookie and no token; a cookie with a token that does not match it; the same
    mismatch in the header htmx uses."""
    yield "no token", client.post(url, data)
    client.cookies["csrftoken"] = get_random_string(32)
    wrong = get_random_string(32)
    yield "wrong token", client.post(url, {**data, "csrfmiddlewaretoken": wrong})
    yield "wrong header", client.post(url, data, headers={"X-CSRFToken": wrong})


def _assert_all_refused(client, url, data, what):
    before = snapshot()
    for label, response in _attempts(client, url, data):
        assert_clean(response, f"{what} {label}")
        assert response.status_code == 403, f"{what} {label}: {response.status_code}"
    assert changed_tables(before, snapshot()) == [], what


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_posts_without_a_valid_csrf_token_are_refused(route, world):
    url = fill(route, world, ["own"])
    for persona in WRITERS:
        client = _csrf_client(world["users"][persona])
        _assert_all_refused(client, url, {"note": "csrf", "response": "accepted"}, persona)


def test_sign_in_without_a_token_signs_nobody_in(participant):
    client = _csrf_client()
    data = {"username": "participant", "password": PASSWORD}
    _assert_all_refused(client, reverse("login"), data, "sign-in")
    assert "_auth_user_id" not in client.session


def test_sign_in_with_the_right_token_works(participant):
    """The control: the refusals above are about the token, not about the form."""
    client = _csrf_client()
    page = client.get(reverse("login"))
    form = forms_of(page.content, reverse("login"))[0]
    response = client.post(reverse("login"), form.data(username="participant", password=PASSWORD))
    assert response.status_code == 302


def test_sign_out_without_a_token_keeps_the_session(participant):
    client = _csrf_client(participant)
    _assert_all_refused(client, reverse("logout"), {}, "sign-out")
    assert client.session.get("_auth_user_id") == str(participant.pk)


def test_the_admin_refuses_a_session_change_without_a_token(world):
    session = world["own"]["mediation.DialogueSession"]
    client = _csrf_client(world["users"]["organizer"])
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    form = main_form(client.get(url), url)
    data = form.data(title="Changed without a token")
    data.pop("csrfmiddlewaretoken", None)
    _assert_all_refused(client, url, data, "admin session form")
    session.refresh_from_db()
    assert session.title != "Changed without a token"


def test_a_token_from_another_session_is_refused(world):
    """A token lifted from someone else's page does not match this client's cookie."""
    other = RequestFactory().get("/")
    other.META["CSRF_COOKIE"] = get_random_string(32)
    lifted = get_token(other)
    client = _csrf_client(world["users"]["organizer"])
    client.cookies["csrftoken"] = get_random_string(32)
    url = reverse("admin:mediation_side_add")
    process = world["own"]["mediation.DialogueProcess"]
    before = snapshot()
    data = {"process": process.pk, "name": "Planted", "csrfmiddlewaretoken": lifted}
    response = client.post(url, data)
    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []
