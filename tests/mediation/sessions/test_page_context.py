"""The session page has one builder: every section answers by one protocol, every response
shows every form of the page, and what a response shows is audited once."""

import re
import uuid

import pytest
from django.urls import reverse

from mediation import access
from mediation.models import ReadEvent, SessionRecord
from mediation.sessions.context import SECTIONS
from tests.factories import ActionItemFactory, AgendaItemFactory, SessionRecordFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def forms_of(response) -> list[str]:
    """The action of every form on the page, in order."""
    return re.findall(r'<form[^>]*\baction="([^"]*)"', response.content.decode())


@pytest.fixture
def planned(session):
    """A session with an agenda item, a record and an action: every section has content."""
    AgendaItemFactory(session=session)
    SessionRecordFactory(session=session, state=SessionRecord.State.DRAFT)
    ActionItemFactory(session=session)
    return session


def test_a_bad_plain_action_post_shows_the_page_with_every_form(planned, facilitator_client):
    url = planned.get_absolute_url()
    whole_page = forms_of(facilitator_client.get(url))
    response = facilitator_client.post(
        reverse("session_action_add", args=[planned.pk]),
        {"action-description": "", "action-status": "open", "action-submission": uuid.uuid4()},
    )
    assert response.status_code == 200
    assert forms_of(response) == whole_page
    assert reverse("session_agenda_add", args=[planned.pk]) in forms_of(response)


def test_a_bad_plain_action_update_keeps_what_was_typed_and_shows_every_form(
    planned, facilitator_client
):
    action = planned.action_items.get()
    prefix = f"action-{action.pk}"
    whole_page = forms_of(facilitator_client.get(planned.get_absolute_url()))
    response = facilitator_client.post(
        reverse("session_action_update", args=[planned.pk, action.pk]),
        {f"{prefix}-description": "Typed by hand", f"{prefix}-status": "nope"},
    )
    assert response.status_code == 200
    assert forms_of(response) == whole_page
    assert "Typed by hand" in response.content.decode()


def test_a_bad_plain_action_update_logs_one_record_read(planned, facilitator_client):
    action = planned.action_items.get()
    prefix = f"action-{action.pk}"
    response = facilitator_client.post(
        reverse("session_action_update", args=[planned.pk, action.pk]),
        {f"{prefix}-description": "Revised", f"{prefix}-status": "nope"},
    )
    assert response.status_code == 200
    events = ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD)
    assert list(events.values_list("times", flat=True)) == [1]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_each_response_of_the_page_logs_the_record_read_once(planned, facilitator_client, htmx):
    """The whole page and the record section show the notes; other sections do not."""
    headers = HTMX if htmx else {}
    facilitator_client.get(planned.get_absolute_url(), **headers)
    facilitator_client.post(
        reverse("session_agenda_add", args=[planned.pk]), {"title": ""}, **headers
    )
    # The whole page (a plain GET is always the page) and the bad agenda post: the page
    # when plain, the agenda section when htmx.
    # Both reads are the facilitator's within the hour: one event of the audit, counted.
    expected = 1 if htmx else 2
    events = ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD)
    assert list(events.values_list("times", flat=True)) == [expected]


def _successful_posts(session):
    item = session.agenda_items.get()
    action = session.action_items.get()
    prefix = f"action-{action.pk}"
    return {
        "agenda": (
            reverse("session_agenda_item_move", args=[session.pk, item.pk]),
            {"direction": "down"},
        ),
        "invitations": (
            reverse(
                "session_invitation_update",
                args=[session.pk, session.invitations.get().pk],
            ),
            {"role": "observer", "capacity": "personal"},
        ),
        "record": (reverse("session_record_lock", args=[session.pk]), {}),
        "actions": (
            reverse("session_action_update", args=[session.pk, action.pk]),
            {f"{prefix}-description": "Revised", f"{prefix}-status": "done"},
        ),
    }


@pytest.mark.parametrize("section", SECTIONS)
def test_a_plain_post_goes_back_to_its_section(planned, facilitator_client, section):
    url, data = _successful_posts(planned)[section]
    response = facilitator_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{planned.get_absolute_url()}#{section}"


@pytest.mark.parametrize("section", SECTIONS)
def test_an_htmx_post_gets_its_section_and_the_messages_out_of_band(
    planned, facilitator_client, section
):
    url, data = _successful_posts(planned)[section]
    body = facilitator_client.post(url, data, **HTMX).content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith(f'<section id="{section}"') or f'id="{section}"' in body
    assert body.count('id="messages"') == 1
    assert 'hx-swap-oob="innerHTML"' in body
    assert 'class="message message-' in body


def test_opening_a_session_asks_what_the_viewer_may_do_in_one_query(
    planned, facilitator, django_assert_num_queries
):
    with django_assert_num_queries(1):
        can = access.open_session(facilitator, planned.pk, edit=True)
    assert (can.edit, can.see_identities, can.see_process) == (True, True, True)
    assert can.administer_process is False


def test_what_a_participant_may_do_in_a_session(planned, participant):
    can = access.open_session(participant, planned.pk)
    assert (can.edit, can.see_identities, can.administer_process, can.see_process) == (
        False,
        False,
        False,
        False,
    )


def test_the_organizer_of_the_process_administers_it(planned, organizer):
    can = access.open_session(organizer, planned.pk)
    assert can.administer_process and can.edit and can.see_process
