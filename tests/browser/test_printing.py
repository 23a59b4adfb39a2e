"""Printing in Chromium: the facilitator's session page prints without its editing tools
and without a protected person's real name; the briefing pack prints as the pack."""

import io

import pytest
from pypdf import PdfReader

from tests.browser.sessions import FACILITATOR, make_facilitator
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)

REAL_NAME = "Ri Chol-min"
PSEUDONYM = "Participant K"


@pytest.fixture
def facilitated(transactional_db):
    facilitator = make_facilitator()
    session = DialogueSessionFactory(facilitators=[facilitator], title="Round 3: options")
    protected = ParticipantFactory(name=REAL_NAME, identity_protected=True, pseudonym=PSEUDONYM)
    InvitationFactory(session=session, participant=protected)
    AgendaItemFactory(session=session, title="Hotline options", lead=protected)
    return session


def printed_text(page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_the_team_page_prints_pseudonyms_and_no_editing_tools(
    page, login, live_server, facilitated
):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{facilitated.get_absolute_url()}")
    assert REAL_NAME in page.content()
    text = printed_text(page)
    assert "Hotline options" in text
    assert PSEUDONYM in text
    assert REAL_NAME not in text
    for tool in ("Sign out", "Invite someone", "Remove", "Save"):
        assert tool not in text, tool


def test_the_pack_prints_alone(page, login, live_server, facilitated):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}/sessions/{facilitated.pk}/briefing/")
    text = printed_text(page)
    assert "Round 3: options" in text
    assert "The rule: Chatham House Rule" in text
    assert "Download as PDF" not in text
    assert "Sign out" not in text
