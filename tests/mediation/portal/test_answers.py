"""Answering an invitation: one click with htmx, a plain form without; closed at the start."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Invitation
from mediation.portal import services as portal_services


def _answer_url(session):
    return reverse("session_answer", args=[session.pk])


def _mine(session, participant):
    return session.invitations.get(participant=participant.participant)


def test_a_plain_answer_is_saved_with_its_note_and_redirects(
    session, participant, participant_client
):
    response = participant_client.post(
        _answer_url(session), {"response": "accepted", "note": "Arriving late"}
    )
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    invitation = _mine(session, participant)
    assert invitation.response == Invitation.Response.ACCEPTED
    assert invitation.note == "Arriving late"
    assert invitation.responded_at is not None
    page = participant_client.get(response["Location"]).content.decode()
    assert "Your answer is saved" in page


def test_an_htmx_answer_returns_only_the_answer_fragment(session, participant, participant_client):
    response = participant_client.post(
        _answer_url(session), {"response": "tentative"}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'id="answer-{session.pk}"' in content
    assert "Tentative" in content
    assert _mine(session, participant).response == "tentative"
    assert "HX-Request" in response["Vary"]


def test_the_full_session_page_carries_the_same_fragment(session, participant_client):
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "<html" in content
    assert f'id="answer-{session.pk}"' in content
    assert f'hx-post="{_answer_url(session)}"' in content
    assert f'action="{_answer_url(session)}"' in content


def test_one_may_change_ones_mind_before_the_start(session, participant, participant_client):
    participant_client.post(_answer_url(session), {"response": "accepted"})
    participant_client.post(_answer_url(session), {"response": "declined"})
    assert _mine(session, participant).response == "declined"


@pytest.mark.parametrize("htmx", [False, True])
def test_answers_close_when_the_session_starts(session, participant, participant_client, htmx):
    invitation = _mine(session, participant)
    invitation.response = "accepted"
    invitation.save()
    session.starts_at = timezone.now() - timedelta(minutes=5)
    session.ends_at = timezone.now() + timedelta(hours=2)
    session.save()
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = participant_client.post(
        _answer_url(session), {"response": "declined", "note": "Sorry"}, **headers
    )
    assert response.status_code == (200 if htmx else 400)
    assert "answers can no longer change" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.response == "accepted"
    assert invitation.note == ""


def test_a_cancelled_session_takes_no_answers(session, participant):
    session.status = "cancelled"
    session.save()
    with pytest.raises(portal_services.AnswerClosed):
        portal_services.invitation_answer(
            invitation=_mine(session, participant), response="accepted"
        )


def test_a_bad_answer_keeps_the_note_and_changes_nothing(session, participant, participant_client):
    response = participant_client.post(
        _answer_url(session), {"response": "maybe", "note": "My careful note"}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "My careful note" in content
    assert f'aria-describedby="answer-response-errors-{session.pk}"' in content
    invitation = _mine(session, participant)
    assert invitation.response == "invited"
    assert invitation.note == ""


def test_a_note_with_a_nul_byte_is_refused(session, participant, participant_client):
    response = participant_client.post(
        _answer_url(session), {"response": "accepted", "note": "bad\x00note"}
    )
    assert response.status_code == 400
    assert _mine(session, participant).response == "invited"


def test_a_too_long_note_is_refused(session, participant, participant_client):
    response = participant_client.post(
        _answer_url(session), {"response": "accepted", "note": "x" * 2001}
    )
    assert response.status_code == 400
    assert _mine(session, participant).note == ""


@pytest.mark.parametrize(("persona", "expected"), [("facilitator", 403), ("organizer", 403)])
def test_only_the_invited_participant_may_answer(session, personas, client, persona, expected):
    client.force_login(personas[persona])
    assert client.post(_answer_url(session), {"response": "accepted"}).status_code == expected


def test_a_participant_cannot_answer_for_a_session_they_are_not_invited_to(
    other_session, participant_client
):
    response = participant_client.post(_answer_url(other_session), {"response": "accepted"})
    assert response.status_code == 404


def test_answering_needs_a_post(session, participant_client):
    assert participant_client.get(_answer_url(session)).status_code == 405
