"""Every URL with every persona and every HTTP method: a clear answer, never a 500.

The URLs are discovered from the resolver (see walker.py), so pages added later are walked
without touching this file. Per URL:

- a stranger on our objects, and everyone on another process's objects, gets exactly what
  an id that exists nowhere gets (status and body);
- nested ids: our session with another process's item inside it looks missing too;
- anonymous visitors are sent to sign in (or told the method is not allowed);
- PUT, PATCH and DELETE are refused with a 4xx;
- nothing changes in the database when a write is refused.
"""

import contextlib

import pytest
from django.db import transaction

from mediation.models import DialogueSession

from .walker import (
    METHODS,
    SHARED_MODELS,
    assert_clean,
    changed_tables,
    discover,
    fill,
    is_login_redirect,
    model_for,
    snapshot,
    without_per_response_tokens,
)

ROUTES = discover()
SIGNED_IN = ["organizer", "facilitator", "participant", "stranger"]
# People of another process: on our objects they are strangers like any other.
STRANGERS_TO_US = ["stranger", "other_organizer", "other_facilitator", "other_participant"]


def send(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    if method == "HEAD":
        return client.head(url)
    if method == "POST":
        return client.post(url, {})
    return client.generic(method, url, "x=1", content_type="application/x-www-form-urlencoded")


def test_the_walker_finds_the_pages_we_know(db):
    names = {route.name for route in ROUTES}
    assert {"home", "process_detail", "session_detail", "glossary:term"} <= names
    assert not any(route.route.startswith("admin") for route in ROUTES)


def test_a_snapshot_sees_a_write_made_after_the_one_it_remembers(world):
    session = world["own"]["mediation.DialogueSession"]
    before = snapshot()
    assert snapshot() == before

    DialogueSession.objects.filter(pk=session.pk).update(title="Changed behind its back")

    assert changed_tables(before, snapshot()) == ["mediation.DialogueSession"]


def test_a_write_rolled_back_leaves_the_snapshot_as_it_was(world):
    session = world["own"]["mediation.DialogueSession"]
    before = snapshot()

    with contextlib.suppress(RuntimeError), transaction.atomic():
        DialogueSession.objects.filter(pk=session.pk).update(title="Undone")
        raise RuntimeError

    assert changed_tables(before, snapshot()) == []


def test_the_personas_are_really_signed_in(world, clients):
    """If sign-in needed another step (a second factor) the walk below would only ever see
    redirects and prove nothing: this pins that each persona reaches its pages."""
    for persona in ("organizer", "facilitator", "participant", "stranger"):
        assert clients[persona].get("/").status_code == 200, persona
    session = world["own"]["mediation.DialogueSession"].get_absolute_url()
    for persona in ("organizer", "facilitator", "participant"):
        assert clients[persona].get(session).status_code == 200, persona
    assert clients["organizer"].get("/admin/").status_code == 200


@pytest.mark.parametrize("route", [r for r in ROUTES if r.uuid_params], ids=str)
def test_every_id_parameter_names_a_known_model(route):
    for name in route.uuid_params:
        model_for(route, name)


def _assert_looks_missing(clients, persona, hidden_url, missing_url, label):
    for method in ("GET", "POST"):
        before = snapshot() if method == "POST" else None
        hidden = send(clients[persona], method, hidden_url)
        missing = send(clients[persona], method, missing_url)
        what = f"{persona} {method} {hidden_url} ({label})"
        assert_clean(hidden, what)
        assert_clean(missing, what)
        # Under our own session, a member without the right to change it (a participant)
        # is refused with 403 before the nested id is looked at, for a foreign id and a
        # missing one alike; anywhere else a hidden object is a 404.
        allowed = {403, 404, 405} if label == "foreign object under our own" else {404, 405}
        assert hidden.status_code in allowed, what
        assert hidden.status_code == missing.status_code, what
        assert without_per_response_tokens(hidden.content) == without_per_response_tokens(
            missing.content
        ), f"{what}: differs from a missing object"
        if before is not None:
            assert changed_tables(before, snapshot()) == [], what


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_persona_and_method_gets_a_clean_answer(route, world, clients):
    own = fill(route, world, ["own"])

    # Hidden objects first, while nothing has been written yet.
    if route.uuid_params:
        missing = fill(route, world, ["missing"])
        for persona in STRANGERS_TO_US:
            _assert_looks_missing(clients, persona, own, missing, "stranger on our object")
        models = [model_for(route, name) for name in route.uuid_params]
        foreign = fill(route, world, ["foreign"])
        for persona in SIGNED_IN:
            if persona == "organizer" and SHARED_MODELS & set(models):
                continue
            _assert_looks_missing(clients, persona, foreign, missing, "another process")
        if len(route.uuid_params) > 1:
            mixed = fill(route, world, ["own", "foreign"])
            mixed_missing = fill(route, world, ["own", "missing"])
            for persona in SIGNED_IN:
                if persona == "organizer" and SHARED_MODELS & set(models[1:]):
                    continue
                _assert_looks_missing(
                    clients, persona, mixed, mixed_missing, "foreign object under our own"
                )

    for method in METHODS:
        before = snapshot() if method not in {"GET", "HEAD"} else None
        response = send(clients["anonymous"], method, own)
        what = f"anonymous {method} {own}"
        assert_clean(response, what)
        if not route.is_public:
            assert is_login_redirect(response) or response.status_code in {404, 405}, what
            if method == "GET" and response.status_code != 405:
                assert is_login_redirect(response), what
        if before is not None and (response.status_code >= 300 or not route.is_public):
            assert changed_tables(before, snapshot()) == [], what

    for persona in SIGNED_IN:
        for method in METHODS:
            before = snapshot() if method not in {"GET", "HEAD"} else None
            response = send(clients[persona], method, own)
            what = f"{persona} {method} {own}"
            assert_clean(response, what)
            if method in {"PUT", "PATCH", "DELETE"}:
                assert 400 <= response.status_code < 500, what
            refused = response.status_code >= 400 or (
                method == "POST" and response.status_code == 200
            )
            if before is not None and (refused or method != "POST"):
                assert changed_tables(before, snapshot()) == [], what
