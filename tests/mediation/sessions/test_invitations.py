"""Invitations on the session page: invite, keep (role, side, capacity, attendance) and
withdraw."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Invitation
from tests.factories import InvitationFactory, ParticipantFactory, SideFactory
from tests.mediation.sessions.invitation_helpers import (
    HTMX,
    add_url,
    message_texts,
    remove_url,
    start_session,
    update_url,
)

# --- Inviting -----------------------------------------------------------------------------


def test_inviting_someone_found(session, known, facilitator_client):
    response = facilitator_client.post(add_url(session), {"participant": str(known.pk)})
    assert response.status_code == 302
    assert response["Location"] == f"{session.get_absolute_url()}#invitations"
    invitation = session.invitations.get(participant=known)
    assert invitation.response == Invitation.Response.INVITED
    assert invitation.role == Invitation.Role.PARTICIPANT
    assert "Kim Soo-yeon is invited." in message_texts(response)


def test_htmx_invite_returns_the_invitations_fragment(session, known, facilitator_client):
    response = facilitator_client.post(
        add_url(session), {"participant": str(known.pk), "role": "observer"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="invitations"' in content
    assert "Kim Soo-yeon" in content
    assert session.invitations.get(participant=known).role == Invitation.Role.OBSERVER


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda s, p: ParticipantFactory().pk, id="outside the process"),
        pytest.param(lambda s, p: p.participant.pk, id="already invited"),
        pytest.param(
            lambda s, p: ParticipantFactory(archived_at=timezone.now()).pk, id="archived"
        ),
        pytest.param(lambda s, p: "not-a-uuid", id="garbage"),
        pytest.param(lambda s, p: "\x00", id="nul"),
    ],
)
def test_people_the_facilitator_may_not_invite_are_refused(
    session, participant, facilitator_client, who
):
    before = Invitation.objects.count()
    response = facilitator_client.post(
        add_url(session), {"participant": str(who(session, participant))}
    )
    assert response.status_code == 302
    assert "invite" in message_texts(response).lower()
    assert Invitation.objects.count() == before


def test_an_unknown_role_is_refused(session, known, facilitator_client):
    facilitator_client.post(add_url(session), {"participant": str(known.pk), "role": "boss"})
    assert not session.invitations.filter(participant=known).exists()


# --- Keeping an invitation: role, side, capacity, attendance -------------------------------


def test_setting_side_capacity_and_role(session, invitation, facilitator_client):
    side = SideFactory(process=session.process, name="North")
    response = facilitator_client.post(
        update_url(invitation),
        {"role": "resource_person", "side": str(side.pk), "capacity": "official"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.role, invitation.side, invitation.capacity) == (
        "resource_person",
        side,
        "official",
    )


@pytest.mark.parametrize(("value", "stored"), [("yes", True), ("no", False), ("", None)])
def test_marking_attendance_once_the_session_started(
    session, invitation, facilitator_client, value, stored
):
    start_session(session)
    response = facilitator_client.post(
        update_url(invitation),
        {"role": "participant", "capacity": "personal", "attended": value},
        **HTMX,
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="invitations"' in content
    invitation.refresh_from_db()
    assert invitation.attended is stored


def test_attendance_cannot_be_noted_before_the_session(session, invitation, facilitator_client):
    response = facilitator_client.post(
        update_url(invitation), {"role": "participant", "capacity": "personal", "attended": "yes"}
    )
    assert response.status_code == 200
    assert "Attendance can be noted once the session has started." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attended is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"side": "foreign"}, "side"),
        ({"side": "not-a-uuid"}, "side"),
        ({"role": "boss"}, "role"),
        ({"role": "\x00"}, "role"),
        ({"capacity": ""}, "capacity"),
        ({"attended": "maybe"}, "attended"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_bad_invitation_values_change_nothing(
    session, invitation, facilitator_client, change, field, htmx
):
    start_session(session)
    if change.get("side") == "foreign":
        change = {"side": str(SideFactory().pk)}  # a side of another process
    data = {"role": "observer", "capacity": "official", "attended": "yes", **change}
    response = facilitator_client.post(update_url(invitation), data, **(HTMX if htmx else {}))
    content = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in content) is not htmx
    field_id = f"invitation-{invitation.pk}-{field}"
    tag = re.search(rf'<(?:input|select)\b[^>]*\bid="{field_id}"[^>]*>', content).group(0)
    assert f"{field_id}_error" in tag
    invitation.refresh_from_db()
    assert (invitation.role, invitation.capacity, invitation.attended, invitation.side) == (
        "participant",
        "personal",
        None,
        None,
    )


# --- Withdrawing --------------------------------------------------------------------------


def test_withdrawing_an_unanswered_invitation(session, invitation, facilitator_client):
    response = facilitator_client.post(remove_url(invitation))
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_htmx_withdraw_returns_the_fragment(session, invitation, facilitator_client):
    content = facilitator_client.post(remove_url(invitation), **HTMX).content.decode()
    assert "<html" not in content and 'id="invitations"' in content
    assert "withdrawn" in content


@pytest.mark.parametrize("answer", ["accepted", "declined", "tentative"])
def test_an_answered_invitation_stays(session, invitation, facilitator_client, answer):
    invitation.response = answer
    invitation.save()
    response = facilitator_client.post(remove_url(invitation))
    assert "has answered" in message_texts(response)
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert remove_url(invitation) not in page


def test_an_invitation_of_another_session_is_not_found_through_this_one(
    session, other_session, facilitator_client
):
    foreign = InvitationFactory(session=other_session)
    for url in (
        reverse("session_invitation_update", args=[session.pk, foreign.pk]),
        reverse("session_invitation_remove", args=[session.pk, foreign.pk]),
    ):
        assert (
            facilitator_client.post(url, {"role": "observer", "capacity": "personal"}).status_code
            == 404
        )
    assert Invitation.objects.filter(pk=foreign.pk, role="participant").exists()
