"""The search in real Chromium: results follow typing, the header's box leads to the page,
and a participant sees only what they may open. Also as a plain form without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from mediation.models import SessionRecord
from tests.browser.live_regions import assert_heard_once, listen
from tests.factories import PASSWORD as SECRET
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    SessionRecordFactory,
)
from tests.personas import make_participant


@pytest.fixture
def harbour(transactional_db):
    participant = make_participant("harbour-reader", "Hana Reader")
    process = DialogueProcessFactory(title="Harbour talks")
    mine = DialogueSessionFactory(process=process, title="Harbour round one")
    InvitationFactory(session=mine, participant=participant.participant)
    DialogueSessionFactory(process=process, title="Harbour side meeting")
    SessionRecordFactory(
        session=mine,
        summary="The quays were discussed.",
        internal_notes="Pelican delegation wavered.",
        state=SessionRecord.State.SHARED,
    )
    return participant


def test_results_follow_typing_and_keep_to_what_one_may_open(page, live_server, login, harbour):
    login("harbour-reader", SECRET)
    page.get_by_role("search").get_by_label("Search").fill("harbour")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=harbour$"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Harbour round one")).to_be_visible()
    expect(results).not_to_contain_text("Harbour side meeting")

    box = page.locator("main").get_by_label("Search")
    box.fill("")
    listen(page)
    box.press_sequentially("quay")
    expect(results.get_by_role("heading", name="Records and shared summaries")).to_be_visible()
    expect(results.get_by_role("link", name="Harbour round one")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=quay$"))
    expect(box).to_be_focused()
    # What came is said once, while focus stays in the box.
    assert_heard_once(page, "result found.")

    box.fill("pelican")
    expect(results).to_contain_text("Nothing you may open matches “pelican”.")
    assert_heard_once(page, "Nothing you may open matches “pelican”.")


def test_the_search_works_without_javascript(browser, live_server, harbour):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/search/")
        page.locator("main").get_by_label("Search").fill("Montville")
        page.locator("main").get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"/search/\?q=Montville$"))
        # Signed out: the glossary only (its content may be gone in transactional tests).
        expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
        expect(page.locator("#search-results")).not_to_contain_text("Harbour")
    finally:
        context.close()
