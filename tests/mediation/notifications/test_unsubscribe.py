"""Stopping reminders from the email: one click in the mail program (RFC 8058), or the link
opened in a browser; and turning them back on from the profile."""

import email
import email.policy
import re
import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mediation.models import Consent, Invitation, Participant
from mediation.notifications import enqueue as notify_enqueue
from mediation.notifications import tasks
from mediation.tokens import REMINDERS_SALT
from tests.factories import ActionItemFactory, ConsentFactory, DialogueSessionFactory

BASE = "https://dialogues.example.org"


@pytest.fixture
def reminded(session, participant, mailoutbox, settings):
    """The participant, reminded of `session` (starting in 20 hours), and the path of the
    link in the reminder's List-Unsubscribe header."""
    settings.SITE_URL = BASE
    person = participant.participant
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.CONTACTED)
    session.starts_at = timezone.now() + timedelta(hours=20)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    Invitation.objects.filter(session=session, participant=person).update(response="accepted")
    call_command("send_reminders", verbosity=0)
    [message] = mailoutbox
    read = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.strict)
    link = re.fullmatch(r"<(\S+)>", read["List-Unsubscribe"]).group(1)
    mailoutbox.clear()
    return link.removeprefix(BASE)


def _run() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def _reminders_of(participant) -> bool:
    return Participant.objects.get(pk=participant.participant.pk).reminders


def _one_click(path):
    """What a mail provider sends: a POST with this body, no cookie, no CSRF token."""
    client = Client(enforce_csrf_checks=True)
    return client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )


def test_one_click_from_the_mail_program_stops_every_reminder(
    reminded, session, participant, mailoutbox
):
    response = _one_click(reminded)
    assert response.status_code == 200
    assert _reminders_of(participant) is False
    # Another session soon and an action due: no reminder of either.
    person = participant.participant
    later = DialogueSessionFactory(
        process=session.process, starts_at=timezone.now() + timedelta(hours=30)
    )
    Invitation.objects.create(session=later, participant=person, response="accepted")
    ActionItemFactory(session=session, owner=person, due_date=timezone.localdate())
    assert "Queued 0 session reminder(s) and 0 action reminder(s)." in _run()
    assert mailoutbox == []


def test_a_reminder_queued_before_the_click_is_not_sent(reminded, session, participant):
    person = participant.participant
    action = ActionItemFactory(session=session, owner=person, due_date=timezone.localdate())
    _one_click(reminded)
    assert tasks.send_action_reminder_email.call(str(action.pk), BASE) is False


def test_invitations_still_come_after_reminders_are_stopped(
    reminded, session, participant, mailoutbox
):
    _one_click(reminded)
    Invitation.objects.filter(session=session).update(invited_at=None)
    queued, _skipped = notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    assert queued == 1
    assert [m.subject for m in mailoutbox] == ["Invitation to a dialogue meeting"]


def test_opening_the_link_shows_a_button_and_changes_nothing(reminded, participant):
    response = Client().get(reminded)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<form method="post"' in page
    assert "Stop reminders</button>" in page
    assert _reminders_of(participant) is True
    # Whoever holds the email may open it: the page says nothing of whose it is.
    person = participant.participant
    for secret in (person.name, person.email, participant.username):
        assert secret not in page
    assert "no-store" in response["Cache-Control"]


def test_the_button_on_the_page_stops_reminders(reminded, participant):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reminded).content.decode()
    # The page's own form (the header's language switcher is one too).
    action = re.search(r'<form method="post" action="(/unsubscribe/[^"]+)"', page).group(1)
    assert client.post(action).status_code == 200
    assert _reminders_of(participant) is False


def _forged(participant) -> list[str]:
    real_id = participant.participant.pk.hex
    genuine = signing.dumps(real_id, salt=REMINDERS_SALT)
    return [
        genuine[:-1] + ("A" if genuine[-1] != "A" else "B"),  # signature altered
        signing.dumps(real_id),  # signed by the product, but not for this
        signing.dumps(real_id, salt="mediation.tokens.something-else"),
        signing.dumps(uuid.uuid4().hex, salt=REMINDERS_SALT),  # nobody's
        signing.dumps("not an id", salt=REMINDERS_SALT),
        "x" * 40,
    ]


def test_a_forged_token_is_a_plain_404_and_changes_nothing(reminded, participant):
    for token in _forged(participant):
        path = reverse("reminders_unsubscribe", args=[token])
        assert Client().get(path).status_code == 404, token
        assert _one_click(path).status_code == 404, token
    assert _reminders_of(participant) is True


def test_only_the_unsubscribe_address_skips_the_csrf_check():
    exempt = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and getattr(entry.callback, "csrf_exempt", False):
                exempt.append(prefix + str(entry.pattern))

    walk(get_resolver().url_patterns)
    assert exempt == ["unsubscribe/<str:token>/"]


def test_reminders_are_turned_back_on_in_the_profile(reminded, participant, participant_client):
    _one_click(reminded)
    page = participant_client.get(reverse("profile")).content.decode()
    assert 'name="reminders"' in page
    assert 'name="reminders" checked' not in page
    data = {"time_zone": "", "language": "", "email": participant.email, "reminders": "on"}
    assert participant_client.post(reverse("profile"), data).status_code == 302
    assert _reminders_of(participant) is True
    data.pop("reminders")
    participant_client.post(reverse("profile"), data)
    assert _reminders_of(participant) is False


def test_someone_not_on_the_roster_has_no_reminder_choice(facilitator_client):
    page = facilitator_client.get(reverse("profile")).content.decode()
    assert 'name="reminders"' not in page


def test_stopping_reminders_is_in_the_persons_history(reminded, participant):
    _one_click(reminded)
    newest = participant.participant.history.order_by("-history_date").first()
    assert newest.reminders is False
    assert newest.history_user is None  # nobody was signed in: the email's link did it
