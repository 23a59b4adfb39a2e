"""Editing the session record: saving the record and its items, bad input kept, safe
markdown, the read trace; and optimistic locking when two people save at once."""

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client

from mediation.models import DialogueSession, ItemRecord, ReadEvent, SessionRecord, Topic
from mediation.records import services as record_services
from tests.factories import (
    AgendaItemFactory,
    ItemRecordFactory,
    SessionRecordFactory,
    TopicFactory,
    UserFactory,
)
from tests.mediation.records.record_helpers import HTMX, edit_url, record_post

# --- Editing --------------------------------------------------------------------------


def test_the_editor_page_and_its_htmx_fragment(session, facilitator_client):
    page = facilitator_client.get(edit_url(session))
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert 'name="version" value="1"' in page.content.decode()
    fragment = facilitator_client.get(edit_url(session), **HTMX)
    assert "<html" not in fragment.content.decode()
    assert 'id="record"' in fragment.content.decode()


def test_a_plain_save_with_only_the_record_fields_creates_the_record(
    session, facilitator, facilitator_client
):
    item = AgendaItemFactory(session=session)
    response = facilitator_client.post(edit_url(session), record_post())
    assert response.status_code == 302
    assert response["Location"] == f"{session.get_absolute_url()}#record"
    record = SessionRecord.objects.get(session=session)
    assert record.internal_notes == "Room felt tense."
    assert record.summary == "Participants explored options."
    assert record.outcomes == "A working group."
    assert record.version == 2
    assert record.updated_by == facilitator
    assert not ItemRecord.objects.filter(agenda_item=item).exists()
    assert record.history.first().history_user == facilitator


def test_absent_item_forms_leave_item_records_unchanged(session, facilitator_client):
    item_record = ItemRecordFactory(
        agenda_item=AgendaItemFactory(session=session), discussion="Kept"
    )
    record = item_record.record
    facilitator_client.post(edit_url(session), record_post(version=record.version))
    item_record.refresh_from_db()
    assert item_record.discussion == "Kept"


def test_saving_an_item_creates_its_record_and_moves_the_topic(session, facilitator_client):
    topic = TopicFactory(process=session.process)
    item = AgendaItemFactory(session=session, topic=topic)
    prefix = f"item-{item.pk}"
    response = facilitator_client.post(
        edit_url(session),
        record_post(
            **{
                f"{prefix}-present": "1",
                f"{prefix}-discussion": "Both sides set out constraints.",
                f"{prefix}-convergence": "Water sharing",
                f"{prefix}-divergence": "Timeline",
                f"{prefix}-topic_status": "convergence",
            }
        ),
    )
    assert response.status_code == 302
    item_record = ItemRecord.objects.get(agenda_item=item)
    assert item_record.discussion == "Both sides set out constraints."
    assert item_record.convergence == "Water sharing"
    assert item_record.divergence == "Timeline"
    topic.refresh_from_db()
    assert topic.status == Topic.Status.CONVERGENCE


def test_an_htmx_save_returns_the_record_section(session, facilitator_client):
    response = facilitator_client.post(edit_url(session), record_post(), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="record"' in content
    assert "Room felt tense." in content


def test_bad_input_keeps_the_text_and_saves_nothing(session, facilitator_client):
    response = facilitator_client.post(
        edit_url(session), record_post(summary="bad\x00byte", internal_notes="Keep me")
    )
    assert response.status_code == 200
    assert "Keep me" in response.content.decode()
    assert 'aria-describedby="id_summary_helptext id_summary_error"' in response.content.decode()
    assert not SessionRecord.objects.filter(session=session).exists()


def test_over_long_text_is_refused(session, facilitator_client):
    response = facilitator_client.post(edit_url(session), record_post(outcomes="x" * 50_001))
    assert response.status_code == 200
    assert not SessionRecord.objects.filter(session=session).exists()


def test_record_text_is_rendered_as_safe_markdown(session, facilitator_client):
    SessionRecordFactory(
        session=session, internal_notes="**bold** <script>alert(1)</script>", summary="ok"
    )
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in content
    assert "<script>alert(1)" not in content


def test_opening_the_editor_leaves_a_read_trace(session, facilitator, facilitator_client):
    record = SessionRecordFactory(session=session)
    facilitator_client.get(edit_url(session))
    event = ReadEvent.objects.get(object_id=record.pk)
    assert event.user == facilitator
    assert event.kind == ReadEvent.Kind.RECORD
    assert event.process_id == session.process_id


# --- Optimistic locking ---------------------------------------------------------------


def test_a_stale_save_is_refused_and_shows_both_versions(session, facilitator_client):
    other = UserFactory(username="colleague", first_name="Carla", last_name="Colleague")
    session.facilitators.add(other)
    colleague = Client()
    colleague.force_login(other)
    record = SessionRecordFactory(session=session, internal_notes="Original")
    version = record.version
    colleague.post(edit_url(session), record_post(version=version, internal_notes="Theirs"))
    response = facilitator_client.post(
        edit_url(session), record_post(version=version, internal_notes="Mine, typed late")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "someone else saved this record" in content
    # static/js/a11y.js moves focus to the notice, away from "Save the record".
    assert 'class="conflict" role="alert" tabindex="-1" data-focus-first' in content
    assert "Carla Colleague" in content
    assert "Theirs" in content
    assert "Mine, typed late" in content
    assert f'name="version" value="{version + 1}"' in content
    record.refresh_from_db()
    assert record.internal_notes == "Theirs"
    assert record.version == version + 1


def test_saving_again_after_a_conflict_goes_through(session, facilitator_client):
    record = SessionRecordFactory(session=session)
    record_services.session_record_save(
        session=session,
        user=UserFactory(),
        version=record.version,
        internal_notes="Theirs",
        summary="",
        outcomes="",
    )
    facilitator_client.post(edit_url(session), record_post(version=record.version))
    response = facilitator_client.post(edit_url(session), record_post(version=record.version + 1))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.internal_notes == "Room felt tense."


def test_two_facilitators_saving_at_once_one_wins_one_is_told(
    transactional_db, session, facilitator
):
    other = UserFactory(username="colleague")
    session.facilitators.add(other)
    record = SessionRecordFactory(session=session, internal_notes="Original")
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, text):
        barrier.wait()
        try:
            for _attempt in range(200):
                try:
                    record_services.session_record_save(
                        session=DialogueSession.objects.get(pk=session.pk),
                        user=user,
                        version=record.version,
                        internal_notes=text,
                        summary="",
                        outcomes="",
                    )
                    outcomes[text] = "saved"
                    return
                except record_services.RecordConflict:
                    outcomes[text] = "conflict"
                    return
                except OperationalError as error:
                    # The test database is SQLite in memory with a shared cache, whose table
                    # locks fail at once where a file database waits (busy timeout): wait
                    # here instead. The transaction was rolled back, so nothing half-done.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            outcomes[text] = "never ran"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(facilitator, "First hand")),
        threading.Thread(target=save, args=(other, "Second hand")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    record.refresh_from_db()
    winner = next(text for text, result in outcomes.items() if result == "saved")
    assert record.internal_notes == winner
    assert record.version == 2
    assert record.history.filter(history_type="~").count() == 1


def test_a_record_text_over_the_limit_is_refused_by_the_service_and_the_model(
    session, facilitator
):
    from django.core.exceptions import ValidationError

    from mediation.models.records import RECORD_TEXT_MAX

    record = SessionRecordFactory(session=session, summary="Short.")
    with pytest.raises(record_services.RecordRefused):
        record_services.session_record_save(
            session=session,
            user=facilitator,
            version=record.version,
            internal_notes="",
            summary="x" * (RECORD_TEXT_MAX + 1),
            outcomes="",
        )
    record.refresh_from_db()
    assert record.summary == "Short."
    record.outcomes = "y" * (RECORD_TEXT_MAX + 1)
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert set(refused.value.message_dict) == {"outcomes"}
