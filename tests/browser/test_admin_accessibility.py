"""The organizers' console has no critical or serious accessibility violations, by axe-core.

An organizer of the process, signed in with two-factor, opens every admin page organizers
use (the index, the changelists, the add and change forms of processes, sessions, people
and consents, a history page) and axe-core (bundled by axe-playwright-python) checks each
page as Chromium rendered it, scripts (autocomplete, inline rows) included. Only the two
highest impacts fail the test; every rule axe-core runs is kept.
"""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import blocking, run_axe
from tests.factories import (
    PASSWORD,
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SessionRecordFactory,
    SideFactory,
    TopicFactory,
)
from tests.personas import make_organizer

CHANGELISTS = [
    "dialogueprocess",
    "dialoguesession",
    "participant",
    "consent",
    "invitation",
    "agendaitem",
    "sessionrecord",
    "actionitem",
    "readevent",
]


@pytest.fixture
def console(transactional_db, settings):
    """A process its organizer runs, with a session whose agenda and invitations are filled."""
    settings.REQUIRE_2FA = True
    organizer = make_organizer("olivia")
    TOTPDevice.objects.create(user=organizer, name="phone", confirmed=True)
    process = DialogueProcessFactory(organizers=[organizer], title="Southern border talks")
    side = SideFactory(process=process, name="North")
    topic = TopicFactory(process=process, title="Water sharing")
    amina = ParticipantFactory(name="Amina Haddad")
    ProcessMemberFactory(process=process, participant=amina, side=side)
    consent = ConsentFactory(process=process, participant=amina)
    session = DialogueSessionFactory(process=process, title="Round 1: listening")
    InvitationFactory(session=session, participant=amina, side=side)
    AgendaItemFactory(session=session, position=1, title="Opening", topic=topic, lead=amina)
    SessionRecordFactory(session=session)
    ActionItemFactory(session=session)
    return {
        "organizer": organizer,
        "dialogueprocess": process,
        "dialoguesession": session,
        "participant": amina,
        "consent": consent,
    }


@pytest.fixture
def organizer_page(console, page, live_server):
    """The organizer signed in through the real form, past the authenticator's code."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    device = TOTPDevice.objects.get(user=console["organizer"])
    page.get_by_label("Code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def blocking_violations(page) -> list[str]:
    """Each critical or serious violation: its rule, impact and the nodes it names."""
    violations, _ = run_axe(page)
    return blocking(violations)


def console_pages(console) -> list[tuple[str, str]]:
    """(name, path) of each page, the changelists last: by then reading the history has
    left an event in the read audit."""

    def url(model, view, *args):
        return reverse(f"admin:mediation_{model}_{view}", args=args)

    pages = [("index", reverse("admin:index"))]
    for model in ["dialogueprocess", "dialoguesession", "participant", "consent"]:
        pages.append((f"{model} add", url(model, "add")))
        pages.append((f"{model} change", url(model, "change", console[model].pk)))
    session = console["dialoguesession"]
    pages.append(("dialoguesession history", url("dialoguesession", "history", session.pk)))
    pages += [(f"{model} list", url(model, "changelist")) for model in CHANGELISTS]
    return pages


def test_every_console_page_is_free_of_critical_and_serious_violations(
    console, organizer_page, live_server
):
    found = {}
    for name, path in console_pages(console):
        response = organizer_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, name
        found[name] = blocking_violations(organizer_page)
    report = "\n".join(
        f"{name}:\n  " + "\n  ".join(violations)
        for name, violations in found.items()
        if violations
    )
    assert not report, report


@pytest.mark.parametrize(
    ("model", "new_rows", "people_pickers"),
    [
        ("dialoguesession", ["Agenda item", "Invitation"], "#invitations-1"),
        ("dialogueprocess", ["Side", "Topic", "Member of the process", "Consent"], "#members-1"),
    ],
)
def test_new_inline_rows_are_free_of_them_too(
    console, organizer_page, live_server, model, new_rows, people_pickers
):
    path = reverse(f"admin:mediation_{model}_change", args=[console[model].pk])
    organizer_page.goto(f"{live_server.url}{path}")
    for row in new_rows:
        organizer_page.get_by_role("button", name=f"Add another {row}").click()
    # A new row of people comes with its autocomplete (select2) picker.
    expect(organizer_page.locator(f"{people_pickers} .select2-container")).to_have_count(1)
    assert blocking_violations(organizer_page) == []
