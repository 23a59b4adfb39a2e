"""Invitations by email: who gets one, what it says (and does not), and the one-time link."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, Invitation
from mediation.notifications import enqueue as notify_enqueue
from mediation.people.accounts import participant_account_ensure
from mediation.tokens import InvitationTokenGenerator
from tests.factories import (
    AgendaItemFactory,
    ConsentFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)

BASE = "https://dialogues.example.org/"


def _contactable(session, **participant_fields):
    person = ParticipantFactory(**participant_fields)
    InvitationFactory(session=session, participant=person)
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.CONTACTED)
    return person


@pytest.fixture
def secret_session(session):
    session.title = "Back-channel on the northern border"
    session.objectives = "Discuss the hotline"
    session.save()
    AgendaItemFactory(
        session=session, topic=TopicFactory(process=session.process, title="Sanctions relief")
    )
    return session


def _link(message) -> str:
    return re.search(r"https://dialogues\.example\.org(/\S+)", message.body).group(1)


def test_invitations_go_only_to_those_who_agreed_and_only_once(secret_session, mailoutbox):
    session = secret_session
    yes = _contactable(session, name="Eleanor Whitfield", email="eleanor@example.org")
    no = InvitationFactory(session=session).participant  # no consent to be contacted
    queued, skipped = notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    assert (queued, skipped) == (1, 2)  # the fixture's participant gave no consent either
    assert [m.to for m in mailoutbox] == [["eleanor@example.org"]]
    assert Invitation.objects.get(session=session, participant=yes).invited_at is not None
    assert Invitation.objects.get(session=session, participant=no).invited_at is None
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    assert len(mailoutbox) == 1


def test_an_invitation_email_is_neutral(secret_session, mailoutbox):
    session = secret_session
    _contactable(session, name="Eleanor Whitfield")
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    [message] = mailoutbox
    assert message.subject == "Invitation to a dialogue meeting"
    text = message.subject + message.body
    for secret in (
        "northern border",
        "Discuss the hotline",
        "Sanctions relief",
        "Eleanor",
        "Whitfield",
        "Amina",
        "Villa by the lake",
    ):
        assert secret not in text
    assert "Dialogue meeting" in message.body
    # The zone would say roughly where it meets (see may_name_zone): the time is given in
    # the recipient's zone only.
    assert session.time_zone not in text
    starts = session.starts_at.astimezone(timezone.get_default_timezone())
    assert f"{starts:%H:%M}–" in message.body and " UTC" in message.body


def test_newlines_typed_into_names_and_titles_never_reach_a_header(session, mailoutbox):
    session.title = "Evil\nBcc: spy@example.org"
    session.public_title = "Also evil\r\nX-Leak: yes"
    session.save()
    _contactable(session, name="Name\nCc: spy@example.org", pseudonym="P\nX: y")
    queued, _ = notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    assert queued == 1
    [message] = mailoutbox
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "spy@example.org" not in headers
    assert "X-Leak" not in headers
    assert message.subject == "Invitation to a dialogue meeting"


def test_withdrawn_consent_means_no_email(session, mailoutbox):
    person = _contactable(session)
    person.consents.update(withdrawn_at=person.consents.get().given_at + timedelta(seconds=1))
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    assert mailoutbox == []


def test_a_participant_without_an_account_gets_one_with_no_usable_password(session, mailoutbox):
    person = _contactable(session, email="new.person@example.org")
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    person.refresh_from_db()
    assert person.user.email == "new.person@example.org"
    assert not person.user.has_usable_password()
    assert "/welcome/" in mailoutbox[0].body


def test_a_new_account_has_a_username_that_names_nobody_and_the_email_tells_it(
    session, mailoutbox
):
    person = _contactable(session, email="amina.haddad@example.org")
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    person.refresh_from_db()
    username = person.user.username
    assert re.fullmatch(r"p-[a-z2-9]{8}", username)
    assert "amina" not in username and "haddad" not in username
    assert f"Your username for signing in afterwards: {username}" in mailoutbox[0].body


def test_an_account_found_by_address_is_never_reused(session, mailoutbox, organizer):
    organizer.email = "taken@example.org"
    organizer.save()
    person = _contactable(session, email="taken@example.org")
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    person.refresh_from_db()
    assert person.user != organizer


def test_someone_with_a_password_is_sent_straight_to_the_session(session, participant, mailoutbox):
    ConsentFactory(
        participant=participant.participant, process=session.process, kind=Consent.Kind.CONTACTED
    )
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    [message] = mailoutbox
    assert _link(message) == session.get_absolute_url()


def test_the_link_sets_a_password_signs_in_lands_on_the_session_and_works_once(
    session, client, mailoutbox
):
    person = _contactable(session)
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    link = _link(mailoutbox[0])
    assert client.get(link).status_code == 200
    short = client.post(link, {"new_password1": "short", "new_password2": "short"})
    assert short.status_code == 400
    assert "at least 12 characters" in short.content.decode()
    done = client.post(
        link,
        {"new_password1": "a-long-enough-secret-9", "new_password2": "a-long-enough-secret-9"},
    )
    assert done.status_code == 302
    assert done["Location"] == session.get_absolute_url()
    assert client.get(session.get_absolute_url()).status_code == 200
    person.refresh_from_db()
    assert person.user.check_password("a-long-enough-secret-9")
    again = Client().get(link)
    assert again.status_code == 400
    assert "no longer works" in again.content.decode()


def test_the_link_expires(session, client, mailoutbox, settings, monkeypatch):
    person = _contactable(session)
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    link = _link(mailoutbox[0])
    settings.INVITATION_LINK_DAYS = 7
    later = InvitationTokenGenerator._now
    monkeypatch.setattr(
        InvitationTokenGenerator, "_now", lambda self: later(self) + timedelta(days=8)
    )
    response = client.get(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    post = client.post(link, {"new_password1": "x" * 20, "new_password2": "x" * 20})
    assert post.status_code == 400
    person.refresh_from_db()
    assert not person.user.has_usable_password()


def test_the_link_still_works_within_its_days(session, client, mailoutbox, monkeypatch):
    _contactable(session)
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    link = _link(mailoutbox[0])
    later = InvitationTokenGenerator._now
    monkeypatch.setattr(
        InvitationTokenGenerator, "_now", lambda self: later(self) + timedelta(days=6)
    )
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/welcome/MQ/garbled-token/", "/welcome/!!!/1-2/", "/welcome/OTk5OTk5/abc-def/"],
)
def test_a_garbled_link_says_so_and_changes_nothing(client, path, db):
    response = client.get(path)
    assert response.status_code == 400
    assert "no longer works" in response.content.decode()


def test_a_password_reset_token_is_no_invitation_token(session, client, mailoutbox):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    person = _contactable(session)
    participant_account_ensure(participant=person)
    uid = urlsafe_base64_encode(force_bytes(person.user.pk))
    token = default_token_generator.make_token(person.user)
    assert client.get(reverse("invitation_accept", args=[uid, token])).status_code == 400


def test_facilitators_send_invitations_from_the_session_page(
    session, facilitator_client, participant_client, mailoutbox
):
    _contactable(session)
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    url = reverse("session_invitations_send", args=[session.pk])
    assert f'action="{url}"' in page
    response = facilitator_client.post(url)
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert participant_client.post(url).status_code == 403
    assert len(mailoutbox) == 1


def test_organizers_send_invitations_from_the_admin(session, organizer_client, mailoutbox):
    _contactable(session)
    response = organizer_client.post(
        reverse("admin:mediation_dialoguesession_changelist"),
        {"action": "send_invitation_emails", "_selected_action": [str(session.pk)]},
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mail.outbox[0].subject == "Invitation to a dialogue meeting"
    assert User.objects.filter(email=mail.outbox[0].to[0]).exists()


def test_the_welcome_page_asks_the_zone_to_show_times_in(session, client, mailoutbox):
    person = _contactable(session)
    notify_enqueue.session_invitations_send(session=session, base_url=BASE)
    link = _link(mailoutbox[0])
    page = client.get(link).content.decode()
    assert 'name="time_zone"' in page
    assert "data-guess-zone" in page  # filled from the browser's own zone, where it can
    unknown = client.post(
        link,
        {"new_password1": "x" * 20, "new_password2": "x" * 20, "time_zone": "Gotham"},
    )
    assert unknown.status_code == 400
    assert 'value="Gotham"' in unknown.content.decode()
    done = client.post(
        link,
        {"new_password1": "x" * 20, "new_password2": "x" * 20, "time_zone": "Baku"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.user.profile.time_zone == "Asia/Baku"
