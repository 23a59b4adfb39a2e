"""Keyboard users in Chromium, in English and Arabic: they keep their place after htmx swaps
(answering an invitation, reordering the agenda), each change is read out once by the live
regions, and glossary tooltips show on focus and touch, and hide on Escape (on an entry and
on the compare page).

axe-core, widths and screenshots of every main page: `test_pages_accessibility.py`;
writing and sharing a record by keyboard: `test_keyboard_record.py`.
"""

from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import DialogueSession, Profile
from tests.browser.live_regions import assert_heard_once, listen
from tests.glossary.factories import TermFactory


def _set_language(username: str, language: str) -> None:
    user = User.objects.get(username=username)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
        return {tag: el.tagName, text: (el.textContent || '').trim(),
                label: el.getAttribute('aria-label') || '',
                card: el.closest('.agenda-card') ? el.closest('.agenda-card').innerText : ''}; }"""
    )


ANSWERED = "Round 3: from ideas to options"  # an upcoming session of the demo participant


def test_answering_an_invitation_by_keyboard_keeps_focus_on_the_answer(demo, login, page):
    title = ANSWERED
    login("participant", DEMO_PASSWORD)
    card = page.locator("#my-agenda .agenda-card", has_text=title)
    card.get_by_role("button", name="Tentative").focus()
    listen(page)

    page.keyboard.press("Enter")

    expect(card.locator(".answer-now")).to_contain_text("Tentative")
    expect(card.get_by_role("button", name="Tentative")).to_be_focused()
    expect(page.locator("#a11y-announcer")).to_contain_text("Your answer: Tentative Saved.")
    assert_heard_once(page, "Your answer: Tentative Saved.")
    focused = _focused(page)
    assert focused["tag"] == "BUTTON" and focused["text"] == "Tentative", focused
    assert title in focused["card"]
    # The next Tab goes on from the answer, not from the top of the page.
    page.keyboard.press("Tab")
    assert title in _focused(page)["card"]


def test_answering_in_arabic_by_keyboard_announces_it_in_arabic(demo, login, page):
    _set_language("participant", "ar")
    title = ANSWERED
    login("participant", DEMO_PASSWORD)
    card = page.locator("#my-agenda .agenda-card", has_text=title)
    card.get_by_role("button", name="أقبل").focus()

    page.keyboard.press("Enter")

    expect(page.locator("#a11y-announcer")).to_contain_text("ردّك: قبِل حُفظ.")
    assert _focused(page)["text"] == "أقبل"


def test_reordering_the_agenda_by_keyboard_keeps_focus_on_the_moved_item(demo, login, page):
    login("facilitator", DEMO_PASSWORD)
    session = next(
        s
        for s in DialogueSession.objects.filter(facilitators__username="facilitator")
        if s.agenda_items.count() >= 3
    )
    page.goto(page.url.rstrip("/") + session.get_absolute_url())
    titles = page.locator("#agenda ol.agenda > li .agenda-title").all_inner_texts()
    last = titles[-1]
    page.get_by_role("button", name=f"Move “{last}” up").focus()
    listen(page)

    page.keyboard.press("Enter")
    up = page.get_by_role("button", name=f"Move “{last}” up")
    expect(page.locator("#messages")).to_contain_text(f"“{last}” moved up.")
    expect(up).to_be_focused()
    # Read out once, by the messages region: the announcer does not repeat it.
    assert assert_heard_once(page, f"“{last}” moved up.")["by"] == "messages"
    expect(page.locator("#a11y-announcer")).to_have_text("")

    # Pressed again, without looking for the button: it moves up once more.
    page.keyboard.press("Enter")
    position = len(titles) - 3
    expect(page.locator("#agenda ol.agenda > li .agenda-title").nth(position)).to_have_text(last)
    if position > 0:
        expect(up).to_be_focused()
    else:  # at the top it has no "Up": its "Down" is the next thing to press
        expect(page.get_by_role("button", name=f"Move “{last}” down")).to_be_focused()


def test_a_glossary_tooltip_shows_on_focus_and_escape_hides_it(demo, page, live_server):
    page.goto(f"{live_server.url}{reverse('glossary:term', args=['track-ii'])}")
    link = page.locator("main .glossary-term > .glossary-link").first
    tip = page.locator("main .glossary-term > .glossary-tip").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    expect(tip).to_be_visible()

    page.keyboard.press("Escape")

    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('glossary-link')")


def test_a_first_touch_on_a_glossary_link_shows_its_definition(demo, browser, live_server):
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 360, "height": 740}
    )
    phone = context.new_page()
    url = f"{live_server.url}{reverse('glossary:term', args=['track-ii'])}"
    phone.goto(url)
    link = phone.locator("main .glossary-term > .glossary-link").first
    tip = phone.locator("main .glossary-term > .glossary-tip").first

    link.tap()

    expect(tip).to_be_visible()
    assert phone.url == url
    link.tap()
    phone.wait_for_url(lambda u: u != url)
    context.close()


def _focused_glossary_link(page) -> str:
    return page.evaluate(
        "() => document.activeElement.classList.contains('glossary-link')"
        " ? document.activeElement.textContent.trim() : ''"
    )


def test_comparing_terms_and_reading_a_tooltip_by_keyboard_only(
    transactional_db, page, live_server
):
    TermFactory(
        name="Zephyr accord", slug="zephyr-accord", definition="Reached by a quokka protocol."
    )
    TermFactory(name="Quokka protocol", slug="quokka-protocol", definition="Rules first agreed.")
    page.goto(f"{live_server.url}{reverse('glossary:compare')}")

    # Two terms ticked with Space, compared with Enter.
    for name in ["Zephyr accord", "Quokka protocol"]:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.labels?.[0]?.textContent") == name:
                break
        page.keyboard.press("Space")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Compare":
            break
    page.keyboard.press("Enter")
    expect(page.locator("caption")).to_contain_text("Zephyr accord")

    # The term linked inside a definition: its tooltip shows on focus, Escape hides it.
    for _ in range(60):
        page.keyboard.press("Tab")
        if _focused_glossary_link(page):
            break
    assert _focused_glossary_link(page) == "quokka protocol"
    tip = page.locator("main .glossary-compare .glossary-term > .glossary-tip").first
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Rules first agreed.")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert _focused_glossary_link(page) == "quokka protocol"

    # Enter still follows the link.
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('glossary:term', args=['quokka-protocol'])}")
