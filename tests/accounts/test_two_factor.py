"""Two-factor sign-in: organizers and facilitators confirm a code before any page."""

import io
import re
import time
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import devices as twofactor_devices
from accounts import twofactor as account_twofactor
from mediation.demo.logins import (
    DEMO_2FA_USERS,
    DEMO_DEVICE_NAME,
    DEMO_TOTP_KEY,
)
from tests.factories import PASSWORD, UserFactory
from tests.mediation.access.matrix import MATRIX

VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")


@pytest.fixture(autouse=True)
def _two_factor_on(settings, _two_factor_off):
    settings.REQUIRE_2FA = True
    # django-otp makes a device wait 1, 2, 4... seconds after a wrong code; tests type fast.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def world(session, other_session, process, personas, foreign_process):
    return {
        "session": session,
        "other_session": other_session,
        "process": process,
        "foreign_process": foreign_process,
        **personas,
    }


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _code(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def _signed_in(user) -> Client:
    """A client that signed in with the password alone, as through the login form."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


# Every URL of the access matrix but the two-factor pages themselves (exempt by design).
APP_URLS = [(name, url) for name, url, _expected in MATRIX if "two-factor" not in name] + [
    ("admin", lambda w: reverse("admin:index")),
    ("admin sessions", lambda w: reverse("admin:mediation_dialoguesession_changelist")),
]


@pytest.mark.parametrize("persona", ["organizer", "facilitator"])
@pytest.mark.parametrize(("name", "url"), APP_URLS, ids=[row[0] for row in APP_URLS])
def test_unverified_organizers_and_facilitators_are_sent_to_confirm_a_code(
    world, persona, name, url
):
    _device(world[persona])
    client = _signed_in(world[persona])
    target = url(world)
    response = client.get(target)
    assert response.status_code == 302, name
    assert response["Location"].startswith(VERIFY)
    assert f"next={quote(target, safe='')}" in response["Location"]


@pytest.mark.parametrize(("name", "url"), APP_URLS, ids=[row[0] for row in APP_URLS])
def test_those_without_a_device_are_sent_to_set_one_up(world, name, url):
    client = _signed_in(world["facilitator"])
    response = client.get(url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_writes_are_stopped_too(world):
    _device(world["organizer"])
    client = _signed_in(world["organizer"])
    response = client.post(reverse("admin:mediation_dialogueprocess_add"), {"title": "x"})
    assert response.status_code == 302
    assert response["Location"] == VERIFY


def test_superusers_are_asked_too(db):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = _signed_in(admin)
    assert client.get(reverse("home"))["Location"].startswith(SETUP)


def test_htmx_requests_get_a_client_redirect(world):
    _device(world["organizer"])
    client = _signed_in(world["organizer"])
    response = client.get(world["session"].get_absolute_url(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(VERIFY)
    assert b"<html" not in response.content


@pytest.mark.parametrize(("name", "url"), APP_URLS[:3], ids=[row[0] for row in APP_URLS[:3]])
def test_participants_are_not_forced(world, name, url):
    client = _signed_in(world["participant"])
    response = client.get(url(world))
    assert response.status_code == 200


def test_a_participant_who_enrolled_is_asked_for_their_code(world):
    _device(world["participant"])
    client = _signed_in(world["participant"])
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/health/", "/glossary/", "/static/css/app.css", VERIFY]
)
def test_exempt_pages_stay_open(world, path):
    _device(world["organizer"])
    client = _signed_in(world["organizer"])
    response = client.get(path)
    assert not response.get("Location", "").startswith(VERIFY), path


def test_signing_out_stays_possible(world):
    _device(world["organizer"])
    client = _signed_in(world["organizer"])
    assert client.post(reverse("logout")).status_code == 302
    assert SESSION_KEY not in client.session


def test_a_right_code_opens_every_page(world):
    device = _device(world["organizer"])
    client = _signed_in(world["organizer"])
    target = world["session"].get_absolute_url()
    response = client.post(VERIFY, {"code": _code(device), "next": target})
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_code_page_never_redirects_to_another_site(world):
    device = _device(world["organizer"])
    client = _signed_in(world["organizer"])
    response = client.post(VERIFY, {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_a_wrong_code_is_refused_with_a_message(world):
    device = _device(world["organizer"])
    client = _signed_in(world["organizer"])
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert 'aria-describedby="id_code_errors"' in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_code_works_only_once(world):
    device = _device(world["organizer"])
    code = _code(device)
    first = _signed_in(world["organizer"])
    assert first.post(VERIFY, {"code": code})["Location"] == reverse("home")
    second = _signed_in(world["organizer"])
    assert second.post(VERIFY, {"code": code}).status_code == 200


def test_five_wrong_codes_sign_the_person_out(world):
    device = _device(world["organizer"])
    client = _signed_in(world["organizer"])
    wrong = f"{(int(_code(device)) + 500_000) % 1_000_000:06d}"
    for _ in range(account_twofactor.MAX_WRONG_CODES - 1):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session
    # Even the right code is no use now: the password comes first again.
    assert client.post(VERIFY, {"code": _code(device)})["Location"].startswith(reverse("login"))


def _enrol(client) -> tuple[TOTPDevice, list[str]]:
    page = client.get(SETUP)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    assert page.context["key"] in page.content.decode()
    response = client.post(SETUP, {"code": _code(device)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", codes_page.content.decode())
    return device, codes


def test_setting_up_confirms_the_device_and_shows_ten_backup_codes_once(world):
    client = _signed_in(world["facilitator"])
    device, codes = _enrol(client)
    device.refresh_from_db()
    assert device.confirmed
    assert len(codes) == 10
    assert StaticDevice.objects.get(user=world["facilitator"]).token_set.count() == 10
    assert client.get(world["session"].get_absolute_url()).status_code == 200
    again = client.get(reverse("two_factor_backup_codes"))
    assert again.status_code == 302
    assert codes[0] not in again.content.decode()


def test_a_wrong_code_at_setup_leaves_the_device_unconfirmed(world):
    client = _signed_in(world["facilitator"])
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    wrong = f"{(int(_code(device)) + 500_000) % 1_000_000:06d}"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("home")).status_code == 302


def test_someone_with_a_password_alone_cannot_enrol_a_new_device(world):
    _device(world["organizer"])
    client = _signed_in(world["organizer"])
    response = client.get(SETUP)
    assert response["Location"] == VERIFY
    assert not TOTPDevice.objects.filter(confirmed=False).exists()


def test_a_backup_code_works_once(world):
    client = _signed_in(world["facilitator"])
    _device, codes = _enrol(client)
    client.logout()
    again = _signed_in(world["facilitator"])
    assert again.post(VERIFY, {"code": codes[0]})["Location"] == reverse("home")
    assert again.get(reverse("home")).status_code == 200
    third = _signed_in(world["facilitator"])
    assert third.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert third.get(reverse("home")).status_code == 302


def test_participants_may_enrol_of_their_own_accord(world):
    client = _signed_in(world["participant"])
    _device, codes = _enrol(client)
    assert len(codes) == 10


def test_with_require_2fa_off_no_one_is_made_to_enrol(world, settings):
    settings.REQUIRE_2FA = False
    for persona in ("organizer", "facilitator", "participant"):
        client = _signed_in(world[persona])
        assert client.get(reverse("home")).status_code == 200, persona


@pytest.mark.parametrize("persona", ["organizer", "facilitator", "participant", "stranger"])
def test_with_require_2fa_off_an_enrolled_device_is_still_asked_for(world, settings, persona):
    # Enrolling protects the account only if the code is asked for whatever the deployment
    # requires of everyone else.
    settings.REQUIRE_2FA = False
    device = _device(world[persona])
    client = _signed_in(world[persona])
    target = world["session"].get_absolute_url()
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": _code(device), "next": target})["Location"] == target
    assert client.get(reverse("home")).status_code == 200


def test_with_require_2fa_off_backup_codes_alone_are_asked_for(world, settings):
    settings.REQUIRE_2FA = False
    codes = twofactor_devices.backup_codes_replace(user=world["participant"])
    client = _signed_in(world["participant"])
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_with_require_2fa_off_an_unconfirmed_device_asks_nothing(world, settings):
    settings.REQUIRE_2FA = False
    TOTPDevice.objects.create(user=world["participant"], name="phone", confirmed=False)
    client = _signed_in(world["participant"])
    assert client.get(reverse("home")).status_code == 200


def test_the_device_check_on_every_request_is_one_query(world, django_assert_num_queries):
    twofactor_devices.backup_codes_replace(user=world["organizer"])
    for user, expected in [(world["organizer"], True), (world["participant"], False)]:
        with django_assert_num_queries(1):
            assert account_twofactor.has_confirmed_device(user) is expected


# --- The demo -------------------------------------------------------------------------


def test_the_demo_organizer_signs_in_with_the_printed_code(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY).count() == len(
        DEMO_2FA_USERS
    )
    out = io.StringIO()
    call_command("demo_code", "organizer", stdout=out)
    code = re.search(r"organizer\s+(\d{6})", out.getvalue()).group(1)
    client = Client()
    client.post(reverse("login"), {"username": "organizer", "password": "track-two-demo"})
    assert client.post(VERIFY, {"code": code})["Location"] == reverse("home")
    assert client.get(reverse("admin:index")).status_code == 200


def test_demo_code_refuses_other_users_and_other_devices(db, organizer):
    with pytest.raises(CommandError):
        call_command("demo_code", "stranger", stdout=io.StringIO())
    TOTPDevice.objects.create(user=organizer, name=DEMO_DEVICE_NAME, confirmed=True)
    with pytest.raises(CommandError):
        call_command("demo_code", "organizer", stdout=io.StringIO())
