"""The admin as the organizers' safe, the read audit: read-only, scoped to the organizer's
processes, one readable line per reader, thing and hour, filtered by process, reader, kind
and date, and searched by the words it shows. (Its CSV export: test_admin_read_audit_export.)
"""

import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from mediation import audit
from mediation.models import ReadEvent
from tests.factories import (
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProfileFactory,
    TopicFactory,
    UserFactory,
)
from tests.mediation.admin.admin_helpers import admin_url

CHANGELIST = admin_url(ReadEvent, "changelist")
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def _listed(client, query: str = "") -> list[ReadEvent]:
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def _reader(username: str, first: str = "", last: str = ""):
    return UserFactory(username=username, first_name=first, last_name=last)


@pytest.fixture
def reads(session, organizer, foreign):
    """Two readers of the organizer's process, one of the foreign process."""
    alice = _reader("alice", "Alice", "Moreau")
    bob = _reader("bob", "Bob", "Okafor")
    audit.history_read(alice, session, session.process_id)
    audit.export_read(bob, session)
    audit.export_read(foreign["organizer"], foreign["session"])
    return {"alice": alice, "bob": bob}


# --- Read-only and scoped ---------------------------------------------------------------------


def test_read_audit_is_read_only_and_scoped(admin_client_, organizer, process, foreign):
    audit.history_read(organizer, process, process.pk)
    audit.history_read(foreign["organizer"], foreign["process"], foreign["process"].pk)
    mine = ReadEvent.objects.get(process=process)
    theirs = ReadEvent.objects.get(process=foreign["process"])
    assert [e.pk for e in _listed(admin_client_)] == [mine.pk]
    assert admin_client_.get(admin_url(ReadEvent, "add")).status_code == 403
    assert admin_client_.get(admin_url(ReadEvent, "delete", mine.pk)).status_code == 403
    assert admin_client_.get(admin_url(ReadEvent, "change", theirs.pk)).status_code == 302
    change = admin_client_.post(admin_url(ReadEvent, "change", mine.pk), {"username": "x"})
    assert change.status_code == 403
    mine.refresh_from_db()
    assert mine.username == "organizer"


def test_an_organizer_of_another_process_sees_none_of_this_ones_events(
    reads, foreign, session, client
):
    client.force_login(foreign["organizer"])
    listed = _listed(client)
    assert {e.process_id for e in listed} == {foreign["process"].pk}
    page = client.get(CHANGELIST).content.decode()
    for hidden in (session.title, session.process.title, "Alice Moreau", "Bob Okafor"):
        assert hidden not in page


def test_a_superuser_sees_every_process_and_reads_outside_any(reads, session, client):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    loner = ParticipantFactory(identity_protected=True, pseudonym="Golf")
    audit.person_identity_read(root, loner, [])
    client.force_login(root)
    assert len(_listed(client)) == ReadEvent.objects.count() == 4


# --- One readable line ------------------------------------------------------------------------


def test_each_line_names_the_reader_and_the_thing_read(admin_client_, session):
    reader = _reader("lena", "Lena", "Hartmann")
    person = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=person)
    for _ in range(3):
        audit.export_read(reader, session)
    audit.person_identity_read(reader, person, [session.process_id])
    page = admin_client_.get(CHANGELIST).content.decode()
    assert "Lena Hartmann (lena)" in page
    assert f"Dialogue session: {session.title}" in page
    assert "Participant: Participant K (protected identity)" in page
    assert "Real Secret Name" not in page
    assert str(session.pk) not in page  # no raw ids on the list
    assert sorted(e.times for e in _listed(admin_client_)) == [1, 3]


def test_times_are_shown_in_the_readers_zone_naming_it(admin_client_, organizer, session):
    ProfileFactory(user=organizer, time_zone="Asia/Seoul")
    audit.export_read(organizer, session)
    audit.export_read(organizer, session)
    event = ReadEvent.objects.get()
    page = admin_client_.get(CHANGELIST).content.decode()
    in_seoul = date_format(timezone.localtime(event.at, SEOUL), "DATETIME_FORMAT")
    assert f"{in_seoul} – " in page
    assert "(Asia/Seoul)" in page


def test_the_newest_first_and_sortable_by_times(admin_client_, reads, session):
    audit.export_read(reads["bob"], session)
    newest_first = _listed(admin_client_)
    assert [e.at for e in newest_first] == sorted((e.at for e in newest_first), reverse=True)
    by_times = _listed(admin_client_, "?o=-5")  # the "times" column, descending
    assert [e.times for e in by_times] == [2, 1]


# --- Filters and search -----------------------------------------------------------------------


def test_filters_by_process(admin_client_, reads, organizer, session):
    own_other = DialogueSessionFactory(process__title="Second process")
    own_other.process.organizers.add(organizer)
    audit.export_read(reads["alice"], own_other)
    listed = _listed(admin_client_, f"?process__id__exact={own_other.process_id}")
    assert [e.session_id for e in listed] == [own_other.pk]


def test_filters_by_reader_named_in_full(admin_client_, reads):
    page = admin_client_.get(CHANGELIST).content.decode()
    assert "Alice Moreau (alice)" in page and "Bob Okafor (bob)" in page
    listed = _listed(admin_client_, f"?user__id__exact={reads['bob'].pk}")
    assert [e.username for e in listed] == ["bob"]


def test_the_reader_filter_names_no_reader_of_another_process(admin_client_, reads, foreign):
    foreign["organizer"].first_name = "Zygmunt"
    foreign["organizer"].save()
    assert "Zygmunt" not in admin_client_.get(CHANGELIST).content.decode()


def test_filters_by_kind(admin_client_, reads):
    listed = _listed(admin_client_, "?kind__exact=export")
    assert [e.username for e in listed] == ["bob"]


def test_filters_by_date(admin_client_, reads):
    older = ReadEvent.objects.get(username="alice")
    last_year = older.at - timedelta(days=400)
    ReadEvent.objects.filter(pk=older.pk).update(at=last_year, last_at=last_year)
    assert [e.username for e in _listed(admin_client_, f"?at__year={last_year.year}")] == ["alice"]
    # The sidebar's "Today", as its link puts it.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    since = {"at__gte": str(today), "at__lt": str(today + timedelta(days=1))}
    response = admin_client_.get(CHANGELIST, since)
    assert [e.username for e in response.context["cl"].result_list] == ["bob"]


@pytest.mark.parametrize(
    ("term", "found"),
    [("alice", ["alice"]), ("Okafor", ["bob"]), ("Session", ["alice", "bob"])],
)
def test_search_finds_readers_and_sessions(admin_client_, reads, term, found):
    assert sorted(e.username for e in _listed(admin_client_, f"?q={term}")) == found


def test_search_finds_people_by_what_the_list_shows_never_a_hidden_name(
    admin_client_, organizer, session
):
    protected = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    open_person = ParticipantFactory(name="Maria Open")
    for person in (protected, open_person):
        InvitationFactory(session=session, participant=person)
        audit.history_read(organizer, person, session.process_id)
    assert [e.participant for e in _listed(admin_client_, "?q=Participant K")] == [protected]
    assert [e.participant for e in _listed(admin_client_, "?q=Maria")] == [open_person]
    assert _listed(admin_client_, "?q=Secret") == []


def test_search_finds_a_history_read_by_its_label(admin_client_, organizer, process):
    topic = TopicFactory(process=process, title="Fishing rights")
    audit.history_read(organizer, topic, process.pk)
    assert [e.object_id for e in _listed(admin_client_, "?q=fishing")] == [topic.pk]


@pytest.mark.parametrize(
    "query",
    ["at__year=99999999999999999999", "at__year=abc", "at__year=2026&at__month=13", "o=abc"],
)
def test_junk_in_the_filters_is_no_server_error(admin_client_, reads, query):
    response = admin_client_.get(f"{CHANGELIST}?{query}")
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")


# --- Cost -------------------------------------------------------------------------------------


def test_the_list_costs_the_same_for_more_events(admin_client_, session, count_queries):
    def add(n):
        for i in range(n):
            reader = _reader(f"reader-{ReadEvent.objects.count()}-{i}", "Some", "Reader")
            other = DialogueSessionFactory(process=session.process)
            person = ParticipantFactory(identity_protected=True, pseudonym=f"P{i}")
            InvitationFactory(session=other, participant=person)
            audit.export_read(reader, other)
            audit.person_identity_read(reader, person, [session.process_id])
            audit.history_read(reader, TopicFactory(process=session.process), session.process_id)

    add(1)
    small = count_queries(lambda: admin_client_.get(CHANGELIST))
    add(6)
    assert count_queries(lambda: admin_client_.get(CHANGELIST)) == small
