"""In Chromium, under two-factor sign-in, a new organizer sets a process up in the admin, as
the issue's journey begins: the process with its sides and topics, two people (one with a
protected identity), a session in Baku typed as a city with an agenda whose order is set
by Up and not by typed numbers; then, on the session's page, invites someone recording how
they agreed to be emailed; and reads the session's history in Baku's time and the read
audit that reading left."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from mediation.models import AgendaItem, Consent, DialogueProcess, DialogueSession, Participant
from tests.browser.test_organizer_journey import sign_in
from tests.personas import make_organizer


@pytest.fixture
def organizer(transactional_db, settings):
    settings.REQUIRE_2FA = True
    organizer = make_organizer("olivia")
    TOTPDevice.objects.create(user=organizer, name="phone", confirmed=True)
    return organizer


def fill(page, name, value):
    page.locator(f'[name="{name}"]').fill(value)


def save(page):
    page.locator('input[name="_continue"][type="submit"]:visible').click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_organizer_sets_a_process_up_and_invites(organizer, page, live_server):
    admin = f"{live_server.url}/admin/mediation"
    sign_in(page, live_server, organizer)

    # The process, its two sides and a topic, in one form.
    page.goto(f"{admin}/dialogueprocess/add/")
    fill(page, "title", "Southern border talks")
    fill(page, "conflict", "A disputed border crossing and the water under it.")
    for n, side in enumerate(["Northern delegation", "Southern delegation"]):
        page.get_by_role("button", name="Add another Side").click()
        fill(page, f"sides-{n}-name", side)
    page.get_by_role("button", name="Add another Topic").click()
    fill(page, "topics-0-title", "Crossing hours")
    save(page)
    process = DialogueProcess.objects.get(title="Southern border talks")
    assert sorted(process.sides.values_list("name", flat=True)) == [
        "Northern delegation",
        "Southern delegation",
    ]
    assert list(process.organizers.all()) == [organizer]

    # Two people on the process's roster, one known to others by a pseudonym only.
    for name, email, pseudonym in [
        ("Amina Haddad", "amina@example.org", ""),
        ("Farid Nazarov", "farid@example.org", "Participant F"),
    ]:
        page.goto(f"{admin}/participant/add/")
        page.locator('[name="roster_process"]').select_option(label="Southern border talks")
        fill(page, "name", name)
        page.locator('[name="category"]').select_option(label="Academic")
        fill(page, "email", email)
        if pseudonym:
            page.locator('[name="identity_protected"]').check()
            fill(page, "pseudonym", pseudonym)
        save(page)
    assert Participant.objects.get(name="Farid Nazarov").identity_protected

    # The session, in Baku's time typed as the city, with three agenda items.
    page.goto(f"{admin}/dialoguesession/add/")
    page.locator('[name="process"]').select_option(label="Southern border talks")
    fill(page, "title", "Round 1: listening")
    fill(page, "starts_at_0", "2027-06-10")
    fill(page, "starts_at_1", "10:00")
    fill(page, "ends_at_0", "2027-06-10")
    fill(page, "ends_at_1", "13:00")
    fill(page, "time_zone", "Baku")
    fill(page, "venue", "Hotel Excelsior, Baku")
    for n, title in enumerate(["Opening", "Crossing hours", "Closing"]):
        page.get_by_role("button", name="Add another Agenda item").click()
        fill(page, f"agenda_items-{n}-title", title)
        fill(page, f"agenda_items-{n}-duration_minutes", "30")
    save(page)
    session = DialogueSession.objects.get(title="Round 1: listening")
    assert session.time_zone == "Asia/Baku"
    assert session.is_draft
    expect(
        page.get_by_text("Times on this page are in the session's zone, Asia/Baku.")
    ).to_be_visible()

    # Closing before the topic: Up on its row saves the page and moves it.
    page.get_by_role("button", name="Save and move “Closing” up").click()
    expect(page.get_by_text("“Closing” moved up")).to_be_visible()
    titles = AgendaItem.objects.filter(session=session).order_by("position")
    assert list(titles.values_list("title", flat=True)) == [
        "Opening",
        "Closing",
        "Crossing hours",
    ]

    # On the session's page: invite Amina, recording that she agreed in person yesterday.
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    page.get_by_label("Name, pseudonym or affiliation").fill("Amina")
    candidate = page.locator(".candidate-list li", has_text="Amina Haddad")
    candidate.get_by_text("Not agreed to be emailed yet").click()
    candidate.get_by_label("They agreed to be emailed").select_option("in_person")
    candidate.get_by_label("On").fill("2026-11-20")
    candidate.get_by_role("button", name="Invite Amina Haddad").click()
    expect(page.get_by_text("Amina Haddad is invited; their agreement")).to_be_visible()
    consent = Consent.objects.get(participant__name="Amina Haddad", kind="contacted")
    assert (consent.method, consent.recorded_by) == ("in_person", organizer)

    # The session's history, in Baku's time, and the read audit it leaves.
    page.goto(f"{admin}/dialoguesession/{session.pk}/history/")
    expect(page.get_by_role("columnheader", name="Date/time (Asia/Baku)")).to_be_visible()
    page.goto(f"{admin}/readevent/")
    expect(page.get_by_text("Round 1: listening").first).to_be_visible()
