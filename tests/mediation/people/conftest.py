"""The protected person the organizers-kept-apart tests revolve around."""

import pytest

from tests.factories import InvitationFactory, ParticipantFactory, UserFactory


@pytest.fixture
def ri(session):
    """A protected participant of the organizer's process, with an account."""
    user = UserFactory(username="p-ri000000", email="ri.cholmin@example.org")
    person = ParticipantFactory(
        name="Ri Chol-min",
        identity_protected=True,
        pseudonym="Delta",
        email="ri.cholmin@example.org",
        user=user,
        affiliation="Korean People's Army (retired)",
    )
    InvitationFactory(session=session, participant=person)
    return person
