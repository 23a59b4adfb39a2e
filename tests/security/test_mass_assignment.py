"""Mass assignment: fields a form does not offer are ignored, and ids it does offer only
accept one's own objects.

Generic part: every POST form found on every discovered page (as each persona) is sent back
as a browser would, plus fields an attacker would add (`is_staff`, `role`, `session`,
`version`, `id`, another process's ids...). Explicit part: sign-in and the admin forms.
"""

import pytest
from django.contrib.auth.models import User
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from mediation.models import DialogueSession, Invitation, SessionRecord
from tests.factories import PASSWORD

from .page_forms import SAME_PAGE_AS, action_name, form_kind, main_form, writable_forms
from .walker import assert_clean, changed_tables, discover, fill, snapshot

ROUTES = discover()


def _extras(world) -> dict:
    foreign = world["foreign"]
    stranger = world["users"]["stranger"]
    return {
        "is_staff": "on",
        "is_superuser": "on",
        "is_active": "on",
        "groups": "1",
        "user": str(stranger.pk),
        "user_id": str(stranger.pk),
        "role": "facilitator",
        "session": str(foreign["mediation.DialogueSession"].pk),
        "session_id": str(foreign["mediation.DialogueSession"].pk),
        "process": str(foreign["mediation.DialogueProcess"].pk),
        "process_id": str(foreign["mediation.DialogueProcess"].pk),
        "participant": str(foreign["mediation.Participant"].pk),
        "invitation": str(foreign["mediation.Invitation"].pk),
        "version": "999",
        "id": str(foreign["mediation.SessionRecord"].pk),
        "pk": str(foreign["mediation.DialogueSession"].pk),
        "state": "locked",
        "archived_at": "2020-01-01 00:00",
        "created_at": "2000-01-01 00:00",
        "updated_by": str(stranger.pk),
        "facilitators": str(stranger.pk),
        "organizers": str(stranger.pk),
    }


def _people():
    return {
        u.pk: (
            u.is_staff,
            u.is_superuser,
            u.is_active,
            sorted(u.groups.values_list("pk", flat=True)),
        )
        for u in User.objects.all()
    }


def _state_of(objects: dict) -> dict:
    return {
        label: model_to_dict(type(obj)._base_manager.get(pk=obj.pk))
        for label, obj in objects.items()
    }


def _assert_only_own_objects_changed(world, people_before, foreign_before, own_before):
    assert _people() == people_before, "a user's rights changed"
    assert _state_of(world["foreign"]) == foreign_before, "another process's objects changed"
    own_after = _state_of(world["own"])
    invitation = "mediation.Invitation"
    assert own_after[invitation]["role"] == own_before[invitation]["role"]
    assert own_after[invitation]["session"] == own_before[invitation]["session"]
    assert own_after[invitation]["participant"] == own_before[invitation]["participant"]
    record = "mediation.SessionRecord"
    assert own_after[record]["version"] - own_before[record]["version"] in {0, 1}
    assert own_after[record]["session"] == own_before[record]["session"]
    assert own_after[record]["updated_by"] != world["users"]["stranger"].pk
    for label in ("mediation.DialogueSession", "mediation.AgendaItem", "mediation.ActionItem"):
        for key in ("process", "session"):
            if key in own_before[label]:
                assert own_after[label][key] == own_before[label][key], f"{label}.{key}"
    session = DialogueSession.objects.get(pk=world["own"]["mediation.DialogueSession"].pk)
    assert session.archived_at is None
    assert not session.facilitators.filter(pk=world["users"]["stranger"].pk).exists()
    assert not SessionRecord.objects.filter(version=999).exists()


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_extra_fields_on_every_form_change_nothing_they_should_not(route, world, clients):
    url = fill(route, world, ["own"])
    extras = _extras(world)
    for persona in ("organizer", "facilitator", "participant"):
        page = clients[persona].get(url)
        attacked = set()
        for form in writable_forms(page, url):
            # Each kind of form once per persona (the edit forms of two action items run
            # the same code); a page shown again by another route is walked at that route.
            kind = form_kind(form)
            if kind in attacked or (
                route.name in SAME_PAGE_AS and action_name(form) != route.name
            ):
                continue
            attacked.add(kind)
            if form.action.rstrip("/").endswith("/remove"):
                # Removing is the whole of what these forms do (the walk and the CSRF tests
                # cover them); here they would take the world's own objects away.
                continue
            offered = {f.name for f in form.fields}
            added = {k: v for k, v in extras.items() if k not in offered}
            people, foreign, own = _people(), _state_of(world["foreign"]), _state_of(world["own"])
            before = snapshot()
            response = clients[persona].post(form.action, form.data(**added))
            what = f"{persona} posting the form of {url} to {form.action}"
            assert_clean(response, what)
            _assert_only_own_objects_changed(world, people, foreign, own)
            if response.status_code >= 400:
                assert changed_tables(before, snapshot()) == [], what


def test_signing_in_with_extra_fields_grants_nothing(participant):
    client = Client()
    people = _people()
    response = client.post(
        reverse("login"),
        {
            "username": "participant",
            "password": PASSWORD,
            "is_staff": "on",
            "is_superuser": "on",
            "groups": "1",
            "role": "organizer",
        },
    )
    assert response.status_code == 302
    assert _people() == people
    assert client.get(reverse("admin:index")).status_code == 302


def _admin_form(client, url):
    return main_form(client.get(url), url)


def test_the_admin_session_form_ignores_ids_and_bookkeeping_fields(world, organizer_client):
    session = world["own"]["mediation.DialogueSession"]
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    form = _admin_form(organizer_client, url)
    people, foreign, own = _people(), _state_of(world["foreign"]), _state_of(world["own"])
    created = session.created_at
    extras = {k: v for k, v in _extras(world).items() if k not in {f.name for f in form.fields}}
    response = organizer_client.post(url, form.data(title="Renamed by organizer", **extras))
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.title == "Renamed by organizer"
    assert session.created_at == created
    assert session.process == world["own"]["mediation.DialogueProcess"]
    _assert_only_own_objects_changed(world, people, foreign, own)


@pytest.mark.parametrize(
    ("model", "field", "target"),
    [
        ("dialoguesession", "process", "mediation.DialogueProcess"),
        ("invitation", "session", "mediation.DialogueSession"),
        ("agendaitem", "session", "mediation.DialogueSession"),
        ("agendaitem", "topic", "mediation.Topic"),
        ("actionitem", "session", "mediation.DialogueSession"),
        ("topic", "process", "mediation.DialogueProcess"),
        ("side", "process", "mediation.DialogueProcess"),
        ("sessionrecord", "session", "mediation.DialogueSession"),
    ],
)
def test_the_admin_refuses_another_process_objects_as_choices(
    world, organizer_client, model, field, target
):
    label = {
        "dialoguesession": "mediation.DialogueSession",
        "invitation": "mediation.Invitation",
        "agendaitem": "mediation.AgendaItem",
        "actionitem": "mediation.ActionItem",
        "topic": "mediation.Topic",
        "side": "mediation.Side",
        "sessionrecord": "mediation.SessionRecord",
    }[model]
    obj = world["own"][label]
    url = reverse(f"admin:mediation_{model}_change", args=[obj.pk])
    form = _admin_form(organizer_client, url)
    before = snapshot()
    response = organizer_client.post(url, form.data(**{field: str(world["foreign"][target].pk)}))
    # Refused as an invalid choice, or not a field of the form at all (the way to an
    # existing object's process is read-only; records are read-only), so never taken.
    if response.status_code == 200:
        assert "Select a valid choice" in response.content.decode()
        assert changed_tables(before, snapshot()) == []
    else:
        assert response.status_code in {302, 403}, response.status_code
    assert getattr(type(obj).objects.get(pk=obj.pk), f"{field}_id") == getattr(obj, f"{field}_id")


def test_the_admin_record_form_ignores_a_posted_version(world, organizer_client):
    record = world["own"]["mediation.SessionRecord"]
    url = reverse("admin:mediation_sessionrecord_change", args=[record.pk])
    version = record.version
    response = organizer_client.post(
        url, {"version": "999", "updated_by": str(world["users"]["stranger"].pk)}
    )
    # Records change through the record services only: the admin shows them read-only.
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.version == version
    assert record.updated_by_id != world["users"]["stranger"].pk


@pytest.mark.parametrize(
    ("prefix", "label"),
    [("agenda_items", "mediation.AgendaItem"), ("invitations", "mediation.Invitation")],
)
def test_an_inline_row_cannot_take_over_another_session_row(
    world, organizer_client, prefix, label
):
    """The admin's inline rows carry their ids in hidden fields: swapping one for another
    session's row must not move or change that row."""
    session = world["own"]["mediation.DialogueSession"]
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    form = _admin_form(organizer_client, url)
    foreign = world["foreign"][label]
    foreign_state = model_to_dict(type(foreign).objects.get(pk=foreign.pk))
    before = snapshot()
    response = organizer_client.post(url, form.data(**{f"{prefix}-0-id": str(foreign.pk)}))
    assert_clean(response, f"{prefix} inline with a foreign id")
    assert response.status_code == 200
    assert model_to_dict(type(foreign).objects.get(pk=foreign.pk)) == foreign_state
    assert changed_tables(before, snapshot()) == []


def test_a_participant_cannot_become_someone_else_through_an_invitation_form(
    world, organizer_client
):
    invitation = world["own"]["mediation.Invitation"]
    url = reverse("admin:mediation_invitation_change", args=[invitation.pk])
    form = _admin_form(organizer_client, url)
    response = organizer_client.post(
        url, form.data(id=str(world["foreign"]["mediation.Invitation"].pk), note="kept")
    )
    assert response.status_code == 302
    assert Invitation.objects.get(pk=world["foreign"]["mediation.Invitation"].pk).note == ""
    assert Invitation.objects.get(pk=invitation.pk).note == "kept"
