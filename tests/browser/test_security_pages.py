"""The two-factor setup and the consents page in Chromium: they work and break no CSP rule."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD


def test_a_participant_enrols_an_authenticator_and_reads_backup_codes(
    demo, login, page, live_server
):
    login("participant", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/accounts/two-factor/setup/")
    expect(page.get_by_role("img", name="QR code holding the key below")).to_be_visible()
    device = TOTPDevice.objects.get(user__username="participant", confirmed=False)
    code = f"{TOTP(device.bin_key).token():06d}"
    page.get_by_label("The six-digit code the app shows now").fill(code)
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    expect(page.locator(".backup-codes li")).to_have_count(10)


def test_a_participant_withdraws_and_gives_a_consent_with_htmx(demo, login, page, live_server):
    login("participant", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/consents/")
    first = page.locator(".consent-process").first
    withdraw = first.get_by_role("button", name="Withdraw").first
    withdraw.click()
    expect(page.locator("#messages")).to_contain_text("Withdrawn:")
    expect(first).to_contain_text("Withdrawn on")
    first.get_by_role("button", name="Give").first.click()
    expect(page.locator("#messages")).to_contain_text("Given:")
