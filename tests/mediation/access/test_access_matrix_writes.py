"""Every write with every persona: the facilitator workspace's POSTs (the session record,
actions, next round), the pages that take both GET and POST, and the POST-only URLs."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.mediation.access.matrix import MISSING, PERSONAS, expected_for

# --- Facilitator workspace: the session record, actions, next round ----------------------
# Every POST endpoint is walked with every persona in WRITES; the pages among them (their
# GET) are rows of MATRIX (matrix.py).


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


def _record_url(name):
    return lambda w: reverse(name, args=[w["session"].pk])


def _action_update_url(w):
    from tests.factories import ActionItemFactory

    action = ActionItemFactory(session=w["session"])
    return reverse("session_action_update", args=[w["session"].pk, action.pk])


# (name, url builder, {persona: status of a POST with no data}). An empty POST is a form
# error (200) or a refused change (302 with a message) for those allowed; 403/404 otherwise.
WRITES = [
    (
        "save record",
        _record_url("session_record_edit"),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "share record",
        _record_url("session_record_share"),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "lock record",
        _record_url("session_record_lock"),
        {"organizer": 302, "facilitator": 302, "participant": 403, "stranger": 404},
    ),
    (
        "reopen record",
        _record_url("session_record_reopen"),
        {"organizer": 302, "facilitator": 403, "participant": 403, "stranger": 404},
    ),
    (
        "add action",
        _record_url("session_action_add"),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "update action",
        _action_update_url,
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "plan next session",
        _record_url("session_plan_next"),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "lock record of another session",
        lambda w: reverse("session_record_lock", args=[w["other_session"].pk]),
        {"organizer": 302, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "add action to another session",
        lambda w: reverse("session_action_add", args=[w["other_session"].pk]),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "update a missing action",
        lambda w: reverse("session_action_update", args=[w["session"].pk, MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 403, "stranger": 404},
    ),
]


# Outcome documents and the transfer log: an empty POST is a form error (200) for the team,
# or a refused release (302 with a message).


def _document_url(name, **kwargs):
    def url(w):
        from tests.mediation.outcomes.factories import OutcomeDocumentFactory

        return reverse(name, args=[OutcomeDocumentFactory(process=w["process"], **kwargs).pk])

    return url


def _process_url(name):
    return lambda w: reverse(name, args=[w["process"].pk])


def _feedback_url(w):
    from tests.mediation.outcomes.factories import BriefingFactory

    briefing = BriefingFactory(process=w["process"])
    return reverse("transfer_briefing_feedback", args=[w["process"].pk, briefing.pk])


TEAM_WRITES = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
WRITES += [
    ("start an outcome document", _process_url("outcome_list"), TEAM_WRITES),
    ("write a new version", _document_url("outcome_edit"), TEAM_WRITES),
    ("clear an outcome document", _document_url("outcome_clear"), TEAM_WRITES),
    (
        "release an outcome document",
        _document_url("outcome_release"),
        {**TEAM_WRITES, "organizer": 302, "facilitator": 302},
    ),
    ("add an official contact", _process_url("transfer_contact_add"), TEAM_WRITES),
    ("log a briefing", _process_url("transfer_briefing_add"), TEAM_WRITES),
    ("record what came back", _feedback_url, TEAM_WRITES),
]


# --- Pages that take both GET and POST, and POST-only URLs (security issue) ---------------
# REQUIRE_2FA is off here (tests/conftest.py): nobody owes a code, and nobody has a device,
# so the code page sends everyone to set one up. tests/accounts/test_two_factor.py covers
# the pages with REQUIRE_2FA on.

MATRIX_GET_AND_POST = [
    (
        "two-factor code",
        lambda w: reverse("two_factor_verify"),
        {"organizer": 302, "facilitator": 302, "participant": 302, "stranger": 302},
    ),
    (
        "two-factor setup",
        lambda w: reverse("two_factor_setup"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
]

# (name, url builder, form data builder, {persona: expected status})
MATRIX_POST = [
    (
        "give a consent in my own process",
        lambda w: reverse("my_consents_change"),
        lambda w: {"process": str(w["process"].pk), "kind": "listed", "action": "give"},
        {"organizer": 404, "facilitator": 404, "participant": 302, "stranger": 404},
    ),
    (
        "give a consent in a missing process",
        lambda w: reverse("my_consents_change"),
        lambda w: {"process": str(MISSING), "kind": "listed", "action": "give"},
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "expected"), WRITES, ids=[row[0] for row in WRITES])
def test_write_access_matrix(world, client, persona, name, url, expected):
    client.force_login(world[persona])
    response = client.post(url(world))
    assert response.status_code == expected_for(expected, persona), f"{persona} on {name}"


@pytest.mark.parametrize(("name", "url", "expected"), WRITES, ids=[row[0] for row in WRITES])
def test_anonymous_writes_are_sent_to_sign_in(world, client, name, url, expected):
    response = client.post(url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Writes whose GET shows their form or confirmation (those GETs are rows of MATRIX).
FORM_PAGE_WRITES = {
    "save record",
    "share record",
    "plan next session",
    "lock record",
    "lock record of another session",
    "start an outcome document",
    "write a new version",
    "record what came back",
}
POST_ONLY = [row for row in WRITES if row[0] not in FORM_PAGE_WRITES]


@pytest.mark.parametrize(("name", "url", "expected"), POST_ONLY, ids=[row[0] for row in POST_ONLY])
def test_write_endpoints_refuse_get(world, organizer, name, url, expected):
    client = Client()
    client.force_login(organizer)
    assert client.get(url(world)).status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "url", "expected"), MATRIX_GET_AND_POST, ids=[r[0] for r in MATRIX_GET_AND_POST]
)
def test_access_matrix_get_and_post_pages(world, client, persona, name, url, expected):
    client.force_login(world[persona])
    assert client.get(url(world)).status_code == expected_for(expected, persona), (
        f"{persona} on {name}"
    )


@pytest.mark.parametrize(
    ("name", "url", "expected"), MATRIX_GET_AND_POST, ids=[r[0] for r in MATRIX_GET_AND_POST]
)
def test_anonymous_visitors_are_sent_to_sign_in_from_get_and_post_pages(
    world, client, name, url, expected
):
    for method in (client.get, client.post):
        response = method(url(world))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "url", "data", "expected"), MATRIX_POST, ids=[r[0] for r in MATRIX_POST]
)
def test_access_matrix_posts(world, client, persona, name, url, data, expected):
    client.force_login(world[persona])
    response = client.post(url(world), data(world))
    assert response.status_code == expected_for(expected, persona), f"{persona} on {name}"


@pytest.mark.parametrize(
    ("name", "url", "data", "expected"), MATRIX_POST, ids=[r[0] for r in MATRIX_POST]
)
def test_post_only_urls_refuse_reads_and_anonymous_visitors(
    world, client, name, url, data, expected
):
    response = client.post(url(world), data(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(world["organizer"])
    assert client.get(url(world)).status_code == 405


def test_every_form_page_write_is_a_write():
    assert {row[0] for row in WRITES} >= FORM_PAGE_WRITES
