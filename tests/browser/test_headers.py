"""What Chromium makes of the headers: it takes every feature the Permissions-Policy names,
refuses them to the page, keeps the CSRF cookie from scripts, and htmx still posts."""

from playwright.sync_api import expect

from tests.browser.sessions import FACILITATOR
from tests.browser.test_agenda import add_item, running_session  # noqa: F401 - a fixture
from tests.factories import PASSWORD


def test_chromium_knows_every_feature_refused_and_refuses_them(page, live_server):
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Permissions-Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/glossary/")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        allowed = page.evaluate(f"document.featurePolicy.allowsFeature('{feature}')")
        assert allowed is False, feature
    assert complaints == []


def test_scripts_cannot_read_the_csrf_cookie_and_htmx_still_posts(
    running_session,  # noqa: F811 - the fixture imported above
    login,
    page,
    live_server,
):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{running_session.get_absolute_url()}")
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["csrftoken"]["httpOnly"] is True
    assert "csrftoken" not in page.evaluate("document.cookie")
    add_item(page, "Opening", 20)  # an htmx POST, its token taken from the page
    expect(page.locator("#agenda")).to_contain_text("Opening")
