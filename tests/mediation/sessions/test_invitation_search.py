"""Searching for someone to invite: who each editor finds (people already in the process;
outsiders only by exact address), how protected people show, search as you type, and
the read audit of a real name shown."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation import access
from mediation.models import ReadEvent
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProcessMemberFactory,
)
from tests.mediation.sessions.invitation_helpers import HTMX, search

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
    field = re.search(r'<input type="search" id="invite-q"[^>]*>', content).group(0)
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
