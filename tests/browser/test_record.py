"""In Chromium: a facilitator writes a summary that names an attendee; the check stops the
sharing until each naming is confirmed, or the summary is rewritten."""

import pytest
from playwright.sync_api import expect

from mediation.models import SessionRecord
from tests.browser.sessions import FACILITATOR, make_facilitator
from tests.factories import (
    PASSWORD,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)


@pytest.fixture
def meeting(transactional_db):
    facilitator = make_facilitator()
    session = DialogueSessionFactory(title="Round 4", facilitators=[facilitator])
    InvitationFactory(
        session=session,
        participant=ParticipantFactory(name="Min-jun Lee", affiliation="Harbour Institute"),
    )
    return session


def write_summary(page, live_server, session, text):
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("link", name="Write the record").click()
    page.get_by_label("Summary for participants").fill(text)
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("The record is saved.")).to_be_visible()


def test_the_check_stops_a_summary_naming_an_attendee_until_confirmed(
    meeting, login, page, live_server
):
    login(FACILITATOR, PASSWORD)
    write_summary(page, live_server, meeting, "The fleet was discussed. Lee proposed a pause.")
    page.get_by_role("link", name="Share the summary with participants").click()
    expect(page.locator("mark")).to_have_text(["Lee"])
    page.get_by_role("button", name="Share with participants").click()
    # The refusal's own message: only once it is there has the answer replaced the form, so
    # the box ticked next is the one that will be sent.
    expect(
        page.get_by_text("The summary names attendees. Rewrite those sentences")
    ).to_be_visible()
    assert SessionRecord.objects.get(session=meeting).state == "draft"

    page.get_by_label("“Lee proposed a pause.” names Lee").check()
    page.get_by_role("button", name="Share with participants").click()
    # Ticked without a reason: refused, with the message beside the reason's field.
    reason = page.get_by_role("textbox", name="Why it attributes nothing")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Say why this sentence attributes nothing")).to_be_visible()
    expect(page.get_by_label("“Lee proposed a pause.” names Lee")).to_be_checked()
    assert SessionRecord.objects.get(session=meeting).state == "draft"

    reason.fill("Lee proposed it in the public opening, with his agreement.")
    page.get_by_role("button", name="Share with participants").click()
    expect(page.get_by_text("The summary is shared with participants.")).to_be_visible()
    record = SessionRecord.objects.get(session=meeting)
    assert record.state == "shared"
    assert "Why: Lee proposed it in the public opening" in (
        record.history.first().history_change_reason
    )


def test_a_rewritten_summary_is_shared_without_confirmation(meeting, login, page, live_server):
    login(FACILITATOR, PASSWORD)
    write_summary(page, live_server, meeting, "Lee proposed a pause.")
    page.get_by_role("link", name="Share the summary with participants").click()
    expect(page.locator("mark")).to_have_count(1)
    page.get_by_role("link", name="Rewrite the summary").click()
    page.get_by_label("Summary for participants").fill("One participant proposed a pause.")
    page.get_by_role("button", name="Save the record").click()
    page.get_by_role("link", name="Share the summary with participants").click()
    expect(page.get_by_text("No sentence of the summary names an attendee by any")).to_be_visible()
    page.get_by_role("button", name="Share with participants").click()
    expect(page.get_by_text("The summary is shared with participants.")).to_be_visible()
    assert SessionRecord.objects.get(session=meeting).state == "shared"
