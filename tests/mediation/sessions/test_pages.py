"""The home, session and process pages: what each persona reads there."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import DialogueSession, SessionRecord
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
)


def test_home_lists_my_sessions_soonest_first(session, facilitator, facilitator_client):
    sooner = DialogueSessionFactory(
        process=session.process,
        facilitators=[facilitator],
        starts_at=session.starts_at - timedelta(days=2),
        title="The sooner one",
    )
    content = facilitator_client.get(reverse("home")).content.decode()
    assert content.index(sooner.title) < content.index(session.title)


def test_home_hides_sessions_the_user_has_no_part_in(session, other_session, participant_client):
    content = participant_client.get(reverse("home")).content.decode()
    assert session.title in content
    assert other_session.title not in content


def test_home_puts_past_sessions_below(session, participant, participant_client):
    past = DialogueSessionFactory(
        process=session.process, starts_at=timezone.now() - timedelta(days=10), title="Gone by"
    )
    InvitationFactory(session=past, participant=participant.participant)
    content = participant_client.get(reverse("home")).content.decode()
    assert content.index("Upcoming sessions") < content.index(session.title)
    assert content.index("Past sessions") < content.index("Gone by")


def test_session_page_shows_times_in_the_session_time_zone(session, participant_client):
    session.time_zone = "Asia/Tokyo"
    session.save()
    content = participant_client.get(session.get_absolute_url()).content.decode()
    local = session.starts_at.astimezone(session.zone)
    assert f"{local:%H:%M}" in content
    assert "Asia/Tokyo" in content


def test_participants_never_read_internal_notes(session, participant_client, facilitator_client):
    SessionRecordFactory(
        session=session,
        internal_notes="Secret read of the room",
        summary="Shared summary",
        state=SessionRecord.State.SHARED,
    )
    as_participant = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Shared summary" in as_participant
    assert "Secret read of the room" not in as_participant
    as_facilitator = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Secret read of the room" in as_facilitator


def test_participants_do_not_read_a_draft_summary(session, participant_client):
    SessionRecordFactory(session=session, summary="Not yet agreed", state="draft")
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Not yet agreed" not in content


def test_protected_identities_appear_by_pseudonym_to_participants(
    session, participant_client, facilitator_client
):
    hidden = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="Delta")
    InvitationFactory(session=session, participant=hidden)
    AgendaItemFactory(session=session, lead=hidden, title="Sequencing")
    # They agreed to be listed to other participants: by pseudonym, as they are protected.
    ConsentFactory(participant=hidden, process=session.process)
    as_participant = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Ri Chol-min" not in as_participant
    assert "Delta" in as_participant
    as_facilitator = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Ri Chol-min" in as_facilitator


def test_participants_do_not_see_others_answers(session, participant_client):
    other = InvitationFactory(session=session, response="declined")
    # Listed only with their consent (see confidentiality.Disclosure.name_of).
    ConsentFactory(participant=other.participant, process=session.process)
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert other.participant.name in content
    assert "Declined" not in content


def test_no_written_record_says_so_where_notes_would_be(session, facilitator_client):
    session.confidentiality = DialogueSession.Confidentiality.NO_RECORD
    session.save()
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "no written record" in content


def test_agenda_shows_start_times_and_warns_when_it_runs_over(session, facilitator_client):
    AgendaItemFactory(session=session, position=1, duration_minutes=120, title="First")
    AgendaItemFactory(session=session, position=2, duration_minutes=90, title="Second")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    second_start = (session.starts_at + timedelta(minutes=120)).astimezone(session.zone)
    assert f"{second_start:%H:%M}" in content
    assert "runs over" in content


def test_participants_see_only_their_own_actions(session, participant, participant_client):
    mine = ActionItemFactory(session=session, owner=participant.participant)
    theirs = ActionItemFactory(session=session, owner=ParticipantFactory())
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert mine.description in content
    assert theirs.description not in content


def test_confidential_pages_are_not_cached(session, participant_client):
    response = participant_client.get(session.get_absolute_url())
    assert "no-store" in response["Cache-Control"]


def test_process_page_lists_only_the_sessions_the_facilitator_may_see(
    session, other_session, facilitator_client
):
    content = facilitator_client.get(session.process.get_absolute_url()).content.decode()
    assert session.title in content
    assert other_session.title not in content


def test_organizers_see_only_processes_they_organize(organizer_client, process):
    foreign = DialogueProcessFactory(title="Someone else's process")
    content = organizer_client.get(reverse("process_list")).content.decode()
    assert process.title in content
    assert foreign.title not in content
    assert organizer_client.get(foreign.get_absolute_url()).status_code == 404


def _fill_session(session, n):
    start = session.agenda_items.count()
    for i in range(n):
        person = ParticipantFactory()
        InvitationFactory(session=session, participant=person)
        item = AgendaItemFactory(
            session=session, position=start + i + 1, lead=person, duration_minutes=5
        )
        ItemRecordFactory(agenda_item=item)
        ConsentFactory(participant=person, process=session.process)
        ActionItemFactory(session=session, owner=person)


@pytest.mark.parametrize("persona", ["facilitator", "participant"])
def test_session_page_query_count_does_not_grow_with_rows(
    session, personas, client, count_queries, persona
):
    client.force_login(personas[persona])
    url = session.get_absolute_url()
    _fill_session(session, 2)
    small = count_queries(lambda: client.get(url))
    _fill_session(session, 20)
    assert count_queries(lambda: client.get(url)) == small


def test_home_query_count_does_not_grow_with_rows(
    session, facilitator, facilitator_client, count_queries
):
    DialogueSessionFactory(
        process=session.process,
        facilitators=[facilitator],
        starts_at=timezone.now() - timedelta(days=30),
    )
    small = count_queries(lambda: facilitator_client.get(reverse("home")))
    for i in range(15):
        DialogueSessionFactory(
            process=session.process,
            facilitators=[facilitator],
            starts_at=timezone.now() + timedelta(days=i - 7),
        )
    assert count_queries(lambda: facilitator_client.get(reverse("home"))) == small


def test_process_page_query_count_does_not_grow_with_rows(
    session, organizer_client, count_queries
):
    url = session.process.get_absolute_url()
    # One topic to start with: a process without topics has no briefings to look up.
    TopicFactory(process=session.process)
    small = count_queries(lambda: organizer_client.get(url))
    for _ in range(10):
        DialogueSessionFactory(process=session.process)
        TopicFactory(process=session.process)
        ActionItemFactory(session=session, owner=ParticipantFactory())
    assert count_queries(lambda: organizer_client.get(url)) == small


def test_process_page_query_count_does_not_grow_for_a_facilitator(
    session, facilitator_client, count_queries
):
    url = session.process.get_absolute_url()
    TopicFactory(process=session.process)  # as above: topics, then briefings, are looked up
    small = count_queries(lambda: facilitator_client.get(url))
    for i in range(10):
        topic = TopicFactory(process=session.process)
        AgendaItemFactory(session=session, topic=topic, position=i + 1)
        hidden = DialogueSessionFactory(process=session.process)
        AgendaItemFactory(session=hidden, topic=TopicFactory(process=session.process), position=1)
        ActionItemFactory(session=session, topic=topic)
        ActionItemFactory(session=hidden)
    assert count_queries(lambda: facilitator_client.get(url)) == small


def test_only_organizers_of_the_process_get_the_admin_link(
    session, facilitator_client, organizer_client
):
    admin_link = f"/admin/mediation/dialoguesession/{session.pk}/change/"
    assert admin_link not in facilitator_client.get(session.get_absolute_url()).content.decode()
    assert admin_link in organizer_client.get(session.get_absolute_url()).content.decode()


def test_the_confidentiality_rule_links_to_its_glossary_entry(session, participant_client):
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert 'href="/glossary/chatham-house-rule/"' in content


def test_the_track_and_categories_link_to_the_glossary(session, organizer_client):
    process_page = organizer_client.get(session.process.get_absolute_url()).content.decode()
    assert 'href="/glossary/track-ii/"' in process_page
    session_page = organizer_client.get(session.get_absolute_url()).content.decode()
    assert 'href="/glossary/academic/"' in session_page
