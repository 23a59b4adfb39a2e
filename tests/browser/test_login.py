"""Each demo user signs in through the real form in Chromium and lands on a page naming them."""

import pytest
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD


@pytest.mark.parametrize(
    ("username", "full_name", "session_title"),
    [
        ("organizer", "Olivia Organizer", "Side meeting: military experts"),
        ("facilitator", "Farid Facilitator", "Round 3: from ideas to options"),
        ("participant", "Amina Haddad", "Round 3: from ideas to options"),
    ],
)
def test_demo_user_signs_in_and_is_greeted_by_name(
    demo, login, page, username, full_name, session_title
):
    login(username, DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text(full_name)
    expect(page.get_by_text(f"Signed in as {full_name}")).to_be_visible()
    expect(page.get_by_role("link", name=session_title)).to_be_visible()


def test_the_participant_does_not_see_sessions_they_are_not_invited_to(demo, login, page):
    login("participant", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amina Haddad")
    expect(page.get_by_role("link", name="Side meeting: military experts")).to_have_count(0)


def test_a_wrong_password_keeps_the_username_and_says_why(demo, page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("participant")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    expect(page.get_by_label("Username")).to_have_value("participant")


def test_the_organizer_opens_a_session_in_the_admin(demo, login, page, live_server):
    login("organizer", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/mediation/dialoguesession/")
    page.get_by_role("link", name="Round 3: from ideas to options").first.click()
    expect(page.get_by_role("heading", name="Agenda, in its order")).to_be_visible()
    expect(page.get_by_role("heading", name="Invitations")).to_be_visible()


def test_with_two_factor_on_the_organizer_confirms_a_code_then_reaches_the_admin(
    demo, login, page, live_server, settings
):
    settings.REQUIRE_2FA = True
    login("organizer", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Olivia Organizer")
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Organizers' console")).to_be_visible()


def test_with_two_factor_on_an_organizer_is_stopped_at_the_code_page(
    demo, page, live_server, settings
):
    settings.REQUIRE_2FA = True
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("organizer")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
