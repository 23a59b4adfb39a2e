"""In Chromium: an organizer drafts a non-paper from a round's record, rewrites the sentence
the non-attribution check marks, records each side's clearance, releases it, then logs a
briefing of an official and what came back, and downloads the log as CSV."""

import csv

import pytest
from playwright.sync_api import expect

from mediation.models import Briefing, OutcomeDocument, Topic
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SideFactory,
    TopicFactory,
)
from tests.personas import make_organizer


@pytest.fixture
def back_channel(transactional_db):
    organizer = make_organizer("olivia")
    process = DialogueProcessFactory(title="Back channel", organizers=[organizer])
    for side_name, convenor in (("North", "Ana North"), ("South", "Sun South")):
        side = SideFactory(process=process, name=side_name)
        person = ProcessMemberFactory(
            process=process, side=side, participant=ParticipantFactory(name=convenor)
        ).participant
        side.convenors.add(person)
    session = DialogueSessionFactory(process=process, title="Round 2")
    InvitationFactory(session=session, participant=ParticipantFactory(name="Min-jun Lee"))
    topic = TopicFactory(process=process, title="Hotline", status=Topic.Status.CONVERGENCE)
    item = AgendaItemFactory(session=session, topic=topic, position=1)
    ItemRecordFactory(
        agenda_item=item, convergence="Lee proposed a direct line between the navies."
    )
    return process


def test_drafting_clearing_releasing_and_briefing(back_channel, login, page, live_server):
    login("olivia", PASSWORD)
    page.goto(f"{live_server.url}{back_channel.get_absolute_url()}")
    page.get_by_role("link", name="Outcome documents").click()
    page.get_by_label("Kind").select_option(label="Non-paper")
    page.get_by_label("Title").fill("Non-paper on a hotline")
    page.get_by_label("Round 2").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft is saved as version 1.")).to_be_visible()
    expect(page.locator("mark")).to_have_text(["Lee"])

    # The check refuses the clearance of a text naming an attendee.
    page.get_by_label("Convenor who cleared it").select_option(label="Ana North")
    page.get_by_role("button", name="Record this side's clearance").click()
    expect(page.get_by_text("names or singles out someone who took part").first).to_be_visible()
    assert not OutcomeDocument.objects.get().clearances.exists()

    page.get_by_role("link", name="Write a new version").click()
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("Lee proposed", "A participant suggested"))
    page.get_by_label("What changed").fill("No names")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.get_by_text("Version 2 is saved.")).to_be_visible()

    for side, convenor in (("North", "Ana North"), ("South", "Sun South")):
        page.get_by_label("Side").select_option(label=side)
        page.get_by_label("Convenor who cleared it").select_option(label=convenor)
        page.get_by_role("button", name="Record this side's clearance").click()
        expect(page.get_by_text(f"{side} cleared version 2.")).to_be_visible()
        expect(page.get_by_text(f"Cleared by {convenor} on")).to_be_visible()
    page.get_by_role("button", name="Release to the distribution list").click()
    expect(page.get_by_text("The document is released")).to_be_visible()
    assert OutcomeDocument.objects.get().is_released

    page.get_by_role("link", name="Versions and changes").click()
    expect(page.locator("del")).to_contain_text(["Lee proposed"])

    page.goto(f"{live_server.url}/processes/{back_channel.pk}/transfer/")
    page.get_by_label("Name").fill("Daniel Reyes")
    page.get_by_label("Institution").fill("Department of State")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("The contact is added.")).to_be_visible()
    page.locator("#id_briefed_on").fill("2026-03-02")
    page.get_by_label("Who briefed").fill("The convenors")
    page.get_by_label("Daniel Reyes · Department of State").check()
    page.get_by_label("Channel").select_option(label="Meeting")
    page.get_by_label("Non-paper on a hotline").check()
    page.get_by_role("button", name="Log the briefing").click()
    expect(page.get_by_text("The briefing is logged.")).to_be_visible()

    page.get_by_role("link", name="Record what came back").click()
    page.get_by_label("Reception").select_option(label="Under consideration")
    page.get_by_label("What came back").fill("Asks for an annex on timelines.")
    page.get_by_label("When it came back").fill("2026-03-09")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Asks for an annex on timelines.")).to_be_visible()
    assert Briefing.objects.get().reception == Briefing.Reception.UNDER_CONSIDERATION

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the log as CSV (spreadsheet)").click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as file:
        (row,) = list(csv.DictReader(file))
    assert (row["Contact"], row["Reception"]) == ("Daniel Reyes", "Under consideration")
    assert row["What came back"] == "Asks for an annex on timelines."
