"""Every email the product sends, as a strict mail parser reads it.

Each message is parsed with Python's `email` package under `policy.strict`, which raises on
any defect a lenient client would quietly repair. Then: a Message-ID on the sender's own
domain, a plain text part and an HTML part that say the same thing, reminders marked as
written by a machine with a one-click way to stop them, and a footer that tells the truth
about what the email gives away under the process's rule.
"""

import email
import email.policy
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import timezone

from mediation.models import Consent, Invitation
from mediation.notifications import emails
from mediation.notifications import enqueue as notify_enqueue
from tests.factories import ActionItemFactory, ConsentFactory, ProfileFactory

BASE = "https://dialogues.example.org"
NEUTRAL_FOOTER = "this email names no one and no topic"


def parsed(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.strict)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _words(text: str) -> list[str]:
    return text.split()


def _html_words(html: str) -> list[str]:
    """The words a reader sees in the HTML part's body."""
    body = re.search(r"<body>(.*)</body>", html, re.S).group(1)
    reader = _Text()
    reader.feed(body)
    return _words(" ".join(reader.parts))


@pytest.fixture
def every_email(session, participant, mailoutbox, settings):
    """One of each: an invitation, both reminders, and the two notices to an account."""
    settings.SITE_URL = BASE
    person = participant.participant
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.CONTACTED)
    participant.set_unusable_password()  # so the invitation carries its one-time link
    participant.save()
    Invitation.objects.filter(session=session, participant=person).update(invited_at=None)
    notify_enqueue.session_invitations_send(session=session, base_url=BASE + "/")
    session.starts_at = timezone.now() + timedelta(hours=20)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()
    Invitation.objects.filter(session=session, participant=person).update(response="accepted")
    ActionItemFactory(session=session, owner=person, due_date=timezone.localdate())
    call_command("send_reminders", verbosity=0)
    emails.send_two_factor_notice(
        participant, change=emails.TwoFactorChange.ENABLED, at=timezone.now()
    )
    emails.send_address_changed_notice(
        participant, old_address="old@example.org", at=timezone.now()
    )
    by_subject = {message.subject: message for message in mailoutbox}
    assert len(by_subject) == 5, [m.subject for m in mailoutbox]
    return by_subject


INVITATION = "Invitation to a dialogue meeting"
SESSION_REMINDER = "Reminder: a dialogue meeting"
ACTION_REMINDER = "Reminder: a follow-up action"
REMINDERS = [SESSION_REMINDER, ACTION_REMINDER]


def test_every_email_passes_the_strict_parser_with_a_text_and_an_html_part(every_email):
    for subject, message in every_email.items():
        read = parsed(message)
        assert read["Subject"] == subject
        assert read.get_content_type() == "multipart/alternative", subject
        text = read.get_body(preferencelist=("plain",)).get_content()
        html = read.get_body(preferencelist=("html",)).get_content()
        assert text.strip() and html.strip(), subject
        # The HTML says exactly what the text says, no more and no less.
        assert _html_words(html) == _words(text), subject


def test_every_message_id_names_the_senders_domain(every_email, settings):
    for subject, message in every_email.items():
        message_id = parsed(message)["Message-ID"]
        assert message_id.endswith(f"@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"), subject


def test_the_message_id_follows_the_configured_domain(session, participant, settings, mailoutbox):
    settings.EMAIL_MESSAGE_ID_DOMAIN = "dialogues.example.org"
    emails.send_address_changed_notice(participant, old_address="a@example.org", at=timezone.now())
    assert parsed(mailoutbox[0])["Message-ID"].endswith("@dialogues.example.org>")


def test_reminders_are_marked_automatic_and_can_be_stopped_in_one_click(every_email):
    for subject in REMINDERS:
        read = parsed(every_email[subject])
        assert read["Auto-Submitted"] == "auto-generated"
        link = re.fullmatch(r"<(https://\S+)>", read["List-Unsubscribe"]).group(1)
        assert re.fullmatch(rf"{BASE}/unsubscribe/[^/\s]+/", link)
        assert read["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # The same link in the text, for programs without the button.
        assert link in read.get_body(preferencelist=("plain",)).get_content()


def test_an_invitation_is_not_an_automatic_message_and_has_no_unsubscribe(every_email):
    read = parsed(every_email[INVITATION])
    assert read["Auto-Submitted"] is None
    assert read["List-Unsubscribe"] is None


def test_notices_to_an_account_are_automatic_but_cannot_be_unsubscribed(every_email):
    for subject, message in every_email.items():
        if subject in (INVITATION, *REMINDERS):
            continue
        read = parsed(message)
        assert read["Auto-Submitted"] == "auto-generated", subject
        assert read["List-Unsubscribe"] is None, subject


def test_the_unsubscribe_link_names_no_one(every_email, participant):
    link = parsed(every_email[SESSION_REMINDER])["List-Unsubscribe"]
    person = participant.participant
    for secret in (person.name, person.email, participant.username, *person.name.split()):
        assert secret.lower() not in link.lower()


@pytest.mark.parametrize("subject", [INVITATION, *REMINDERS])
def test_a_neutral_email_says_it_names_no_one_and_no_topic(every_email, subject):
    text = parsed(every_email[subject]).get_body(preferencelist=("plain",)).get_content()
    assert NEUTRAL_FOOTER in text


@pytest.fixture
def on_the_record(session):
    session.process.on_record = True
    session.process.save()
    session.title = "Water sharing along the upper river"
    session.objectives = "Agree on a joint gauge"
    session.save()
    return session


@pytest.mark.parametrize("subject", [INVITATION, *REMINDERS])
def test_an_on_the_record_email_does_not_claim_to_name_no_topic(
    on_the_record, every_email, subject
):
    text = parsed(every_email[subject]).get_body(preferencelist=("plain",)).get_content()
    assert NEUTRAL_FOOTER not in text
    assert "on the record" in text
    if subject != ACTION_REMINDER:
        assert "Water sharing along the upper river" in text


def test_the_html_part_escapes_what_people_typed(session, every_email, mailoutbox):
    session.public_title = "<b>Autumn</b> & <script>x()</script>"
    session.save()
    mailoutbox.clear()
    reminder = Invitation.objects.get(session=session, participant__user__username="participant")
    reminder.reminded_at = None
    reminder.save()
    call_command("send_reminders", verbosity=0)
    html = parsed(mailoutbox[0]).get_body(preferencelist=("html",)).get_content()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;Autumn&lt;/b&gt; &amp; &lt;script&gt;" in html


def test_an_arabic_reader_gets_the_html_right_to_left(session, participant, mailoutbox):
    ProfileFactory(user=participant, language="ar")
    emails.send_address_changed_notice(participant, old_address="a@example.org", at=timezone.now())
    html = parsed(mailoutbox[0]).get_body(preferencelist=("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
