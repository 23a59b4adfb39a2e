"""Emails and calendar texts speak each recipient's language, whoever triggers them."""

import email
import email.policy

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from mediation.models import Consent
from mediation.notifications import emails
from mediation.portal import services as portal_services
from tests.factories import ConsentFactory, ProfileFactory

pytestmark = pytest.mark.django_db


def _parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


@pytest.fixture
def arabic_invitee(session, participant):
    ProfileFactory(user=participant, language="ar")
    ConsentFactory(
        participant=participant.participant, process=session.process, kind=Consent.Kind.CONTACTED
    )
    return session.invitations.get(participant=participant.participant)


def test_an_arabic_reader_gets_the_invitation_in_arabic(arabic_invitee, mailoutbox):
    # Sent while the organizer's page is in English: the recipient's language still wins.
    with translation.override("en"):
        emails.send_invitation(arabic_invitee, "https://dialogues.example.org")

    message = _parsed(mailoutbox[0])
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert message["Subject"] == "دعوة إلى اجتماع حوار"
    assert "أنت مدعو إلى اجتماع حوار" in text
    assert "You are invited" not in text
    assert '<html lang="ar" dir="rtl">' in html


def test_a_french_reader_gets_the_invitation_in_french(session, participant, mailoutbox):
    ProfileFactory(user=participant, language="fr")
    invitation = session.invitations.get(participant=participant.participant)

    emails.send_invitation(invitation, "https://dialogues.example.org")

    assert mailoutbox[0].subject == "Invitation à une réunion de dialogue"


def test_the_calendar_feed_speaks_the_participants_language(arabic_invitee, participant, client):
    token = portal_services.calendar_token_renew(participant=participant.participant)

    # A calendar program asks in its own language (or none): the profile decides.
    response = client.get(reverse("calendar_feed", args=[token]), HTTP_ACCEPT_LANGUAGE="en")

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "اجتماعات الحوار"
    (event,) = calendar.walk("VEVENT")
    assert "اجتماع حوار" in str(event["DESCRIPTION"])
