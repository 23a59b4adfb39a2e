"""What editors read of the invitations on the session page: each answer and note, the
balance of the room by side and category, and the page's query count at two sizes."""

import re

from mediation.models import Participant
from tests.factories import InvitationFactory, ParticipantFactory, SideFactory
from tests.mediation.sessions.invitation_helpers import HTMX, start_session, update_url

# --- What editors read --------------------------------------------------------------------


def test_editors_read_each_answer_and_note(session, facilitator_client, participant_client):
    # Another invitee's answer and note: the participant persona must not read them (their
    # own note, in their own answer form, is theirs to read).
    invitation = InvitationFactory(
        session=session, response="tentative", note="Arriving late because of the border."
    )
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Tentative" in content
    assert "Arriving late because of the border." in content
    as_participant = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Arriving late" not in as_participant
    assert update_url(invitation) not in as_participant


def test_the_balance_of_the_room_by_side_and_category(session, invitation, facilitator_client):
    start_session(session)
    north = SideFactory(process=session.process, name="North")
    south = SideFactory(process=session.process, name="South")
    invitation.side = north
    invitation.response = "accepted"
    invitation.attended = True
    invitation.save()
    InvitationFactory(
        session=session,
        side=north,
        response="accepted",
        attended=False,
        participant=ParticipantFactory(category=Participant.Category.RETIRED_MILITARY),
    )
    InvitationFactory(
        session=session,
        side=south,
        response="declined",
        participant=ParticipantFactory(category=Participant.Category.RETIRED_MILITARY),
    )
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    pattern = r'<tr><th scope="row">([^<]+)</th>((?:<td>[^<]*</td>)+)</tr>'
    rows = dict(re.findall(pattern, content))
    cells = {label: re.findall(r"<td>([^<]*)</td>", html) for label, html in rows.items()}
    assert cells["North"] == ["2", "2", "1"]
    assert cells["South"] == ["1", "0", "0"]
    assert cells["Academic"] == ["1", "1", "1"]
    assert cells["Retired military official"] == ["2", "1", "0"]


def test_the_balance_waits_for_attendance_to_be_known(session, invitation, facilitator_client):
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert re.search(r'<th scope="row">Academic</th><td>1</td><td>0</td><td>—</td>', content)


def test_the_invitations_query_count_does_not_grow(session, facilitator_client, count_queries):
    start_session(session)
    url = session.get_absolute_url()

    def grow(n):
        for _ in range(n):
            InvitationFactory(
                session=session,
                side=SideFactory(process=session.process),
                response="accepted",
                attended=True,
                note="A note",
            )

    grow(2)
    small = count_queries(lambda: facilitator_client.get(url))
    grow(15)
    assert count_queries(lambda: facilitator_client.get(url)) == small
    invitation = session.invitations.first()
    data = {"role": "observer", "capacity": "personal"}
    fragment = count_queries(lambda: facilitator_client.post(update_url(invitation), data, **HTMX))
    grow(5)
    assert (
        count_queries(lambda: facilitator_client.post(update_url(invitation), data, **HTMX))
        == fragment
    )
