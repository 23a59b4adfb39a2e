"""Invitations that cannot go out say so: the session page names each person invited who
cannot be emailed, why, and the link that fixes it; consent to be emailed can be recorded
on the person's behalf, with how and when they gave it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, Invitation
from mediation.notifications import enqueue
from tests.factories import ConsentFactory, InvitationFactory, ParticipantFactory


def consent_url(invitation):
    return reverse("session_invitation_consent", args=[invitation.session_id, invitation.pk])


@pytest.fixture
def no_consent(session):
    return InvitationFactory(
        session=session, participant=ParticipantFactory(name="Nadia Noconsent")
    )


@pytest.fixture
def no_address(session):
    person = ParticipantFactory(name="Omar Noaddress", email="")
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.CONTACTED)
    return InvitationFactory(session=session, participant=person)


def test_the_page_names_who_cannot_be_emailed_why_and_the_fix(
    session, no_consent, no_address, facilitator_client, organizer_client
):
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Nadia Noconsent:" in page
    assert "has not agreed to be contacted by email in this process." in page
    assert consent_url(no_consent) in page
    assert "Omar Noaddress:" in page
    assert "An organizer of the process can add it." in page
    admin_link = reverse("admin:mediation_participant_change", args=[no_address.participant_id])
    assert admin_link not in page
    assert admin_link in organizer_client.get(session.get_absolute_url()).content.decode()


def test_participants_are_not_shown_the_list(session, no_consent, participant_client):
    page = participant_client.get(session.get_absolute_url()).content.decode()
    assert "cannot be emailed" not in page


def test_recording_consent_lets_the_invitation_go(
    session, no_consent, facilitator, facilitator_client, mailoutbox
):
    day = timezone.localdate() - timedelta(days=2)
    response = facilitator_client.post(
        consent_url(no_consent), {"method": "in_person", "given_on": day.isoformat()}
    )
    assert response.status_code == 302
    consent = Consent.objects.get(participant=no_consent.participant, kind="contacted")
    assert (consent.method, consent.recorded_by, timezone.localdate(consent.given_at)) == (
        "in_person",
        facilitator,
        day,
    )
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Nadia Noconsent:" not in page
    enqueue.session_invitations_send(session=session, base_url="https://example.org/")
    assert [m.to for m in mailoutbox] == [[no_consent.participant.email]]


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"method": "in_person", "given_on": "2999-01-01"}, "not in the future"),
        ({"method": "telepathy", "given_on": "2026-01-01"}, "Select a valid choice"),
        ({"method": "email", "given_on": "junk"}, "Enter a valid date"),
    ],
)
def test_bad_consent_input_is_refused_beside_its_field_and_kept(
    session, no_consent, facilitator_client, data, field_message
):
    response = facilitator_client.post(consent_url(no_consent), data)
    content = response.content.decode()
    assert response.status_code == 400
    assert field_message in content
    assert f'value="{data["given_on"]}"' in content
    assert not Consent.objects.filter(participant=no_consent.participant).exists()


def test_recording_consent_twice_keeps_one_in_force(session, no_consent, facilitator_client):
    today = timezone.localdate().isoformat()
    for _ in range(2):
        facilitator_client.post(consent_url(no_consent), {"method": "email", "given_on": today})
    assert Consent.objects.in_force().filter(participant=no_consent.participant).count() == 1


def test_the_consent_page_is_the_sessions_editors_only(
    session, other_session, no_consent, participant_client, stranger_client, facilitator_client
):
    assert facilitator_client.get(consent_url(no_consent)).status_code == 200
    assert participant_client.get(consent_url(no_consent)).status_code == 403
    assert stranger_client.get(consent_url(no_consent)).status_code == 404
    elsewhere = InvitationFactory(session=other_session)
    assert facilitator_client.get(consent_url(elsewhere)).status_code == 404
    wrong_session = reverse("session_invitation_consent", args=[session.pk, elsewhere.pk])
    assert facilitator_client.get(wrong_session).status_code == 404
    assert Invitation.objects.filter(pk=elsewhere.pk).exists()
