"""Notices to an account's own address when its second factor changes: enrolling an
authenticator, replacing the backup codes (the reset's notice is in test_admin_devices)."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import devices as twofactor_devices
from mediation.notifications import emails
from tests.factories import ProfileFactory, UserFactory

SETUP = reverse("two_factor_setup")
ENABLED = "Two-factor sign-in was turned on for your account"


def _code(device: TOTPDevice, *, wrong: bool = False) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{(totp.token() + (500_000 if wrong else 0)) % 1_000_000:06d}"


def _enrol(user, *, capture, code=_code):
    """Set up an authenticator through the setup page, as a person would; the key shown."""
    client = Client()
    client.force_login(user)
    page = client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with capture(execute=True):
        response = client.post(SETUP, {"code": code(device)})
    return response, page.context["key"]


def test_enrolling_an_authenticator_emails_the_accounts_own_address(
    organizer, mailoutbox, django_capture_on_commit_callbacks
):
    response, key = _enrol(organizer, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=organizer).confirmed
    [message] = mailoutbox
    assert message.to == [organizer.email]
    assert message.subject == ENABLED
    assert "organizer" in message.body
    assert "When:" in message.body and "UTC" in message.body
    assert "contact the organizers" in message.body
    # Never the key nor a backup code: the notice may be read by someone else.
    assert key not in message.body and key.lower() not in message.body
    for token in StaticToken.objects.values_list("token", flat=True):
        assert token not in message.body
    assert re.search(r"\b\d{6}\b", message.body) is None


def test_a_wrong_code_at_setup_sends_nothing(
    facilitator, mailoutbox, django_capture_on_commit_callbacks
):
    response, _key = _enrol(
        facilitator,
        capture=django_capture_on_commit_callbacks,
        code=lambda device: _code(device, wrong=True),
    )
    assert response.status_code == 200
    assert mailoutbox == []


def test_the_notice_speaks_the_profiles_language_and_time_zone(
    participant, mailoutbox, django_capture_on_commit_callbacks
):
    ProfileFactory(user=participant, language="fr", time_zone="Asia/Seoul")
    _enrol(participant, capture=django_capture_on_commit_callbacks)
    [message] = mailoutbox
    assert "Asia/Seoul" in message.body
    # Django's own French names for days and months show the language was applied.
    french_days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    assert any(day in message.body for day in french_days), message.body


@pytest.mark.parametrize("address", ["", "not an address", "a@example.org\nBcc: x@evil.test"])
def test_an_account_without_a_usable_address_is_skipped_and_enrols_all_the_same(
    db, address, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(username="no-mail", email=address)
    response, _key = _enrol(user, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert mailoutbox == []


def test_the_subject_is_fixed_whatever_the_username(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(username="Subject: injected", email="odd@example.org")
    _enrol(user, capture=django_capture_on_commit_callbacks)
    assert [m.subject for m in mailoutbox] == [ENABLED]


def test_replacing_backup_codes_emails_a_notice(
    participant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        codes = twofactor_devices.backup_codes_replace(user=participant)
    [message] = mailoutbox
    assert message.to == [participant.email]
    assert message.subject == "New backup codes were made for your account"
    assert not any(code in message.body for code in codes)


def test_a_change_rolled_back_is_not_announced(
    participant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        twofactor_devices.backup_codes_replace(user=participant)
    # Queued for the commit only: nothing has left yet.
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_every_notice_renders_in_every_language(participant, mailoutbox, settings):
    profile = ProfileFactory(user=participant)
    for language, _name in settings.LANGUAGES:
        profile.language = language
        profile.save()
        for change in emails.TwoFactorChange:
            emails.send_two_factor_notice(participant, change=change, at=timezone.now())
    assert len(mailoutbox) == len(settings.LANGUAGES) * len(emails.TwoFactorChange)
    assert all("{{" not in m.body and "{%" not in m.body for m in mailoutbox)
