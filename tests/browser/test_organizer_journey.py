"""In Chromium, an organizer's journey under two-factor sign-in: the dashboard points at a
draft; they record an invitee's consent, publish the session with its invitations, plan
the next round (its title proposed, a draft again), share the record with a confirmed
finding and its reason, and lock it after the confirmation."""

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from mediation.models import Consent, DialogueSession, SessionRecord
from tests.factories import (
    PASSWORD,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SessionRecordFactory,
)
from tests.personas import make_organizer


@pytest.fixture
def journey(transactional_db, settings):
    settings.REQUIRE_2FA = True
    organizer = make_organizer("olivia")
    TOTPDevice.objects.create(user=organizer, name="phone", confirmed=True)
    process = DialogueProcessFactory(organizers=[organizer], title="Southern border talks")
    session = DialogueSessionFactory(
        process=process, title="Round 1: listening", time_zone="Asia/Baku", draft=True
    )
    amina = ParticipantFactory(name="Amina Haddad", email="amina@example.org")
    InvitationFactory(session=session, participant=amina)
    return {"organizer": organizer, "session": session, "amina": amina}


def sign_in(page, live_server, organizer):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    device = TOTPDevice.objects.get(user=organizer)
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_organizers_journey(journey, page, live_server, mailoutbox):
    session = journey["session"]
    sign_in(page, live_server, journey["organizer"])

    # The dashboard points at the draft and at the invitee without consent.
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Drafts not yet published")).to_be_visible()
    page.get_by_role("link", name="record their consent").click()

    # Consent recorded on her behalf, with how she gave it.
    page.get_by_label("How they agreed").select_option("in_person")
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("agreed to be contacted by email")).to_be_visible()
    consent = Consent.objects.get(participant=journey["amina"])
    assert (consent.method, consent.recorded_by) == ("in_person", journey["organizer"])

    # Publish, sending the invitations.
    expect(page.get_by_text("The people invited see nothing of it")).to_be_visible()
    page.get_by_role("button", name="Publish the session").click()
    expect(page.get_by_text("Invitations emailed: 1.")).to_be_visible()
    assert [m.to for m in mailoutbox] == [["amina@example.org"]]

    # The next round: the title proposed, a draft again.
    page.get_by_role("link", name="Plan the next session").click()
    expect(page.get_by_role("textbox", name="Title")).to_have_value("Round 2: listening")
    page.get_by_role("button", name="Plan the next session").click()
    expect(page.get_by_text("planned as a draft")).to_be_visible()
    assert DialogueSession.objects.get(title="Round 2: listening").is_draft

    # Share the first round's record: the finding confirmed with a reason, then lock it.
    SessionRecordFactory(session=session, summary="Amina opened the listening round.")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_role("link", name="Share the summary with participants").click()
    expect(page.get_by_text("Sharing shows this summary to the 1 person invited")).to_be_visible()
    page.get_by_label("“Amina opened the listening round.” names Amina").check()
    page.get_by_role("textbox", name="Why it attributes nothing").fill(
        "She opened it in public, and asked to be named."
    )
    page.get_by_role("button", name="Share with participants").click()
    expect(page.get_by_text("The summary is shared with participants.")).to_be_visible()
    page.get_by_role("link", name="Lock the record…").click()
    expect(page.get_by_text("Only an organizer of the process can reopen it")).to_be_visible()
    page.get_by_role("button", name="Lock the record").click()
    expect(page.get_by_text("The record is locked")).to_be_visible()
    record = SessionRecord.objects.get(session=session)
    assert record.state == SessionRecord.State.LOCKED
    reasons = " ".join(
        filter(None, record.history.values_list("history_change_reason", flat=True))
    )
    assert "Why: She opened it in public" in reasons
