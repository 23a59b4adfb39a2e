"""In Chromium, by keyboard only (Tab, Shift+Tab, Enter, Space and typing): a facilitator
writes the record of an agenda item (discussion, convergence, divergence), saves it, then
shares the summary with participants, passing the non-attribution check.

After each htmx swap, focus lands on what was just saved or on the first thing to fix,
and the live regions read the change out exactly once (`live_regions`): a message by the
messages region, an alert by itself, an error next to a field by the announcer.
"""

import pytest
from playwright.sync_api import expect

from mediation.models import ItemRecord, SessionRecord
from tests.browser.live_regions import assert_heard_once, heard, listen
from tests.browser.sessions import FACILITATOR, make_facilitator
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)

FOCUSED = """() => { const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
  return {tag: el.tagName, id: el.id, type: el.type || '',
          name: (el.getAttribute('aria-label') || label || el.textContent || '').trim()}; }"""


@pytest.fixture
def meeting(transactional_db):
    facilitator = make_facilitator()
    session = DialogueSessionFactory(title="Round 4", facilitators=[facilitator])
    InvitationFactory(
        session=session,
        participant=ParticipantFactory(name="Min-jun Lee", affiliation="Harbour Institute"),
    )
    topic = TopicFactory(process=session.process, title="Incident hotline")
    AgendaItemFactory(session=session, position=1, title="A hotline at sea", topic=topic)
    return session


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def described_by(page, locator) -> str:
    """What a screen reader reads as the field's description when it gets focus."""
    return locator.evaluate(
        "el => (el.getAttribute('aria-describedby') || '').split(/\\s+/)"
        ".map(id => document.getElementById(id)).filter(Boolean)"
        ".map(d => d.textContent.replace(/\\s+/g, ' ').trim()).join(' ')"
    )


def tab_to(page, name: str, *, back: bool = False, limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until the control named `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if now["name"].startswith(name):
            return now
    raise AssertionError(f"{name!r} is not reached by {'Shift+' if back else ''}Tab")


def test_writing_and_sharing_a_record_by_keyboard_only(meeting, login, page, live_server):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    listen(page)

    # The editor opens in place of the record section, which takes the focus.
    tab_to(page, "Write the record")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Edit the record")).to_be_visible()
    expect(page.locator("#record")).to_be_focused()

    tab_to(page, "Discussion")
    page.keyboard.type("Both sides described near-misses at sea.")
    tab_to(page, "Points of convergence")
    page.keyboard.type("A direct line between the navies is worth trying.")
    tab_to(page, "Points of divergence")
    page.keyboard.type("Who staffs the line.")
    tab_to(page, "Summary for participants")
    page.keyboard.type("Lee proposed a pause in the exercises.")
    tab_to(page, "Save the record")
    heard(page)
    page.keyboard.press("Enter")

    # Saved: the record as saved takes the focus, and the message is read out once.
    expect(page.locator("#record h2")).to_have_text("Record")
    expect(page.locator("#record")).to_be_focused()
    expect(page.locator("#messages")).to_have_text("The record is saved.")
    assert assert_heard_once(page, "The record is saved.")["by"] == "messages"
    expect(page.locator("#a11y-announcer")).to_have_text("")
    saved = ItemRecord.objects.get(agenda_item__session=meeting)
    assert (saved.discussion, saved.convergence, saved.divergence) == (
        "Both sides described near-misses at sea.",
        "A direct line between the navies is worth trying.",
        "Who staffs the line.",
    )
    # The next Tab goes on from the record, not from the top of the page.
    assert tab_to(page, "Edit the record", limit=2)

    tab_to(page, "Share the summary with participants")
    page.keyboard.press("Enter")
    expect(page.locator("#record")).to_be_focused()
    expect(page.locator("#record mark")).to_have_text(["Lee"])
    # The check's alert reads itself out as it appears: the announcer does not repeat it.
    assert_heard_once(page, "The summary names an attendee in 1 place.")
    expect(page.locator("#a11y-announcer")).to_have_text("")

    # Shared without confirming the naming: refused, focus on the box to tick.
    tab_to(page, "Share with participants")
    page.keyboard.press("Enter")
    expect(page.locator("#share-error")).to_contain_text("The summary names attendees.")
    box = page.get_by_role("checkbox", name="“Lee proposed a pause in the exercises.” names Lee")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").first).to_contain_text("The summary names attendees.")
    assert_heard_once(page, "The summary names attendees.")
    assert SessionRecord.objects.get(session=meeting).state == "draft"

    # Ticked without a reason: refused again, focus on the reason to type.
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    tab_to(page, "Share with participants")
    page.keyboard.press("Enter")
    reason = page.get_by_role("textbox", name="Why it attributes nothing")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_be_focused()
    # The error is the field's description: read with the field as focus reaches it, and
    # not said a second time by a live region.
    assert "Say why this sentence attributes nothing" in described_by(page, reason)
    page.wait_for_timeout(300)  # the announcer speaks 100 ms after a swap settles
    said = [h["text"] for h in heard(page)]
    assert not [text for text in said if "Say why this sentence" in text], said
    # The form's own alert says what to do, once.
    assert said.count("Say why each sentence you confirm attributes nothing.") == 1, said
    expect(page.locator("#a11y-announcer")).to_have_text("")
    expect(box).to_be_checked()

    page.keyboard.type("Lee proposed it in the public opening, with his agreement.")
    tab_to(page, "Share with participants")
    page.keyboard.press("Enter")
    expect(page.locator("#record")).to_be_focused()
    shared = "The summary is shared with participants."
    expect(page.locator("#messages")).to_have_text(shared)
    assert assert_heard_once(page, shared)["by"] == "messages"
    assert SessionRecord.objects.get(session=meeting).state == "shared"
