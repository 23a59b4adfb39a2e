"""The admin is a door like any other: every admin page of every model, with every persona.

The pages are found from the admin site's registry (a model registered later is walked
without touching this file). Per model admin: the changelist, the add page, and the change,
delete and history pages of an object of our process, of the foreign process and of an id
that exists nowhere; every autocomplete field; every action with the other process's ids.

- Anyone who is not an organizer is sent to the admin's sign-in, and a POST changes nothing.
- An organizer on the other process's object gets exactly what a missing id gets, GET or
  POST, and nothing changes; their lists, searches and pickers never show it.
- Forged POSTs on a person's identity fields change nothing unless the organizer runs every
  process the person is in.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from mediation.models import Participant

from .walker import (
    MISSING,
    WORLD_LABELS,
    assert_clean,
    changed_tables,
    snapshot,
    without_per_response_tokens,
)

NOT_ORGANIZERS = ["facilitator", "participant", "stranger", "other_facilitator", "anonymous"]


def _admins():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label == "mediation"
        ),
        key=lambda pair: pair[0].__name__,
    )


ADMINS = _admins()
IDS = [model.__name__ for model, _ in ADMINS]


def _url(model, view: str, *args) -> str | None:
    """The admin page's address, or None where this admin has no such page (the two-factor
    console is a list only)."""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _object_urls(model, pk) -> list[str]:
    urls = [_url(model, view, pk) for view in ("change", "delete", "history")]
    return [url for url in urls if url]


def _rows(world, side: str, model) -> list:
    """The world's objects of this model on one side ("own" or "foreign")."""
    return [obj for obj in world[side].values() if type(obj) is model]


def _text(response) -> str:
    return without_per_response_tokens(response.content)


def test_the_admin_walk_covers_every_model_of_the_dialogue_work(db):
    walked = {model.__name__ for model, _ in ADMINS}
    assert {"Participant", "DialogueProcess", "SessionRecord", "Consent", "ReadEvent"} <= walked


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=IDS)
def test_only_organizers_pass_the_admins_door(model, model_admin, world, clients):
    own = next(iter(_rows(world, "own", model)), None)
    urls = [url for url in (_url(model, "changelist"), _url(model, "add")) if url]
    if own is not None:
        urls += _object_urls(model, own.pk)
    for persona in NOT_ORGANIZERS:
        for url in urls:
            for method in ("get", "post"):
                before = snapshot() if method == "post" else None
                response = getattr(clients[persona], method)(url, {"name": "x"})
                what = f"{persona} {method.upper()} {url}"
                assert_clean(response, what)
                assert response.status_code == 302, what
                assert response["Location"].startswith(reverse("admin:login")), what
                if before is not None:
                    assert changed_tables(before, snapshot()) == [], what


def _organizer_of_the_other_side(side: str) -> str:
    """The organizer for whom objects of `side` belong to a process they do not run."""
    return "other_organizer" if side == "own" else "organizer"


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=IDS)
@pytest.mark.parametrize("side", ["own", "foreign"])
def test_another_process_objects_look_missing_to_an_organizer(
    model, model_admin, world, clients, side
):
    persona = _organizer_of_the_other_side(side)
    client = clients[persona]
    for obj in _rows(world, side, model):
        for hidden_url, missing_url in zip(
            _object_urls(model, obj.pk), _object_urls(model, MISSING), strict=True
        ):
            for method in ("get", "post"):
                before = snapshot() if method == "post" else None
                hidden = getattr(client, method)(hidden_url, {"name": "Taken over", "post": "yes"})
                missing = getattr(client, method)(
                    missing_url, {"name": "Taken over", "post": "yes"}
                )
                what = f"{persona} {method.upper()} {hidden_url}"
                assert_clean(hidden, what)
                assert hidden.status_code == missing.status_code, what
                assert hidden.get("Location") == missing.get("Location"), what
                if hidden.status_code == 200:
                    assert _text(hidden) == _text(missing).replace(str(MISSING), str(obj.pk)), what
                if before is not None:
                    assert changed_tables(before, snapshot()) == [], what


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=IDS)
@pytest.mark.parametrize("side", ["own", "foreign"])
def test_lists_and_searches_never_show_another_process_objects(
    model, model_admin, world, clients, side
):
    persona = _organizer_of_the_other_side(side)
    hidden = [str(obj.pk) for obj in _rows(world, side, model)]
    for query in ({}, {"q": "a"}, {"q": "Session"}, {"q": "Outsider"}, {"q": "Amina"}):
        response = clients[persona].get(_url(model, "changelist"), query)
        assert_clean(response, f"{persona} {model.__name__} {query}")
        assert response.status_code == 200
        for pk in hidden:
            assert pk not in response.content.decode(), f"{persona} sees {model.__name__} {pk}"


def _autocomplete_fields():
    for model, model_admin in ADMINS:
        holders = [model_admin, *[inline(model, admin.site) for inline in model_admin.inlines]]
        for holder in holders:
            for field in holder.autocomplete_fields:
                yield holder.model, field


AUTOCOMPLETE = sorted(set(_autocomplete_fields()), key=lambda p: (p[0].__name__, p[1]))


@pytest.mark.parametrize(
    ("model", "field"), AUTOCOMPLETE, ids=[f"{m.__name__}.{f}" for m, f in AUTOCOMPLETE]
)
@pytest.mark.parametrize("side", ["own", "foreign"])
def test_autocomplete_never_offers_another_process_objects(world, clients, model, field, side):
    persona = _organizer_of_the_other_side(side)
    target = model._meta.get_field(field).related_model
    hidden = {str(obj.pk) for obj in _rows(world, side, target)}
    for term in ("", "a", "Amina", "Boris", "Outsider", "Participant"):
        response = clients[persona].get(
            reverse("admin:autocomplete"),
            {
                "app_label": model._meta.app_label,
                "model_name": model._meta.model_name,
                "field_name": field,
                "term": term,
            },
        )
        if response.status_code == 403:  # a picker only superusers get (accounts)
            assert target is User, f"{model.__name__}.{field}"
            continue
        assert response.status_code == 200
        offered = {row["id"] for row in json.loads(response.content)["results"]}
        assert not offered & hidden, f"{persona} finds {target.__name__} by {term!r}"


# Actions need objects to act on: the admins of models the world has objects of.
ADMINS_WITH_ROWS = [(model, a) for model, a in ADMINS if model._meta.label in WORLD_LABELS]


@pytest.mark.parametrize(
    ("model", "model_admin"),
    ADMINS_WITH_ROWS,
    ids=[model.__name__ for model, _ in ADMINS_WITH_ROWS],
)
def test_actions_with_another_process_ids_change_nothing(model, model_admin, world, clients):
    foreign = [str(obj.pk) for obj in _rows(world, "foreign", model)]
    assert foreign, f"no {model.__name__} of the foreign process in the world"
    request = RequestFactory().get(_url(model, "changelist"))
    request.user = world["users"]["organizer"]
    actions = model_admin.get_actions(request)
    for name in actions:
        before = snapshot()
        response = clients["organizer"].post(
            _url(model, "changelist"),
            {"action": name, "_selected_action": foreign, "post": "yes", "apply": "1"},
        )
        what = f"organizer {name} on {model.__name__} of another process"
        assert_clean(response, what)
        assert changed_tables(before, snapshot()) == [], what


# --- Who a person is --------------------------------------------------------------------------

IDENTITY_FORGERIES = {
    "name": "Someone Else",
    "email": "attacker@example.net",
    "identity_protected": "",
    "pseudonym": "",
}


def _forge(client, person: Participant, user_id) -> None:
    """The person's change form as a browser sends it, identity fields rewritten."""
    data = {
        "category": person.category,
        "affiliation": person.affiliation,
        "country": person.country,
        "languages": person.languages,
        "expertise": person.expertise,
        "user": str(user_id),
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
        **{k: v for k, v in IDENTITY_FORGERIES.items() if v},
    }
    client.post(_url(Participant, "change", person.pk), data)


def _identity(person: Participant) -> tuple:
    return tuple(
        Participant.objects.filter(pk=person.pk).values_list(*Participant.IDENTITY_FIELDS).get()
    )


@pytest.mark.parametrize("persona", ["organizer", "other_organizer"])
def test_forged_identity_changes_are_ignored_unless_the_organizer_runs_every_process(
    world, clients, persona
):
    person = world["own"]["mediation.Participant"]
    # The person now also takes part in the foreign process: neither organizer runs both.
    world["foreign"]["mediation.DialogueSession"].invitations.create(participant=person)
    person.identity_protected, person.pseudonym = True, "Delta"
    person.save()
    before, rows = _identity(person), snapshot()
    attacker = world["users"][persona]
    _forge(clients[persona], person, attacker.pk)
    assert _identity(person) == before
    changed = set(changed_tables(rows, snapshot()))
    # At most the person's bookkeeping (updated_at) and its history row may move.
    assert changed <= {"mediation.Participant", "mediation.HistoricalParticipant"}


def test_an_organizer_who_runs_every_process_of_a_person_may_correct_who_they_are(world, clients):
    person = world["own"]["mediation.Participant"]
    _forge(clients["organizer"], person, person.user_id)
    person.refresh_from_db()
    assert (person.name, person.email) == ("Someone Else", "attacker@example.net")
    assert person.user.email == "attacker@example.net"
    # The account link stays: only a superuser links accounts.
    assert person.user_id == world["users"]["participant"].pk


def test_a_random_id_is_no_door_either(world, clients):
    for model, _admin in ADMINS:
        url = _url(model, "change", uuid.uuid4())
        if url is not None:
            assert clients["organizer"].get(url).status_code in {302, 404}, model.__name__
