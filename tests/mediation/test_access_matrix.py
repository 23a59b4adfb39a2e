"""Every URL with every persona: who gets the page, who gets 403, who gets 404.

A stranger to an object gets the same 404 as for an object that does not exist; a member
without the right gets 403; an anonymous visitor is sent to sign in. Later issues add
their URLs here.
"""

import copy
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import make_cast, rows_for_the_module

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
EDITORS = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
OTHERS_ONLY = {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404}

# (name, url builder, {persona: expected status}); "anonymous" expects a login redirect.
MATRIX = [
    (
        "home",
        lambda w: reverse("home"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        "process list",
        lambda w: reverse("process_list"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        "own session",
        lambda w: w["session"].get_absolute_url(),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404},
    ),
    (
        "other session of the process",
        lambda w: w["other_session"].get_absolute_url(),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "missing session",
        lambda w: reverse("session_detail", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "process",
        lambda w: w["process"].get_absolute_url(),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "missing process",
        lambda w: reverse("process_detail", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    # Facilitator workspace (GET of pages that also take their form's POST: see FORM_PAGES).
    ("record editor", lambda w: reverse("session_record_edit", args=[w["session"].pk]), EDITORS),
    (
        "record editor of another session",
        lambda w: reverse("session_record_edit", args=[w["other_session"].pk]),
        OTHERS_ONLY,
    ),
    (
        "record share check",
        lambda w: reverse("session_record_share", args=[w["session"].pk]),
        EDITORS,
    ),
    (
        "plan the next session",
        lambda w: reverse("session_plan_next", args=[w["session"].pk]),
        EDITORS,
    ),
    (
        "plan after another session",
        lambda w: reverse("session_plan_next", args=[w["other_session"].pk]),
        OTHERS_ONLY,
    ),
    # --- Security issue: exports, consents, two-factor pages (GET only) ---
    (
        "attendance export",
        lambda w: reverse("session_attendance_export", args=[w["session"].pk]),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "attendance export of another session",
        lambda w: reverse("session_attendance_export", args=[w["other_session"].pk]),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "attendance export of a missing session",
        lambda w: reverse("session_attendance_export", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "my consents",
        lambda w: reverse("my_consents"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        # Shown once after enrolling; without codes waiting it sends the person on.
        "two-factor backup codes",
        lambda w: reverse("two_factor_backup_codes"),
        {"organizer": 302, "facilitator": 302, "participant": 302, "stranger": 302},
    ),
]


# --- Participant portal -------------------------------------------------------------------
# Extra keys a row may carry besides the personas: "method" ("post"; GET otherwise) and
# "data" (the POST body), "anonymous" (the status for a signed-out visitor, where it is not
# a redirect to sign in: the calendar feed and the invitation link need no sign-in), and
# "on_post" (what a POST to a GET row answers, 405 otherwise).


def _own_action(w):
    from tests.factories import ActionItemFactory

    return ActionItemFactory(session=w["session"], owner=w["participant"].participant)


def _feed_token(w, *, renewals=1):
    from mediation.services import calendar_token_renew

    tokens = [calendar_token_renew(participant=w["participant"].participant)]
    for _ in range(renewals - 1):
        tokens.append(calendar_token_renew(participant=w["participant"].participant))
    return tokens[0]


ALL_200 = {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200}
ALL_404 = {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404}

MATRIX += [
    ("my actions", lambda w: reverse("my_actions"), ALL_200),
    ("profile", lambda w: reverse("profile"), {**ALL_200, "on_post": 400}),
    (
        "password change",
        lambda w: reverse("password_change"),
        {**ALL_200, "on_post": 400},
    ),
    (
        "own session calendar",
        lambda w: reverse("session_calendar", args=[w["session"].pk]),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404},
    ),
    (
        "other session calendar",
        lambda w: reverse("session_calendar", args=[w["other_session"].pk]),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "missing session calendar",
        lambda w: reverse("session_calendar", args=[MISSING]),
        ALL_404,
    ),
    (
        "answer own invitation",
        lambda w: reverse("session_answer", args=[w["session"].pk]),
        {
            "organizer": 403,
            "facilitator": 403,
            "participant": 302,
            "stranger": 404,
            "method": "post",
            "data": {"response": "accepted"},
        },
    ),
    (
        "answer other session",
        lambda w: reverse("session_answer", args=[w["other_session"].pk]),
        {
            "organizer": 403,
            "facilitator": 404,
            "participant": 404,
            "stranger": 404,
            "method": "post",
            "data": {"response": "accepted"},
        },
    ),
    (
        "answer missing session",
        lambda w: reverse("session_answer", args=[MISSING]),
        {**ALL_404, "method": "post", "data": {"response": "accepted"}},
    ),
    (
        "mark own action done",
        lambda w: reverse("my_action_done", args=[_own_action(w).pk]),
        {
            "organizer": 404,
            "facilitator": 404,
            "participant": 302,
            "co_participant": 404,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "mark missing action done",
        lambda w: reverse("my_action_done", args=[MISSING]),
        {**ALL_404, "method": "post"},
    ),
    (
        "renew calendar token",
        lambda w: reverse("calendar_token_renew"),
        {
            "organizer": 404,
            "facilitator": 404,
            "participant": 302,
            "other_participant": 302,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "email invitations of own session",
        lambda w: reverse("session_invitations_send", args=[w["session"].pk]),
        {
            "organizer": 302,
            "facilitator": 302,
            "participant": 403,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "email invitations of other session",
        lambda w: reverse("session_invitations_send", args=[w["other_session"].pk]),
        {
            "organizer": 302,
            "facilitator": 404,
            "participant": 404,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "email invitations of missing session",
        lambda w: reverse("session_invitations_send", args=[MISSING]),
        {**ALL_404, "method": "post"},
    ),
    (
        "calendar feed, valid token",
        lambda w: reverse("calendar_feed", args=[_feed_token(w)]),
        {**ALL_200, "anonymous": 200},
    ),
    (
        "calendar feed, wrong token",
        lambda w: reverse("calendar_feed", args=["A" * 43]),
        {**ALL_404, "anonymous": 404},
    ),
    (
        "calendar feed, old token",
        lambda w: reverse("calendar_feed", args=[_feed_token(w, renewals=2)]),
        {**ALL_404, "anonymous": 404},
    ),
    (
        "calendar feed, missing token",
        lambda w: "/calendar/.ics",
        {**ALL_404, "anonymous": 404, "on_post": 404},
    ),
    (
        "invitation link, garbled",
        lambda w: reverse("invitation_accept", args=["MQ", "1-garbled"]),
        {
            "organizer": 400,
            "facilitator": 400,
            "participant": 400,
            "stranger": 400,
            "anonymous": 400,
            "on_post": 400,
        },
    ),
    # Facilitator workspace (more rows for its forms and writes at the end of this file).
    (
        "invitation search",
        lambda w: reverse("session_invitation_search", args=[w["session"].pk]) + "?q=a",
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "invitation search, other session",
        lambda w: reverse("session_invitation_search", args=[w["other_session"].pk]) + "?q=a",
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
]

PERSONAS = [
    "organizer",
    "facilitator",
    "participant",
    "stranger",
    "other_organizer",
    "other_facilitator",
    "other_participant",
    "co_participant",
]
# The attackers' personas expect what the persona they resemble expects, unless a row says
# otherwise: to the organizer's process, another process's organizer, facilitator and
# participant are strangers; a second invitee of the session is a participant like the first.
LIKE = {
    "other_organizer": "stranger",
    "other_facilitator": "stranger",
    "other_participant": "stranger",
    "co_participant": "participant",
}


def expected_for(expected: dict, persona: str):
    return expected.get(persona, expected.get(LIKE.get(persona, persona)))


def _request(client, url, expected):
    if expected.get("method") == "post":
        return client.post(url, expected.get("data", {}))
    return client.get(url)


@pytest.fixture(scope="module", autouse=True)
def _module_cast(django_db_setup, django_db_blocker):
    """Every persona of tests/conftest.py and their processes, made once for the module's
    ~540 tests instead of before each; every test starts from these rows (tests/personas.py)."""
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            cast = make_cast(co_participant=True)
        yield cast


@pytest.fixture
def world(_module_cast, db):
    """This test's copy: the session, the other session of the process, the process, and
    every persona, the attackers' included (their foreign process and session exist)."""
    cast = copy.deepcopy(_module_cast)
    return {
        "session": cast["session"],
        "other_session": cast["other_session"],
        "process": cast["process"],
        **{name: cast[name] for name in PERSONAS},
    }


# The shared fixtures of the same name, taken from the world rather than made again.
@pytest.fixture
def organizer(world):
    return world["organizer"]


@pytest.fixture
def participant(world):
    return world["participant"]


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


# Pages that also take their form's POST: that POST is checked in WRITES, not here.
FORM_PAGES = {
    "record editor",
    "record editor of another session",
    "record share check",
    "plan the next session",
    "plan after another session",
}
READ_ONLY_PAGES = [row for row in MATRIX if row[0] not in FORM_PAGES]


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
# organizers of other processes: tests/mediation/test_admin_devices.py.


# --- Facilitator workspace: the session record, actions, next round ----------------------
# Pages that also accept a POST (their form) are listed in FORM_PAGES, which the GET-only
# check above leaves out; every POST endpoint is walked with every persona in WRITES.


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


# --- Pages that take both GET and POST, and POST-only URLs (security issue) ---------------
# REQUIRE_2FA is off here (tests/conftest.py): nobody owes a code, and nobody has a device,
# so the code page sends everyone to set one up. tests/mediation/test_two_factor.py covers
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


# Endpoints whose GET shows their form (checked in MATRIX), so they do not refuse it.
FORM_ENDPOINTS = {"save record", "share record", "plan next session"}
POST_ONLY = [row for row in WRITES if row[0] not in FORM_ENDPOINTS]


def test_the_form_endpoints_left_out_are_rows_of_the_writes():
    assert {row[0] for row in WRITES} >= FORM_ENDPOINTS


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
