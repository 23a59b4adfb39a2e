"""Fixtures of the invitation tests: someone the process already knows, and the
participant's own invitation to `session`."""

import pytest

from tests.factories import InvitationFactory, ParticipantFactory


@pytest.fixture
def known(other_session):
    """Someone already associated with the process: invited to its other session."""
    person = ParticipantFactory(
        name="Kim Soo-yeon", affiliation="Institute for Peace Studies", pseudonym=""
    )
    InvitationFactory(session=other_session, participant=person)
    return person


@pytest.fixture
def invitation(session, participant):
    return session.invitations.get(participant=participant.participant)
