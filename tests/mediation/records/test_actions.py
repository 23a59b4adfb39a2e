"""Follow-up actions: added from the record area, changed by editors, one per submitted form."""

import uuid

import pytest
from django.urls import reverse

from mediation.models import ActionItem, Invitation
from tests.factories import (
    ActionItemFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def add_url(session):
    return reverse("session_action_add", args=[session.pk])


def add_data(session, participant, **extra):
    return {
        "action-description": "Draft a note on water sharing",
        "action-owner": str(participant.participant.pk),
        "action-due_date": "2030-03-01",
        "action-topic": "",
        "action-status": "open",
        "action-submission": str(uuid.uuid4()),
        **extra,
    }


def test_an_editor_adds_an_action_owned_by_an_invited_person(
    session, participant, facilitator_client
):
    topic = TopicFactory(process=session.process)
    response = facilitator_client.post(
        add_url(session), add_data(session, participant, **{"action-topic": str(topic.pk)})
    )
    assert response.status_code == 302
    action = ActionItem.objects.get(session=session)
    assert action.owner == participant.participant
    assert action.topic == topic
    assert str(action.due_date) == "2030-03-01"
    assert action.history.count() == 1


def test_a_facilitator_with_a_participant_profile_may_own_an_action(
    session, facilitator, facilitator_client, participant
):
    profile = ParticipantFactory(user=facilitator)
    InvitationFactory(session=session, participant=profile, role=Invitation.Role.FACILITATOR)
    data = add_data(session, participant, **{"action-owner": str(profile.pk)})
    assert facilitator_client.post(add_url(session), data).status_code == 302
    assert ActionItem.objects.get().owner == profile


def test_sending_the_same_form_twice_creates_one_action(session, participant, facilitator_client):
    data = add_data(session, participant)
    first = facilitator_client.post(add_url(session), data)
    second = facilitator_client.post(add_url(session), data, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "already added" in second.content.decode()
    assert ActionItem.objects.filter(session=session).count() == 1


def test_the_same_token_on_another_session_creates_nothing(
    session, participant, organizer_client, other_session
):
    data = add_data(session, participant)
    organizer_client.post(add_url(session), data)
    data["action-owner"] = ""
    response = organizer_client.post(add_url(other_session), data, follow=True)
    assert "already sent" in response.content.decode()
    assert ActionItem.objects.count() == 1
    assert not ActionItem.objects.filter(session=other_session).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("action-owner", "foreign"),
        ("action-owner", "not-a-uuid"),
        ("action-topic", "foreign"),
        ("action-due_date", "2030-02-30"),
        ("action-due_date", "1850-01-01"),
        ("action-description", "with a \x00 byte"),
        ("action-description", "x" * 2001),
        ("action-description", ""),
        ("action-status", "finished"),
        ("action-submission", ""),
    ],
)
def test_bad_input_is_a_field_error_and_saves_nothing(
    session, participant, facilitator_client, field, value
):
    if value == "foreign" and field == "action-owner":
        value = str(ParticipantFactory().pk)  # exists, but not invited to this session
    if value == "foreign" and field == "action-topic":
        value = str(TopicFactory().pk)  # a topic of another process
    data = add_data(session, participant, **{field: value})
    response = facilitator_client.post(add_url(session), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "errorlist" in content
    if field != "action-description":
        assert "Draft a note on water sharing" in content  # what was typed is kept
    assert not ActionItem.objects.exists()


def test_htmx_add_returns_the_actions_section(session, participant, facilitator_client):
    response = facilitator_client.post(add_url(session), add_data(session, participant), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="actions"' in content
    assert "Draft a note on water sharing" in content


def test_htmx_add_errors_come_back_at_200_in_the_fragment(
    session, participant, facilitator_client
):
    data = add_data(session, participant, **{"action-due_date": "2030-13-01"})
    response = facilitator_client.post(add_url(session), data, **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert 'aria-describedby="id_action-due_date_error"' in response.content.decode()


def test_an_editor_changes_an_action(session, participant, facilitator_client):
    action = ActionItemFactory(session=session)
    prefix = f"action-{action.pk}"
    response = facilitator_client.post(
        reverse("session_action_update", args=[session.pk, action.pk]),
        {
            f"{prefix}-description": "Revised",
            f"{prefix}-owner": str(participant.participant.pk),
            f"{prefix}-due_date": "",
            f"{prefix}-topic": "",
            f"{prefix}-status": "done",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status, action.due_date) == ("Revised", "done", None)
    assert action.owner == participant.participant


def test_a_bad_update_changes_nothing(session, facilitator_client):
    action = ActionItemFactory(session=session, description="Original")
    prefix = f"action-{action.pk}"
    response = facilitator_client.post(
        reverse("session_action_update", args=[session.pk, action.pk]),
        {f"{prefix}-description": "Revised", f"{prefix}-status": "nope"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    action.refresh_from_db()
    assert action.description == "Original"


def test_an_action_of_another_session_is_not_found(session, other_session, organizer_client):
    foreign = ActionItemFactory(session=other_session)
    url = reverse("session_action_update", args=[session.pk, foreign.pk])
    assert organizer_client.post(url, {}).status_code == 404


def test_participants_may_not_add_or_change_actions(session, participant, participant_client):
    action = ActionItemFactory(session=session, owner=participant.participant)
    assert (
        participant_client.post(add_url(session), add_data(session, participant)).status_code
        == 403
    )
    url = reverse("session_action_update", args=[session.pk, action.pk])
    assert participant_client.post(url, {}).status_code == 403
    assert ActionItem.objects.count() == 1
