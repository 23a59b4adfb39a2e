"""Every URL with every persona: who gets the page, who gets 403, who gets 404.

A stranger to an object gets the same 404 as for an object that does not exist; a member
without the right gets 403; an anonymous visitor is sent to sign in. Later issues add
their URLs here.
"""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")

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

PERSONAS = ["organizer", "facilitator", "participant", "stranger"]


@pytest.fixture
def world(session, other_session, process, personas):
    return {"session": session, "other_session": other_session, "process": process, **personas}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_access_matrix(world, client, persona, name, url, expected):
    client.force_login(world[persona])
    response = client.get(url(world))
    assert response.status_code == expected[persona], f"{persona} on {name}"


@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(world, client, name, url, expected):
    target = url(world)
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_pages_refuse_writes(world, organizer, name, url, expected):
    client = Client(enforce_csrf_checks=False)
    client.force_login(organizer)
    assert client.post(url(world)).status_code == 405


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
    [("organizer", 200), ("facilitator", 302), ("participant", 302), ("stranger", 302)],
)
def test_only_organizers_open_the_admin(world, client, persona, expected):
    client.force_login(world[persona])
    response = client.get(reverse("admin:index"))
    assert response.status_code == expected
    if expected == 302:
        assert reverse("admin:login") in response["Location"]


# --- Facilitator workspace: agenda builder and invitations --------------------------------
# Its GET pages are rows of MATRIX (above); forms that also accept POST, and POST-only
# writes, have their own tables, since test_pages_refuse_writes expects every MATRIX row to
# refuse POST.

EDITORS_ONLY = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
ORGANIZER_ONLY = {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404}


@pytest.fixture
def workspace_world(world):
    from tests.factories import AgendaItemFactory, InvitationFactory, ParticipantFactory

    session, other = world["session"], world["other_session"]
    guest = ParticipantFactory(name="Guest of the other session")
    return {
        **world,
        "item": AgendaItemFactory(session=session, position=1),
        "other_item": AgendaItemFactory(session=other, position=1),
        "invitation": InvitationFactory(session=session),
        "other_invitation": InvitationFactory(session=other, participant=guest),
        "guest": guest,
    }


def _in(w, own: bool):
    return {
        "session": w["session"] if own else w["other_session"],
        "item": w["item"] if own else w["other_item"],
        "invitation": w["invitation"] if own else w["other_invitation"],
    }


# (name, url builder(world, own), expected for the own session, and for the other session)
FORM_PAGES = [
    (
        "agenda item edit form",
        lambda w, own: reverse(
            "session_agenda_item_edit", args=[_in(w, own)["session"].pk, _in(w, own)["item"].pk]
        ),
    ),
]

WRITE_OK = {"organizer": 302, "facilitator": 302, "participant": 403, "stranger": 404}
WRITE_OTHER = {"organizer": 302, "facilitator": 404, "participant": 404, "stranger": 404}

# (name, url builder(world, own), data builder(world))
WRITES = [
    (
        "agenda add",
        lambda w, own: reverse("session_agenda_add", args=[_in(w, own)["session"].pk]),
        lambda w: {"title": "New item", "duration_minutes": "10"},
    ),
    (
        "agenda item edit",
        lambda w, own: reverse(
            "session_agenda_item_edit", args=[_in(w, own)["session"].pk, _in(w, own)["item"].pk]
        ),
        lambda w: {"title": "Renamed", "duration_minutes": "10"},
    ),
    (
        "agenda item remove",
        lambda w, own: reverse(
            "session_agenda_item_remove",
            args=[_in(w, own)["session"].pk, _in(w, own)["item"].pk],
        ),
        lambda w: {},
    ),
    (
        "agenda item move",
        lambda w, own: reverse(
            "session_agenda_item_move", args=[_in(w, own)["session"].pk, _in(w, own)["item"].pk]
        ),
        lambda w: {"direction": "down"},
    ),
    (
        "agenda reorder",
        lambda w, own: reverse("session_agenda_reorder", args=[_in(w, own)["session"].pk]),
        lambda w: {"item": [str(w["item"].pk)]},
    ),
    (
        "invitation add",
        lambda w, own: reverse("session_invitation_add", args=[_in(w, own)["session"].pk]),
        lambda w: {"participant": str(w["guest"].pk)},
    ),
    (
        "invitation update",
        lambda w, own: reverse(
            "session_invitation_update",
            args=[_in(w, own)["session"].pk, _in(w, own)["invitation"].pk],
        ),
        lambda w: {"role": "observer", "capacity": "personal"},
    ),
    (
        "invitation remove",
        lambda w, own: reverse(
            "session_invitation_remove",
            args=[_in(w, own)["session"].pk, _in(w, own)["invitation"].pk],
        ),
        lambda w: {},
    ),
]


@pytest.mark.parametrize("own", [True, False], ids=["own session", "other session"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url"), FORM_PAGES, ids=[row[0] for row in FORM_PAGES])
def test_workspace_form_pages(workspace_world, client, persona, name, url, own):
    client.force_login(workspace_world[persona])
    expected = (EDITORS_ONLY if own else ORGANIZER_ONLY)[persona]
    assert client.get(url(workspace_world, own)).status_code == expected, f"{persona} on {name}"


@pytest.mark.parametrize("own", [True, False], ids=["own session", "other session"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_workspace_writes(workspace_world, client, persona, name, url, data, own):
    client.force_login(workspace_world[persona])
    expected = (WRITE_OK if own else WRITE_OTHER)[persona]
    response = client.post(url(workspace_world, own), data(workspace_world))
    assert response.status_code == expected, f"{persona} on {name}"


@pytest.mark.parametrize(
    ("name", "url"),
    [(row[0], row[1]) for row in FORM_PAGES + WRITES],
    ids=[row[0] for row in FORM_PAGES + WRITES],
)
def test_anonymous_workspace_requests_are_sent_to_sign_in(workspace_world, client, name, url):
    for method in (client.get, client.post):
        response = method(url(workspace_world, True))
        if response.status_code == 405:
            continue
        assert response.status_code == 302, f"{method.__name__} {name}"
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "url", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_workspace_writes_refuse_get(workspace_world, organizer_client, name, url, data):
    if name == "agenda item edit":
        return  # the edit form is also a page (FORM_PAGES)
    assert organizer_client.get(url(workspace_world, True)).status_code == 405
