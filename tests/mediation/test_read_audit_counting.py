"""The read audit counts repeated reads and names what was read (mediation/audit.py).

One person reading one thing again within an hour of their first read is one event with a
count; anything else is an event of its own. Each event names the reader and the thing in
words, and a person only as the audit's reader may see them.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, OperationalError, connections, transaction
from django.urls import reverse

from mediation import audit
from mediation.models import ReadEvent
from tests.factories import (
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
    UserFactory,
)


@pytest.fixture
def record(session):
    return SessionRecordFactory(session=session)


def _open_page(client, session):
    assert client.get(session.get_absolute_url()).status_code == 200


def _earlier(event: ReadEvent, minutes: int) -> None:
    """Move an event's reads back in time, as if they had happened `minutes` ago."""
    back = timedelta(minutes=minutes)
    ReadEvent.objects.filter(pk=event.pk).update(at=event.at - back, last_at=event.last_at - back)


def _about(event: ReadEvent) -> str:
    return ReadEvent.objects.select_related("session", "participant").get(pk=event.pk).about


# --- Counting ---------------------------------------------------------------------------------


def test_reading_a_record_again_within_the_hour_counts_on_one_event(
    facilitator_client, facilitator, session, record
):
    for _ in range(3):
        _open_page(facilitator_client, session)
    event = ReadEvent.objects.get(kind=ReadEvent.Kind.RECORD)
    assert (event.user, event.object_id, event.times) == (facilitator, record.pk, 3)
    assert event.at <= event.last_at


def test_a_read_59_minutes_after_the_first_still_counts_on_it(facilitator_client, session, record):
    _open_page(facilitator_client, session)
    _earlier(ReadEvent.objects.get(), minutes=59)
    _open_page(facilitator_client, session)
    event = ReadEvent.objects.get()
    assert event.times == 2
    assert event.last_at - event.at >= timedelta(minutes=59)


def test_a_read_more_than_an_hour_after_the_first_opens_a_new_event(
    facilitator_client, session, record
):
    _open_page(facilitator_client, session)
    _earlier(ReadEvent.objects.get(), minutes=61)
    _open_page(facilitator_client, session)
    _open_page(facilitator_client, session)
    older, newer = ReadEvent.objects.order_by("at")
    assert (older.times, newer.times) == (1, 2)
    assert newer.at - older.at >= timedelta(minutes=61)
    assert (older.latest, newer.latest) == (False, True)


def test_the_hour_runs_from_the_first_read_not_the_last(facilitator, session):
    """Steady reading does not keep one event open all day: after an hour, a new one."""
    audit.history_read(facilitator, session, session.process_id)
    event = ReadEvent.objects.get()
    ReadEvent.objects.filter(pk=event.pk).update(at=event.at - timedelta(minutes=70))
    audit.history_read(facilitator, session, session.process_id)
    assert list(ReadEvent.objects.order_by("at").values_list("times", flat=True)) == [1, 1]


def test_other_readers_and_other_things_are_events_of_their_own(
    facilitator_client, organizer_client, facilitator, organizer, session, record, other_session
):
    other_record = SessionRecordFactory(session=other_session)
    _open_page(facilitator_client, session)
    _open_page(organizer_client, session)
    _open_page(organizer_client, other_session)
    _open_page(organizer_client, other_session)
    counted = {(e.user, e.object_id): e.times for e in ReadEvent.objects.all()}
    assert counted == {
        (facilitator, record.pk): 1,
        (organizer, record.pk): 1,
        (organizer, other_record.pk): 2,
    }


def test_other_kinds_of_read_of_the_same_session_are_events_of_their_own(facilitator, session):
    audit.export_read(facilitator, session)
    audit.history_read(facilitator, session, session.process_id)
    audit.export_read(facilitator, session)
    counted = dict(ReadEvent.objects.values_list("kind", "times"))
    assert counted == {ReadEvent.Kind.EXPORT: 2, ReadEvent.Kind.HISTORY: 1}


def test_a_person_read_outside_any_process_is_counted_too(organizer):
    person = ParticipantFactory(identity_protected=True, pseudonym="Echo")
    for _ in range(2):
        audit.person_identity_read(organizer, person, [])
    event = ReadEvent.objects.get()
    assert (event.process_id, event.times) == (None, 2)


def test_a_read_without_a_signed_in_reader_is_kept_on_its_own(session):
    audit.history_read(AnonymousUser(), session, session.process_id)
    audit.history_read(AnonymousUser(), session, session.process_id)
    assert list(ReadEvent.objects.values_list("user", "times")) == [(None, 1), (None, 1)]


def test_the_first_read_and_the_next_cost_the_same_queries(facilitator, session, count_queries):
    """A page costs the same on its first view of the hour and its tenth."""

    def read():
        audit.export_read(facilitator, session)

    assert count_queries(read) == count_queries(read)
    assert ReadEvent.objects.get().times == 2


# --- Two requests at once ---------------------------------------------------------------------


def test_the_database_holds_one_open_event_per_reader_and_thing(facilitator, session):
    """What keeps concurrent counting right: a second open event is refused outright."""
    audit.export_read(facilitator, session)
    duplicate = ReadEvent.objects.values().get()
    duplicate.pop("id")
    for fields in (duplicate, {**duplicate, "process_id": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReadEvent.objects.create(**fields)
            ReadEvent.objects.create(**fields)


def _retrying_on_shared_cache_locks(call):
    """pytest-django's in-memory SQLite fails at once on a busy table where a deployment's
    file database waits (see test_agenda_concurrent_writes.py); each failed attempt was
    rolled back whole, so retrying stands in for the wait."""
    for _ in range(500):
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.002)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_reads_at_the_same_moment_land_on_one_event_and_all_count():
    reader = UserFactory(username="busy-reader")
    session = DialogueSessionFactory()
    threads_count, reads_each = 4, 10
    start = threading.Barrier(threads_count)
    errors = []

    def reader_thread():
        try:
            start.wait()
            for _ in range(reads_each):
                _retrying_on_shared_cache_locks(lambda: audit.export_read(reader, session))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader_thread) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert list(ReadEvent.objects.values_list("times", flat=True)) == [threads_count * reads_each]


# --- Names ------------------------------------------------------------------------------------


def test_a_record_read_is_named_by_the_sessions_title(facilitator_client, session, record):
    _open_page(facilitator_client, session)
    assert _about(ReadEvent.objects.get()) == session.title


def test_an_export_and_a_sessions_identities_are_named_by_its_title(facilitator, session):
    audit.export_read(facilitator, session)
    audit.session_identities_read(facilitator, session)
    assert {_about(e) for e in ReadEvent.objects.all()} == {session.title}


def test_a_protected_person_is_named_by_pseudonym_only(organizer_client, session):
    person = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=person)
    page = organizer_client.get(reverse("admin:mediation_participant_change", args=[person.pk]))
    assert "Real Secret Name" in page.content.decode()  # their own page shows the name...
    event = ReadEvent.objects.get()
    # ...and the audit of that reading does not.
    assert _about(event) == "Participant K (protected identity)"
    assert "Real Secret Name" not in str(ReadEvent.objects.values().get())


def test_a_person_protected_after_the_read_is_named_by_pseudonym_from_then_on(organizer, session):
    person = ParticipantFactory(name="Soon Hidden")
    invitation = InvitationFactory(session=session, participant=person)
    audit.history_read(organizer, person, session.process_id)
    audit.history_read(organizer, invitation, session.process_id)
    assert sorted(_about(e) for e in ReadEvent.objects.all()) == [
        "Soon Hidden",
        f"Soon Hidden · {session.title}",
    ]
    person.identity_protected, person.pseudonym = True, "Foxtrot"
    person.save()
    assert sorted(_about(e) for e in ReadEvent.objects.all()) == [
        "Foxtrot (protected identity)",
        f"Foxtrot (protected identity) · {session.title}",
    ]
    assert "Soon Hidden" not in str(list(ReadEvent.objects.values()))


def test_a_history_read_is_named_by_the_objects_label(organizer, session):
    topic = TopicFactory(process=session.process, title="Water sharing")
    item = AgendaItemFactory(session=session, title="Opening", position=1)
    audit.history_read(organizer, topic, session.process_id)
    audit.history_read(organizer, item, session.process_id)
    audit.history_read(organizer, session.process, session.process_id)
    assert sorted(_about(e) for e in ReadEvent.objects.all()) == sorted(
        ["Water sharing", f"{session.title} · 1. Opening", session.process.title]
    )


def test_a_deleted_session_leaves_its_event_unnamed_but_kept(facilitator, process):
    session = DialogueSessionFactory(process=process)
    audit.export_read(facilitator, session)
    session_id = session.pk
    session.delete()
    event = ReadEvent.objects.get()
    assert (_about(event), event.object_id) == ("(deleted)", session_id)


def test_the_reader_is_named_in_full_and_by_username(facilitator, session):
    facilitator.first_name, facilitator.last_name = "Lena", "Hartmann"
    facilitator.save()
    audit.export_read(facilitator, session)
    assert ReadEvent.objects.select_related("user").get().reader == "Lena Hartmann (facilitator)"
    facilitator.delete()
    assert ReadEvent.objects.select_related("user").get().reader == "facilitator"
