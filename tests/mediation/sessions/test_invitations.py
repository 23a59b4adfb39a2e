"""Invitations and attendance on the session page: search, invite, keep, withdraw, balance."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from mediation import access
from mediation.models import Invitation, Participant, ReadEvent
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SideFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def search(client, session, q, **headers):
    return client.get(reverse("session_invitation_search", args=[session.pk]), {"q": q}, **headers)


def add_url(session):
    return reverse("session_invitation_add", args=[session.pk])


def update_url(invitation):
    return reverse("session_invitation_update", args=[invitation.session_id, invitation.pk])


def remove_url(invitation):
    return reverse("session_invitation_remove", args=[invitation.session_id, invitation.pk])


def message_texts(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def start_session(session, hours_ago=1):
    session.starts_at = timezone.now() - timedelta(hours=hours_ago)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()


@pytest.fixture
def known(other_session):
    """Someone already associated with the process: invited to its other session."""
    person = ParticipantFactory(
        name="Kim Soo-yeon", affiliation="Institute for Peace Studies", pseudonym=""
    )
    InvitationFactory(session=other_session, participant=person)
    return person


# --- Search -------------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["soo-yeon", "KIM", "peace studies"])
def test_facilitators_find_people_already_in_the_process(session, known, facilitator_client, q):
    content = search(facilitator_client, session, q).content.decode()
    assert "Kim Soo-yeon" in content


def test_search_finds_a_protected_person_by_pseudonym_and_shows_only_that(
    session, other_session, facilitator_client
):
    hidden = ParticipantFactory(
        name="Ri Chol-min", identity_protected=True, pseudonym="Delta", affiliation="KPA"
    )
    InvitationFactory(session=other_session, participant=hidden)
    content = search(facilitator_client, session, "delta").content.decode()
    assert "Delta" in content
    assert "Ri Chol-min" not in content
    assert "KPA" not in content


def test_a_protected_person_is_not_found_by_a_real_name_the_searcher_may_not_see(
    session, other_session, facilitator_client
):
    hidden = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="Delta")
    InvitationFactory(session=other_session, participant=hidden)
    content = search(facilitator_client, session, "chol-min").content.decode()
    assert "Delta" not in content
    assert "Nobody you may invite matches" in content


def test_the_team_of_a_protected_persons_session_finds_them_by_name(
    session, other_session, facilitator, facilitator_client
):
    hidden = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="Delta")
    InvitationFactory(session=other_session, participant=hidden)
    other_session.facilitators.add(facilitator)
    content = search(facilitator_client, session, "chol-min").content.decode()
    assert "Ri Chol-min (Delta)" in content


def test_facilitators_do_not_search_the_whole_roster(session, facilitator_client):
    ParticipantFactory(name="Kim Outsider")
    content = search(facilitator_client, session, "kim").content.decode()
    assert "Kim Outsider" not in content
    assert "Nobody you may invite matches" in content


def test_organizers_search_the_people_of_their_processes(session, organizer, organizer_client):
    elsewhere = DialogueProcessFactory(organizers=[organizer])
    ProcessMemberFactory(process=elsewhere, participant=ParticipantFactory(name="Kim Mine"))
    ParticipantFactory(name="Kim Outsider")
    content = search(organizer_client, session, "kim").content.decode()
    assert "Kim Mine" in content
    assert "Kim Outsider" not in content


def test_organizers_find_someone_of_another_process_only_by_exact_address(
    session, organizer_client
):
    outsider = ParticipantFactory(name="Kim Outsider", email="kim@example.org")
    InvitationFactory(session=DialogueSessionFactory(), participant=outsider)
    assert "Kim Outsider" not in search(organizer_client, session, "kim@").content.decode()
    content = search(organizer_client, session, "KIM@example.org").content.decode()
    assert "Kim Outsider" in content
    response = organizer_client.post(
        reverse("session_invitation_add", args=[session.pk]),
        {"participant": outsider.pk, "found_by": "kim@example.org"},
    )
    assert response.status_code == 302
    assert session.invitations.filter(participant=outsider).exists()


def test_an_invitation_of_an_outsider_without_the_exact_address_is_refused(
    session, organizer_client
):
    outsider = ParticipantFactory(name="Kim Outsider", email="kim@example.org")
    response = organizer_client.post(
        reverse("session_invitation_add", args=[session.pk]),
        {"participant": outsider.pk, "found_by": "kim"},
    )
    assert response.status_code == 302
    assert not session.invitations.filter(participant=outsider).exists()


def test_a_protected_outsider_is_found_neither_by_address_nor_by_pseudonym_alone(
    session, organizer_client
):
    ParticipantFactory(
        name="Ri Chol-min", identity_protected=True, pseudonym="Delta", email="ri@example.org"
    )
    for term in ("ri@example.org", "delta", "Delta"):
        content = search(organizer_client, session, term, **HTMX).content.decode()
        assert 'name="participant"' not in content, term
        assert "Ri Chol-min" not in content, term


def test_archived_and_already_invited_people_are_not_offered(
    session, known, participant, organizer_client
):
    known.archived_at = timezone.now()
    known.save()
    content = search(organizer_client, session, "kim", **HTMX).content.decode()
    assert "Kim Soo-yeon" not in content
    content = search(organizer_client, session, "Amina", **HTMX).content.decode()
    assert participant.participant.name not in content
    assert "Nobody you may invite matches" in content


def test_people_of_archived_sessions_are_not_associated_with_the_process(
    session, facilitator, facilitator_client
):
    archived = DialogueSessionFactory(process=session.process, archived_at=timezone.now())
    InvitationFactory(session=archived, participant=ParticipantFactory(name="Kim Archived"))
    assert "Kim Archived" not in search(facilitator_client, session, "kim").content.decode()
    assert not access.participants_invitable_to(facilitator, session).filter(name="Kim Archived")


def test_people_of_another_process_are_not_offered_to_facilitators(session, facilitator_client):
    elsewhere = DialogueSessionFactory(process=DialogueProcessFactory())
    InvitationFactory(session=elsewhere, participant=ParticipantFactory(name="Kim Elsewhere"))
    assert "Kim Elsewhere" not in search(facilitator_client, session, "kim").content.decode()


def test_search_results_are_bounded(session, organizer_client):
    for i in range(25):
        ProcessMemberFactory(
            process=session.process, participant=ParticipantFactory(name=f"Kim Number {i:02d}")
        )
    content = search(organizer_client, session, "kim number").content.decode()
    assert content.count('name="participant"') == 20


def test_search_as_you_type_returns_the_candidates_fragment(session, known, facilitator_client):
    response = search(facilitator_client, session, "kim", **HTMX)
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="invitation-candidates"' in content
    assert "Kim Soo-yeon" in content
    assert "no-store" in response["Cache-Control"]


def test_search_without_javascript_shows_the_whole_page(session, known, facilitator_client):
    content = search(facilitator_client, session, "kim").content.decode()
    assert "<html" in content
    assert 'id="invitation-candidates"' in content
    assert 'value="kim"' in content
    assert "Kim Soo-yeon" in content


def test_the_search_field_searches_as_you_type(session, facilitator_client):
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    field = re.search(r'<input type="search"[^>]*>', content).group(0)
    assert 'hx-trigger="input changed delay:300ms' in field
    assert f'hx-get="{reverse("session_invitation_search", args=[session.pk])}"' in field


@pytest.mark.parametrize("q", ["", "   ", "x" * 500])
def test_odd_queries_find_nobody_and_do_not_fail(session, known, organizer_client, q):
    response = search(organizer_client, session, q, **HTMX)
    assert response.status_code == 200
    assert "Kim Soo-yeon" not in response.content.decode()


def test_a_nul_byte_in_the_search_is_a_bad_request(session, known, organizer_client):
    # Refused before any view (config/middleware.py): on PostgreSQL it would be a DataError.
    response = search(organizer_client, session, "\x00", **HTMX)
    assert response.status_code == 400
    assert "Kim Soo-yeon" not in response.content.decode()


def test_search_query_count_does_not_grow_with_the_roster(
    session, organizer_client, count_queries
):
    def roster(name, **kwargs):
        person = ParticipantFactory(name=name, **kwargs)
        ProcessMemberFactory(process=session.process, participant=person)

    roster("Kim First")
    roster("Kim Protected", identity_protected=True, pseudonym="Kim P")  # audited: a write
    small = count_queries(lambda: search(organizer_client, session, "kim", **HTMX))
    for i in range(15):
        roster(f"Kim {i}", identity_protected=bool(i % 2), pseudonym=f"Kim P{i}")
        ParticipantFactory(name=f"Kim elsewhere {i}")
    response = search(organizer_client, session, "kim", **HTMX)
    assert response.content.decode().count('name="participant"') == 17
    assert count_queries(lambda: search(organizer_client, session, "kim", **HTMX)) == small


# --- Inviting -----------------------------------------------------------------------------


def test_inviting_someone_found(session, known, facilitator_client):
    response = facilitator_client.post(add_url(session), {"participant": str(known.pk)})
    assert response.status_code == 302
    assert response["Location"] == f"{session.get_absolute_url()}#invitations"
    invitation = session.invitations.get(participant=known)
    assert invitation.response == Invitation.Response.INVITED
    assert invitation.role == Invitation.Role.PARTICIPANT
    assert "Kim Soo-yeon is invited." in message_texts(response)


def test_htmx_invite_returns_the_invitations_fragment(session, known, facilitator_client):
    response = facilitator_client.post(
        add_url(session), {"participant": str(known.pk), "role": "observer"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="invitations"' in content
    assert "Kim Soo-yeon" in content
    assert session.invitations.get(participant=known).role == Invitation.Role.OBSERVER


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda s, p: ParticipantFactory().pk, id="outside the process"),
        pytest.param(lambda s, p: p.participant.pk, id="already invited"),
        pytest.param(
            lambda s, p: ParticipantFactory(archived_at=timezone.now()).pk, id="archived"
        ),
        pytest.param(lambda s, p: "not-a-uuid", id="garbage"),
        pytest.param(lambda s, p: "\x00", id="nul"),
    ],
)
def test_people_the_facilitator_may_not_invite_are_refused(
    session, participant, facilitator_client, who
):
    before = Invitation.objects.count()
    response = facilitator_client.post(
        add_url(session), {"participant": str(who(session, participant))}
    )
    assert response.status_code == 302
    assert "invite" in message_texts(response).lower()
    assert Invitation.objects.count() == before


def test_an_unknown_role_is_refused(session, known, facilitator_client):
    facilitator_client.post(add_url(session), {"participant": str(known.pk), "role": "boss"})
    assert not session.invitations.filter(participant=known).exists()


# --- Keeping an invitation: role, side, capacity, attendance -------------------------------


@pytest.fixture
def invitation(session, participant):
    return session.invitations.get(participant=participant.participant)


def test_setting_side_capacity_and_role(session, invitation, facilitator_client):
    side = SideFactory(process=session.process, name="North")
    response = facilitator_client.post(
        update_url(invitation),
        {"role": "resource_person", "side": str(side.pk), "capacity": "official"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.role, invitation.side, invitation.capacity) == (
        "resource_person",
        side,
        "official",
    )


@pytest.mark.parametrize(("value", "stored"), [("yes", True), ("no", False), ("", None)])
def test_marking_attendance_once_the_session_started(
    session, invitation, facilitator_client, value, stored
):
    start_session(session)
    response = facilitator_client.post(
        update_url(invitation),
        {"role": "participant", "capacity": "personal", "attended": value},
        **HTMX,
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="invitations"' in content
    invitation.refresh_from_db()
    assert invitation.attended is stored


def test_attendance_cannot_be_noted_before_the_session(session, invitation, facilitator_client):
    response = facilitator_client.post(
        update_url(invitation), {"role": "participant", "capacity": "personal", "attended": "yes"}
    )
    assert response.status_code == 200
    assert "Attendance can be noted once the session has started." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.attended is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"side": "foreign"}, "side"),
        ({"side": "not-a-uuid"}, "side"),
        ({"role": "boss"}, "role"),
        ({"role": "\x00"}, "role"),
        ({"capacity": ""}, "capacity"),
        ({"attended": "maybe"}, "attended"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_bad_invitation_values_change_nothing(
    session, invitation, facilitator_client, change, field, htmx
):
    start_session(session)
    if change.get("side") == "foreign":
        change = {"side": str(SideFactory().pk)}  # a side of another process
    data = {"role": "observer", "capacity": "official", "attended": "yes", **change}
    response = facilitator_client.post(update_url(invitation), data, **(HTMX if htmx else {}))
    content = response.content.decode()
    assert response.status_code == 200
    assert ("<html" in content) is not htmx
    field_id = f"invitation-{invitation.pk}-{field}"
    tag = re.search(rf'<(?:input|select)\b[^>]*\bid="{field_id}"[^>]*>', content).group(0)
    assert f"{field_id}_error" in tag
    invitation.refresh_from_db()
    assert (invitation.role, invitation.capacity, invitation.attended, invitation.side) == (
        "participant",
        "personal",
        None,
        None,
    )


# --- Withdrawing --------------------------------------------------------------------------


def test_withdrawing_an_unanswered_invitation(session, invitation, facilitator_client):
    response = facilitator_client.post(remove_url(invitation))
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_htmx_withdraw_returns_the_fragment(session, invitation, facilitator_client):
    content = facilitator_client.post(remove_url(invitation), **HTMX).content.decode()
    assert "<html" not in content and 'id="invitations"' in content
    assert "withdrawn" in content


@pytest.mark.parametrize("answer", ["accepted", "declined", "tentative"])
def test_an_answered_invitation_stays(session, invitation, facilitator_client, answer):
    invitation.response = answer
    invitation.save()
    response = facilitator_client.post(remove_url(invitation))
    assert "has answered" in message_texts(response)
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert remove_url(invitation) not in page


def test_an_invitation_of_another_session_is_not_found_through_this_one(
    session, other_session, facilitator_client
):
    foreign = InvitationFactory(session=other_session)
    for url in (
        reverse("session_invitation_update", args=[session.pk, foreign.pk]),
        reverse("session_invitation_remove", args=[session.pk, foreign.pk]),
    ):
        assert (
            facilitator_client.post(url, {"role": "observer", "capacity": "personal"}).status_code
            == 404
        )
    assert Invitation.objects.filter(pk=foreign.pk, role="participant").exists()


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


def test_a_search_showing_a_protected_real_name_is_in_the_read_audit(
    session, other_session, facilitator, facilitator_client
):
    hidden = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="Delta")
    InvitationFactory(session=other_session, participant=hidden)
    search(facilitator_client, session, "delta")
    assert not ReadEvent.objects.exists()  # the pseudonym alone: nothing to trace
    other_session.facilitators.add(facilitator)
    search(facilitator_client, session, "delta")
    event = ReadEvent.objects.get()
    assert (event.kind, event.user, event.object_id) == (
        ReadEvent.Kind.IDENTITY,
        facilitator,
        session.pk,
    )
