"""In Chromium, by keyboard only: a facilitator edits a session record while a colleague
saves it behind their back; saving then is refused, and the refusal is where the keyboard
is and what the screen reader says.

The editor's form posts with htmx and swaps the record section; the swapped section
carries a `.conflict` notice (role="alert", `data-focus-first`), and static/js/a11y.js
moves the focus into it, before any field, so that the facilitator reads what the
colleague saved before pressing Save again (which would overwrite it).
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mediation.models import SessionRecord
from mediation.records import services as record_services
from tests.browser.live_regions import assert_heard_once, heard, listen
from tests.browser.sessions import FACILITATOR, make_facilitator
from tests.browser.test_keyboard_record import focused, tab_to
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
    UserFactory,
)

NOT_SAVED = "Not saved: someone else saved this record while you were editing."
LABELS = """() => [...document.querySelectorAll('#record form label')]
  .map(l => l.textContent.replace(/\\s+/g, ' ').trim())"""


@pytest.fixture
def colleague_and_record(transactional_db):
    farid = make_facilitator()
    carla = UserFactory(username="carla", first_name="Carla", last_name="Colleague")
    session = DialogueSessionFactory(title="Round 4", facilitators=[farid, carla])
    InvitationFactory(
        session=session,
        participant=ParticipantFactory(name="Min-jun Lee", affiliation="Harbour Institute"),
    )
    topic = TopicFactory(process=session.process, title="Incident hotline")
    AgendaItemFactory(session=session, position=1, title="A hotline at sea", topic=topic)
    record = SessionRecordFactory(session=session, internal_notes="Original notes.")
    return carla, record


def test_a_stale_save_by_keyboard_lands_focus_on_the_conflict_and_is_announced(
    colleague_and_record, login, page, live_server
):
    carla, record = colleague_and_record
    session = record.session
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{reverse('session_record_edit', args=[session.pk])}")
    expect(page.get_by_role("heading", name="Edit the record")).to_be_visible()
    # The form's fields, in order, as a keyboard user meets them.
    labels = page.evaluate(LABELS)
    assert labels == [
        "Internal notes:",
        "Discussion:",
        "Points of convergence:",
        "Points of divergence:",
        "Status the topic reached:",
        "Outcomes:",
        "Summary for participants:",
    ], labels
    listen(page)

    # Behind the editor's back, the colleague saves the record: the editor's version is
    # now stale.
    record_services.session_record_save(
        session=session,
        user=carla,
        version=record.version,
        internal_notes="Carla's notes, saved first.",
        summary="Carla's summary.",
        outcomes="",
    )

    tab_to(page, "Summary for participants")
    page.keyboard.press("Control+A")
    page.keyboard.type("Farid's summary, typed late.")
    tab_to(page, "Save the record")
    heard(page)
    page.keyboard.press("Enter")

    # Refused: focus is in the conflict notice, before any field or button.
    conflict = page.locator("#record .conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(NOT_SAVED)
    expect(conflict).to_contain_text("Carla Colleague")
    expect(conflict).to_be_focused()
    assert page.evaluate("() => !!document.activeElement.closest('.conflict')")
    # The notice is an alert inserted with its text: read out as it appears, once.
    said = assert_heard_once(page, NOT_SAVED)
    assert said["by"].startswith("inserted"), said
    expect(page.locator("#a11y-announcer")).to_have_text("")

    # Nothing typed is lost, and nothing of the colleague's is overwritten.
    expect(page.get_by_label("Summary for participants")).to_have_value(
        "Farid's summary, typed late."
    )
    saved = SessionRecord.objects.get(session=session)
    assert saved.summary == "Carla's summary."
    assert saved.internal_notes == "Carla's notes, saved first."

    # From the notice, the keyboard goes on into the notice's details and then the form
    # (not back to the top of the page).
    assert focused(page)["tag"] == "DIV"
    tab_to(page, "Internal notes", limit=6)
