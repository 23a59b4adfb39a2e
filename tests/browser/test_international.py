"""The product in English and Arabic, checked in Chromium: axe-core on the main pages of
each persona, no sideways scrolling of the page at 320 px, and keyboard users keeping
their place after htmx swaps (answering an invitation, reordering the agenda) and with
glossary tooltips.

`pytest -s` prints axe-core's violations per page and language, of every impact.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import DialogueSession, Profile

BLOCKING_IMPACTS = {"critical", "serious"}
NARROW = 320


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _pages(persona: str) -> list[tuple[str, str]]:
    if persona == "anonymous":
        return [
            ("glossary", reverse("glossary:index")),
            ("glossary entry", reverse("glossary:term", args=["chatham-house-rule"])),
            ("glossary compare", reverse("glossary:compare") + "?terms=track-ii,track-i"),
            ("sign in", reverse("login")),
        ]
    if persona == "participant":
        session = DialogueSession.objects.get(title=ANSWERED)
        return [
            ("home", reverse("home")),
            ("session", session.get_absolute_url()),
            ("my actions", reverse("my_actions")),
            ("my consents", reverse("my_consents")),
            ("profile", reverse("profile")),
        ]
    session = (
        DialogueSession.objects.filter(facilitators__username="facilitator")
        .order_by("starts_at")
        .first()
    )
    return [
        ("home", reverse("home")),
        ("session", session.get_absolute_url()),
        ("record", reverse("session_record_edit", args=[session.pk])),
        ("processes", reverse("process_list")),
        ("process", session.process.get_absolute_url()),
    ]


def _set_language(username: str, language: str) -> None:
    user = User.objects.get(username=username)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


# The innermost elements sticking out of the viewport, to say what widens the page.
WIDEST = """() => {
  const out = [];
  const w = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.right > w + 1 || r.left < -1) && r.width > 0) {
      const inner = [...el.children].some(c => {
        const b = c.getBoundingClientRect();
        return b.width > 0 && (b.right > w + 1 || b.left < -1);
      });
      if (!inner) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
                           + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return out.slice(0, 6);
}"""


def _violations(page) -> list[dict]:
    return Axe().run(page).response["violations"]


@pytest.mark.parametrize("persona", ["anonymous", "participant", "facilitator"])
def test_main_pages_in_english_and_arabic(demo, login, page, live_server, persona):
    if persona != "anonymous":
        login(persona, DEMO_PASSWORD)
    blocking, overflow = [], []
    for language in ["en", "ar"]:
        if persona == "anonymous":
            page.context.set_extra_http_headers({"Accept-Language": language})
        else:
            _set_language(persona, language)
        for name, path in _pages(persona):
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (language, name)
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "ar" else "ltr"
            )
            found = _violations(page)
            print(
                f"axe {persona} {name} [{language}]: {len(found)} violations",
                sorted(f"{v['id']}:{v['impact']}" for v in found),
            )
            blocking += [
                f"{language} {name}: {v['id']} ({v['impact']}) {n['target']}"
                for v in found
                if v["impact"] in BLOCKING_IMPACTS
                for n in v["nodes"]
            ]
            page.set_viewport_size({"width": NARROW, "height": 740})
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > NARROW:
                overflow.append(
                    f"{language} {name}: the page is {width} px wide, because of "
                    + ", ".join(page.evaluate(WIDEST))
                )
    assert blocking == [], "\n".join(blocking)
    assert overflow == [], "\n".join(overflow)


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

    page.keyboard.press("Enter")

    expect(card.locator(".answer-now")).to_contain_text("Tentative")
    expect(card.get_by_role("button", name="Tentative")).to_be_focused()
    expect(page.locator("#a11y-announcer")).to_contain_text("Your answer: Tentative Saved.")
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

    page.keyboard.press("Enter")
    up = page.get_by_role("button", name=f"Move “{last}” up")
    expect(page.locator("#messages")).to_contain_text(f"“{last}” moved up.")
    expect(up).to_be_focused()
    expect(page.locator("#a11y-announcer")).to_contain_text(f"“{last}” moved up.")

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
