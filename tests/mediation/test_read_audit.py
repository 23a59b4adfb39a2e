"""The read audit on pages (protected identities) and the attendance export."""

import csv
import io

import pytest
from django.urls import reverse

from mediation.models import Consent, Invitation, ReadEvent
from tests.factories import (
    ConsentFactory,
    InvitationFactory,
    ParticipantFactory,
    SessionRecordFactory,
    SideFactory,
)


@pytest.fixture
def protected(session):
    person = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=person)
    return person


# --- Session page ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["organizer", "facilitator"])
def test_an_editor_seeing_a_protected_name_leaves_a_trace(
    personas, client, session, protected, persona
):
    client.force_login(personas[persona])
    response = client.get(session.get_absolute_url())
    assert "Real Secret Name" in response.content.decode()
    event = ReadEvent.objects.get()
    assert event.kind == ReadEvent.Kind.IDENTITY
    assert event.user == personas[persona]
    assert event.username == persona
    assert (event.process_id, event.object_id) == (session.process_id, session.pk)


def test_no_trace_when_nobody_on_the_page_is_protected(organizer_client, session):
    assert organizer_client.get(session.get_absolute_url()).status_code == 200
    assert not ReadEvent.objects.exists()


def test_no_trace_when_the_reader_sees_pseudonyms_only(participant_client, session, protected):
    response = participant_client.get(session.get_absolute_url())
    assert response.status_code == 200
    assert "Real Secret Name" not in response.content.decode()
    assert not ReadEvent.objects.exists()


def test_no_trace_for_a_refused_page(stranger_client, session, protected):
    assert stranger_client.get(session.get_absolute_url()).status_code == 404
    assert not ReadEvent.objects.exists()


# --- Attendance export -----------------------------------------------------------------


def _export(client, session):
    return client.get(reverse("session_attendance_export", args=[session.pk]))


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_export_names_only_those_who_consented(organizer_client, session, protected):
    named = ParticipantFactory(name="Named Person")
    silent = ParticipantFactory(name="Silent Person")
    side = SideFactory(process=session.process, name="North")
    InvitationFactory(
        session=session,
        participant=named,
        side=side,
        response=Invitation.Response.ACCEPTED,
        attended=True,
    )
    InvitationFactory(session=session, participant=silent)
    ConsentFactory(participant=named, process=session.process, kind=Consent.Kind.NAMED)
    ConsentFactory(participant=silent, process=session.process, kind=Consent.Kind.LISTED)
    ConsentFactory(participant=protected, process=session.process, kind=Consent.Kind.NAMED)

    response = _export(organizer_client, session)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    assert session.title not in response["Content-Disposition"]
    body = response.content.decode()
    assert "Silent Person" not in body
    assert "Real Secret Name" not in body
    rows = _rows(response)
    assert rows[0] == ["Name", "Role", "Side", "Answer", "Attended"]
    names = [row[0] for row in rows[1:]]
    assert "Named Person" in names
    assert "Participant K" in names
    assert names.count("Participant (not named)") == 2  # the silent one and Amina
    assert ["Named Person", "Participant", "North", "Accepted", "yes"] in rows


def test_a_withdrawn_consent_drops_the_name_from_the_next_export(organizer_client, session):
    person = ParticipantFactory(name="Changed Mind")
    InvitationFactory(session=session, participant=person)
    consent = ConsentFactory(participant=person, process=session.process, kind="named")
    assert "Changed Mind" in _export(organizer_client, session).content.decode()
    consent.withdrawn_at = consent.given_at
    consent.save()
    assert "Changed Mind" not in _export(organizer_client, session).content.decode()


def test_the_export_is_logged(facilitator_client, facilitator, session):
    _export(facilitator_client, session)
    event = ReadEvent.objects.get()
    assert (event.kind, event.user, event.object_id) == (
        ReadEvent.Kind.EXPORT,
        facilitator,
        session.pk,
    )


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\t=1"])
def test_cells_cannot_become_formulas(organizer_client, session, evil):
    person = ParticipantFactory(name=evil)
    InvitationFactory(session=session, participant=person)
    ConsentFactory(participant=person, process=session.process, kind="named")
    side = SideFactory(process=session.process, name=evil)
    Invitation.objects.filter(participant=person).update(side=side)
    rows = _rows(_export(organizer_client, session))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t")), row
    assert [f"'{evil}", "Participant", f"'{evil}", "Invited, no answer yet", ""] in rows


def test_participants_may_not_export(participant_client, session):
    assert _export(participant_client, session).status_code == 403
    assert not ReadEvent.objects.exists()


def test_export_query_count_does_not_grow_with_invitees(organizer_client, session, count_queries):
    def add(n):
        for _ in range(n):
            person = ParticipantFactory()
            InvitationFactory(session=session, participant=person)
            ConsentFactory(participant=person, process=session.process, kind="named")

    add(2)
    small = count_queries(lambda: _export(organizer_client, session))
    add(8)
    large = count_queries(lambda: _export(organizer_client, session))
    assert small == large


def test_nothing_is_named_where_attendees_may_not_leave(organizer_client, session, monkeypatch):
    person = ParticipantFactory(name="Named Person")
    InvitationFactory(session=session, participant=person)
    ConsentFactory(participant=person, process=session.process, kind="named")
    # Should a rule ever keep attendees from exports, the export must follow it.
    monkeypatch.setattr("mediation.confidentiality.may_leave", lambda *a, **k: False)
    body = _export(organizer_client, session).content.decode()
    assert "Named Person" not in body


def test_opening_the_session_page_leaves_one_record_read_trace(facilitator_client, session):
    SessionRecordFactory(session=session)
    facilitator_client.get(session.get_absolute_url())
    events = ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD)
    assert list(events.values_list("times", flat=True)) == [1]


def test_an_agenda_fragment_does_not_count_as_reading_the_record(facilitator_client, session):
    SessionRecordFactory(session=session)
    facilitator_client.post(
        reverse("session_agenda_add", args=[session.pk]),
        {"title": "Opening", "duration_minutes": "10"},
        HTTP_HX_REQUEST="true",
    )
    assert session.agenda_items.count() == 1
    assert not ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD).exists()


# --- The export as a spreadsheet reads it ------------------------------------------------


def _as_a_spreadsheet_reads_it(response) -> list[list[str]]:
    """Bytes first, as a spreadsheet gets them: a UTF-8 byte-order mark, then CSV."""
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:8]
    assert raw.count(b"\xef\xbb\xbf") == 1
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_the_export_is_utf8_with_a_byte_order_mark_and_keeps_every_script(
    organizer_client, session
):
    names = ["José Ñúñez", "عائشة الحسيني", "김민준", 'Line "one",\nline two']
    for name in names:
        person = ParticipantFactory(name=name)
        InvitationFactory(session=session, participant=person)
        ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.NAMED)
    response = _export(organizer_client, session)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _as_a_spreadsheet_reads_it(response)
    assert rows[0] == ["Name", "Role", "Side", "Answer", "Attended"]
    read = [row[0] for row in rows[1:]]
    for name in names:
        assert name in read
    # Quoted where needed, and only there: the comma, quote and new line stay in one cell.
    body = response.content.decode("utf-8-sig")
    assert '"Line ""one"",\nline two"' in body
    assert body.startswith("Name,Role,Side,Answer,Attended\r\n")
    assert "\r\nJosé Ñúñez,Participant," in body


def test_formula_cells_stay_text_behind_the_byte_order_mark(organizer_client, session):
    evil = '=HYPERLINK("https://evil.example","Ñ")'
    person = ParticipantFactory(name=evil)
    InvitationFactory(session=session, participant=person)
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.NAMED)
    rows = _as_a_spreadsheet_reads_it(_export(organizer_client, session))
    assert [f"'{evil}", "Participant", "", "Invited, no answer yet", ""] in rows
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
