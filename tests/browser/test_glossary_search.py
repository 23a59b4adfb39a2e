"""The glossary's search in real Chromium: it narrows the list as you type, and still works
as a plain form with JavaScript turned off.

The live server's database is emptied between transactional tests, so whether the shipped
content is there depends on test order: each test creates the terms it looks for, with
names the shipped content does not use.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.glossary.factories import TermFactory


@pytest.fixture
def fable_terms(transactional_db):
    return [
        TermFactory(
            name="Zephyr accord",
            slug="zephyr-accord",
            definition="An understanding about westerly winds.",
        ),
        TermFactory(
            name="Quokka protocol",
            slug="quokka-protocol",
            definition="Rules for smiling marsupials that negotiate.",
        ),
        TermFactory(
            name="Quokka summit",
            slug="quokka-summit",
            definition="A meeting of the marsupials' delegations.",
        ),
    ]


def test_typing_in_the_search_narrows_the_list(page, live_server, fable_terms):
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/glossary/")
    names = page.locator("#term-list dt")
    expect(names.filter(has_text="Zephyr accord")).to_have_count(1)
    expect(names.filter(has_text="Quokka protocol")).to_have_count(1)

    page.get_by_label("Search the glossary").press_sequentially("quokka")

    expect(names).to_have_text(["Quokka protocol", "Quokka summit"])
    expect(page.get_by_role("heading", name="Terms matching “quokka”")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/glossary/\?q=quokka$"))

    # Words of the definition count too.
    page.get_by_label("Search the glossary").fill("westerly")
    expect(names).to_have_text(["Zephyr accord"])

    page.get_by_label("Search the glossary").fill("xylophone")
    expect(page.get_by_text("No term matches “xylophone”.")).to_be_visible()
    expect(page.locator("#search-status")).to_have_text("No term found")

    page.get_by_label("Search the glossary").fill("")
    expect(names.filter(has_text="Zephyr accord")).to_have_count(1)
    expect(names.filter(has_text="Quokka summit")).to_have_count(1)
    # The page was never reloaded: the field kept focus through every swap.
    expect(page.get_by_label("Search the glossary")).to_be_focused()
    assert csp_errors == []


def test_the_search_works_without_javascript(browser, live_server, fable_terms):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/glossary/")
        page.get_by_label("Search the glossary").fill("marsupials")
        page.get_by_role("button", name="Search").click()

        expect(page).to_have_url(re.compile(r"/glossary/\?q=marsupials$"))
        expect(page.locator("#term-list dt")).to_have_text(["Quokka protocol", "Quokka summit"])
        expect(page).to_have_title(re.compile("“marsupials” in the glossary"))
    finally:
        context.close()
