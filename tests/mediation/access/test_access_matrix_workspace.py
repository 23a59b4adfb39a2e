"""The access matrix of the agenda builder and invitations: every form page and write,
with every persona, on the persona's own session and on another session of the process.

Kept apart from test_access_matrix_pages.py and test_access_matrix_writes.py (whose rows
are in matrix.py) because these rows need their own world (agenda items, invitations) and
data builders.
"""

import copy

import pytest
from django.urls import reverse

from tests.mediation.access.matrix import PERSONAS, expected_for
from tests.personas import make_cast, rows_for_the_module


@pytest.fixture(scope="module", autouse=True)
def _module_world(django_db_setup, django_db_blocker):
    """The personas, their processes and the workspace objects below, made once for the
    module's ~160 tests; every test starts from these rows (tests/personas.py)."""
    from tests.factories import AgendaItemFactory, InvitationFactory, ParticipantFactory

    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            cast = make_cast(co_participant=True)
            session, other = cast["session"], cast["other_session"]
            guest = ParticipantFactory(name="Guest of the other session")
            world = {
                "session": session,
                "other_session": other,
                "process": cast["process"],
                **{name: cast[name] for name in PERSONAS},
                "item": AgendaItemFactory(session=session, position=1),
                "other_item": AgendaItemFactory(session=other, position=1),
                "invitation": InvitationFactory(session=session),
                "other_invitation": InvitationFactory(session=other, participant=guest),
                "guest": guest,
            }
        yield world


@pytest.fixture
def workspace_world(_module_world, db):
    """This test's copy: the session, the other session of the process, the process, every
    persona, and an agenda item and an invitation in each session."""
    return copy.deepcopy(_module_world)


@pytest.fixture
def organizer(workspace_world):
    """The shared fixture's organizer, taken from the world rather than made again."""
    return workspace_world["organizer"]


# --- Facilitator workspace: agenda builder and invitations --------------------------------
# Its GET pages are rows of MATRIX (matrix.py); forms that also accept POST, and POST-only
# writes, have their own tables, since test_pages_refuse_writes expects every MATRIX row to
# refuse POST.

EDITORS_ONLY = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
ORGANIZER_ONLY = {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404}


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
    (
        "invitation edit form",
        lambda w, own: reverse(
            "session_invitation_update",
            args=[_in(w, own)["session"].pk, _in(w, own)["invitation"].pk],
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
    expected = expected_for(EDITORS_ONLY if own else ORGANIZER_ONLY, persona)
    assert client.get(url(workspace_world, own)).status_code == expected, f"{persona} on {name}"


@pytest.mark.parametrize("own", [True, False], ids=["own session", "other session"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url", "data"), WRITES, ids=[row[0] for row in WRITES])
def test_workspace_writes(workspace_world, client, persona, name, url, data, own):
    client.force_login(workspace_world[persona])
    expected = expected_for(WRITE_OK if own else WRITE_OTHER, persona)
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
    if name in ("agenda item edit", "invitation update"):
        return  # the edit form is also a page (FORM_PAGES)
    assert organizer_client.get(url(workspace_world, True)).status_code == 405
