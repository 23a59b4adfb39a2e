"""How an agenda item's lead is named depends on who reads the agenda, and on consent."""

from mediation.models import Consent
from tests.factories import (
    AgendaItemFactory,
    ConsentFactory,
    InvitationFactory,
    ParticipantFactory,
)


def _item_led_by(session, **person):
    lead = ParticipantFactory(**person)
    InvitationFactory(session=session, participant=lead)
    AgendaItemFactory(session=session, title="Opening round", lead=lead)
    return lead


def test_participants_read_a_lead_who_agreed_to_be_listed(session, participant_client):
    lead = _item_led_by(session, name="Hyun-woo Park")
    ConsentFactory(participant=lead, process=session.process, kind=Consent.Kind.LISTED)
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Hyun-woo Park" in content


def test_participants_never_read_the_name_of_a_lead_who_did_not_agree(session, participant_client):
    _item_led_by(session, name="Hyun-woo Park")
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Opening round" in content
    assert "Hyun-woo Park" not in content
    assert "a participant" in content


def test_a_protected_lead_appears_by_pseudonym_only(session, participant_client):
    lead = _item_led_by(
        session, name="Hyun-woo Park", identity_protected=True, pseudonym="Participant K"
    )
    ConsentFactory(participant=lead, process=session.process, kind=Consent.Kind.LISTED)
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Participant K" in content
    assert "Hyun-woo Park" not in content


def test_the_team_reads_the_lead_by_name(session, facilitator_client):
    _item_led_by(session, name="Hyun-woo Park", identity_protected=True, pseudonym="K")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Hyun-woo Park" in content
