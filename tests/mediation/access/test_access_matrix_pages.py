"""Every page (GET) with every persona: who gets the page, who gets 403, who gets 404.

The rows are in matrix.py; a stranger to an object gets the same 404 as for an object that
does not exist, and the refusal pages look like the rest of the product.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.mediation.access.matrix import MATRIX, MISSING, PERSONAS, expected_for

# Pages that also accept a POST (their form): the GET-only check below leaves them out; their
# POST is walked with every persona in WRITES (test_access_matrix_writes.py).
FORM_PAGES = {
    "record editor",
    "record editor of another session",
    "record share check",
    "record consent of an invitee",
    "record lock confirmation",
    "record lock confirmation of another session",
    "plan the next session",
    "plan after another session",
    "outcomes of the process",
    "outcomes of a missing process",
    "outcomes of another process",
    "new version of an outcome document",
    "briefing feedback",
    "briefing of another process",
}
READ_ONLY_PAGES = [row for row in MATRIX if row[0] not in FORM_PAGES]


@pytest.fixture(scope="module", autouse=True)
def _cast_before_each_test(module_cast):
    return module_cast


# The shared fixtures of the same name, taken from the world rather than made again.
@pytest.fixture
def organizer(world):
    return world["organizer"]


@pytest.fixture
def participant(world):
    return world["participant"]


def _request(client, url, expected):
    if expected.get("method") == "post":
        return client.post(url, expected.get("data", {}))
    return client.get(url)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_access_matrix(world, client, persona, name, url, expected):
    client.force_login(world[persona])
    response = _request(client, url(world), expected)
    assert response.status_code == expected_for(expected, persona), f"{persona} on {name}"


@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(world, client, name, url, expected):
    target = url(world)
    response = _request(client, target, expected)
    if "anonymous" in expected:
        assert response.status_code == expected["anonymous"]
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_form_pages_left_out_are_rows_of_the_matrix():
    """Each name left out is a row: a stale name would be left behind after a rename."""
    assert {row[0] for row in MATRIX} >= FORM_PAGES


@pytest.mark.parametrize(
    ("name", "url", "expected"), READ_ONLY_PAGES, ids=[row[0] for row in READ_ONLY_PAGES]
)
def test_pages_refuse_writes(world, organizer, name, url, expected):
    client = Client(enforce_csrf_checks=False)
    client.force_login(organizer)
    if expected.get("method") == "post":
        assert client.get(url(world)).status_code == 405
        return
    assert client.post(url(world)).status_code == expected.get("on_post", 405)


def _without_per_response_tokens(content: bytes) -> str:
    """The page minus what differs on every response anyway (CSRF token, CSP nonce)."""
    text = content.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


@pytest.mark.parametrize("persona", ["facilitator", "participant", "stranger"])
def test_a_hidden_session_looks_exactly_like_a_missing_one(world, client, persona):
    client.force_login(world[persona])
    hidden = client.get(world["other_session"].get_absolute_url())
    missing = client.get(reverse("session_detail", args=[MISSING]))
    assert hidden.status_code == missing.status_code == 404
    assert _without_per_response_tokens(hidden.content) == _without_per_response_tokens(
        missing.content
    )
    assert world["other_session"].title not in hidden.content.decode()


def test_error_pages_use_the_product_layout(world, client, participant):
    client.force_login(participant)
    forbidden = client.get(world["process"].get_absolute_url())
    assert forbidden.status_code == 403
    assert "Not allowed" in forbidden.content.decode()
    assert world["process"].title not in forbidden.content.decode()


def test_non_uuid_ids_are_not_found(client, organizer):
    client.force_login(organizer)
    assert client.get("/sessions/1/").status_code == 404
    assert client.get("/sessions/99999999999999999999/").status_code == 404
    assert client.get("/processes/not-a-uuid/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("organizer", 200),
        ("other_organizer", 200),
        ("facilitator", 302),
        ("other_facilitator", 302),
        ("participant", 302),
        ("co_participant", 302),
        ("stranger", 302),
    ],
)
def test_only_organizers_open_the_admin(world, client, persona, expected):
    client.force_login(world[persona])
    response = client.get(reverse("admin:index"))
    assert response.status_code == expected
    if expected == 302:
        assert reverse("admin:login") in response["Location"]


# The admin's two-factor console (its list and its reset action), with every persona and
# organizers of other processes: tests/mediation/admin/test_admin_devices.py.
# The read audit's CSV download (superusers only), with every persona and organizers of
# other processes: tests/mediation/admin/test_admin_read_audit_export.py.
# The processes' "Download as JSON" action and "Import a process from JSON" page (superusers
# only), with every persona and organizers of other processes:
# tests/mediation/process_json/test_admin_process_json.py.
