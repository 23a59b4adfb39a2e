"""The facilitator pages through a long invitation table, with and without JavaScript, and
changes a row on the second page, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser.sessions import FACILITATOR, session_under_way
from tests.factories import PASSWORD, InvitationFactory, ParticipantFactory


@pytest.fixture
def crowded_session(transactional_db):
    session = session_under_way("Round 5: a full room")
    for n in range(40):
        InvitationFactory(session=session, participant=ParticipantFactory(name=f"Guest {n:02}"))
    return session


def rows(page):
    return page.locator("#invitations table.invitations tbody tr th")


def test_the_pager_swaps_the_table_and_says_where_it_is(crowded_session, login, page, live_server):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{crowded_session.get_absolute_url()}")
    expect(rows(page)).to_have_count(25)
    expect(rows(page).first).to_contain_text("Guest 00")
    title = page.title()
    page.locator("#invitations nav.pagination").get_by_role("link", name="Next").click()
    expect(rows(page)).to_have_count(15)
    expect(rows(page).first).to_contain_text("Guest 25")
    assert page.title() == title  # the section was swapped, not the page
    assert "invitations=2" in page.url
    expect(page.locator("#a11y-announcer")).to_have_text("Invitations 26 to 40 of 40.")
    assert page.evaluate("document.activeElement.id") == "invitations"
    # A row of the second page opens its form there, and its save comes back there.
    row = page.locator("#invitations tbody tr", has_text="Guest 30")
    row.get_by_role("link", name="Change the invitation of Guest 30").click()
    row = page.locator("#invitations tbody tr", has_text="Guest 30")
    row.get_by_label("Attended").select_option("yes")
    row.get_by_role("button", name="Save for Guest 30").click()
    expect(page.locator("#messages")).to_contain_text("Saved for Guest 30.")
    expect(rows(page).first).to_contain_text("Guest 25")
    page.locator("#invitations nav.pagination").get_by_role("link", name="Previous").click()
    expect(rows(page).first).to_contain_text("Guest 00")


def test_the_pager_works_without_javascript(crowded_session, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{live_server.url}/accounts/login/")
    plain.get_by_label("Username").fill(FACILITATOR)
    plain.get_by_label("Password").fill(PASSWORD)
    plain.get_by_role("button", name="Sign in").click()
    plain.goto(f"{live_server.url}{crowded_session.get_absolute_url()}")
    plain.locator("#invitations nav.pagination").get_by_role("link", name="Next").click()
    assert plain.url.endswith("?invitations=2#invitations")
    expect(rows(plain)).to_have_count(15)
    row = plain.locator("#invitations tbody tr", has_text="Guest 33")
    row.get_by_role("button", name="Withdraw the invitation of Guest 33").click()
    expect(plain.locator("#messages")).to_contain_text("Guest 33")
    assert plain.url.endswith("?invitations=2#invitations")
    expect(rows(plain)).to_have_count(14)
    context.close()
