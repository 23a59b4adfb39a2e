"""The demo participant answers an invitation, opens the agenda and downloads the calendar file."""

from icalendar import Calendar
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import Invitation


def test_a_participant_answers_opens_the_agenda_and_downloads_the_calendar(
    demo, login, page, tmp_path
):
    login("participant", DEMO_PASSWORD)
    agenda = page.locator("#my-agenda")
    expect(agenda.get_by_role("heading", name="Upcoming sessions")).to_be_visible()
    card = agenda.locator(".agenda-card", has_text="Round 3: from ideas to options")
    card.get_by_role("button", name="Tentative").click()
    # htmx swaps the answer in place: the page does not reload.
    expect(card.locator(".answer-now")).to_contain_text("Tentative")
    expect(card.locator(".answer-saved")).to_be_visible()
    invitation = Invitation.objects.get(
        participant__user__username="participant",
        session__title="Round 3: from ideas to options",
    )
    assert invitation.response == "tentative"

    card.get_by_role("link", name="Round 3: from ideas to options").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_role("heading", name="How this meeting is held")).to_be_visible()
    expect(page.locator(".answer-now")).to_contain_text("Tentative")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    target = tmp_path / "meeting.ics"
    download_info.value.save_as(target)
    calendar = Calendar.from_ical(target.read_bytes())
    [event] = calendar.events
    # The demo's process is not on the record: no place, so no zone that would hint at it.
    assert calendar.timezones == []
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert "Round 3" not in str(event["SUMMARY"])
    assert "Amina" not in target.read_text()


def test_a_participant_reads_the_portal_on_a_phone(demo, login, page):
    page.set_viewport_size({"width": 375, "height": 740})
    login("participant", DEMO_PASSWORD)
    button = page.locator("#my-agenda .answer-buttons button").first
    expect(button).to_be_visible()
    # The buttons stack to the width of the card: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
