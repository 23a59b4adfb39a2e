"""CSV downloads of the admin's lists (participants, sessions, invitations, actions): the
rows ticked, or every row the changelist's filters leave; cells that never run as
formulas; people named as the organizer may see them; another process's rows never in the
file; each download in the read audit."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mediation.admin.exports import PeopleNames
from mediation.models import ActionItem, DialogueSession, Invitation, Participant, ReadEvent
from tests.factories import (
    ActionItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)
from tests.mediation.admin.admin_helpers import admin_url, changelist_action


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _select_all(client, model, action="export_csv", **filters):
    """The changelist's "select all N" with its filters in the address, as Django posts it."""
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(
        f"{admin_url(model, 'changelist')}?{query}",
        {"action": action, "select_across": "1", "index": "0", "_selected_action": ["x"]},
    )


def test_an_organizer_downloads_the_participants_ticked(admin_client_, session):
    ticked = ParticipantFactory(name="José Núñez", affiliation="Universidad de Chile")
    InvitationFactory(session=session, participant=ticked)
    left = ParticipantFactory(name="Not Ticked")
    InvitationFactory(session=session, participant=left)
    header, *rows = _rows(changelist_action(admin_client_, Participant, "export_csv", ticked))
    assert header[:3] == ["Name", "Pseudonym", "Identity protected"]
    assert [row[0] for row in rows] == ["José Núñez"]
    assert rows[0][5] == "Universidad de Chile"


def test_select_all_keeps_to_the_changelists_filters(admin_client_, session):
    protected = ParticipantFactory(
        name="Hidden Name", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=protected)
    _header, *rows = _rows(_select_all(admin_client_, Participant, identity_protected__exact=1))
    assert [row[1] for row in rows] == ["Participant K"]
    # The organizer of the person's process is cleared to see who it is.
    assert [row[0] for row in rows] == ["Hidden Name"]


def test_sessions_export_in_their_own_time_zone(admin_client_, process):
    DialogueSessionFactory(process=process, title="Tokyo round", time_zone="Asia/Tokyo")
    _header, *rows = _rows(_select_all(admin_client_, DialogueSession, q="Tokyo"))
    assert [row[0] for row in rows] == ["Tokyo round"]
    assert rows[0][2].endswith("+09:00")
    assert rows[0][4] == "Asia/Tokyo"


def test_invitations_and_actions_name_their_people(admin_client_, session, participant):
    ActionItemFactory(session=session, owner=participant.participant, description="Draft it")
    _h, *invitations = _rows(_select_all(admin_client_, Invitation))
    assert [row[2] for row in invitations] == ["Amina Participant"]
    _h, *actions = _rows(_select_all(admin_client_, ActionItem))
    assert [(row[0], row[3]) for row in actions] == [("Draft it", "Amina Participant")]


@pytest.mark.parametrize(
    "model", [Participant, DialogueSession, Invitation, ActionItem], ids=lambda m: m.__name__
)
def test_an_organizer_of_another_process_never_exports_these_rows(
    other_organizer_client, session, participant, foreign_session, model
):
    ActionItemFactory(session=session, owner=participant.participant, description="Ours")
    ActionItemFactory(session=foreign_session, description="Theirs")
    body = _rows(_select_all(other_organizer_client, model))
    text = "\n".join(",".join(row) for row in body)
    assert session.title not in text
    assert "Amina Participant" not in text
    assert "Ours" not in text


def test_ticking_another_processs_row_exports_nothing_of_it(
    other_organizer_client, session, participant
):
    response = changelist_action(
        other_organizer_client, Participant, "export_csv", participant.participant
    )
    # The admin's queryset holds no row of theirs: the file has its header only.
    _header, *rows = _rows(response)
    assert rows == []
    assert not ReadEvent.objects.exists()


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\t=1"])
def test_cells_cannot_become_formulas(admin_client_, session, evil):
    person = ParticipantFactory(name=evil, affiliation=evil, expertise=evil)
    InvitationFactory(session=session, participant=person)
    ActionItemFactory(session=session, owner=person, description=evil)
    for model in (Participant, Invitation, ActionItem):
        _header, *rows = _rows(_select_all(admin_client_, model))
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t")), row
    _header, *people = _rows(_select_all(admin_client_, Participant, q="Amina"))
    assert people  # the search filter applied: only Amina's row


def test_each_download_is_in_the_read_audit_under_its_process(
    admin_client_, organizer, session, process
):
    _rows(_select_all(admin_client_, Invitation))
    _rows(_select_all(admin_client_, Invitation))
    event = ReadEvent.objects.get()
    assert (event.kind, event.process_id, event.user) == (
        ReadEvent.Kind.EXPORT,
        process.pk,
        organizer,
    )
    assert event.times == 2
    assert event.object_label == "Invitations (CSV)"


def test_someone_not_cleared_reads_a_protected_person_by_pseudonym(
    organizer, other_organizer, session
):
    person = ParticipantFactory(name="Hidden Name", identity_protected=True, pseudonym="K")
    InvitationFactory(session=session, participant=person)
    assert PeopleNames(organizer, [person]).name(person) == "Hidden Name"
    assert PeopleNames(other_organizer, [person]).name(person) == "K"


@pytest.mark.parametrize(
    "model", [Participant, DialogueSession, Invitation, ActionItem], ids=lambda m: m.__name__
)
def test_the_query_count_does_not_grow_with_the_rows(
    admin_client_, django_assert_num_queries, session, process, model
):
    def make(count):
        for _ in range(count):
            other = DialogueSessionFactory(process=process)
            person = ParticipantFactory(identity_protected=True, pseudonym="P")
            InvitationFactory(session=other, participant=person)
            ActionItemFactory(session=other, owner=person)

    make(2)
    _rows(_select_all(admin_client_, model))
    with CaptureQueriesContext(connection) as small:
        _rows(_select_all(admin_client_, model))
    make(12)
    with django_assert_num_queries(len(small.captured_queries)):
        _rows(_select_all(admin_client_, model))


@pytest.mark.parametrize(
    "model", [Participant, DialogueSession, Invitation, ActionItem], ids=lambda m: m.__name__
)
def test_the_list_links_to_its_rows_as_csv_under_its_filters(admin_client_, session, model):
    ActionItemFactory(session=session)
    changelist = admin_client_.get(admin_url(model, "changelist"), {"q": "zzz"})
    assert f"{admin_url(model, 'export')}?q=zzz" in changelist.content.decode()
    header, *rows = _rows(admin_client_.get(admin_url(model, "export"), {"q": "zzz"}))
    assert header and rows == []
    _header, *everything = _rows(admin_client_.get(admin_url(model, "export")))
    assert everything


def test_the_filtered_list_link_keeps_to_the_organizers_processes(
    other_organizer_client, session, foreign_session
):
    _header, *rows = _rows(other_organizer_client.get(admin_url(DialogueSession, "export")))
    assert [row[0] for row in rows] == ["Foreign session"]


def test_junk_filters_send_back_to_the_list(admin_client_):
    response = admin_client_.get(admin_url(DialogueSession, "export"), {"nope": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_only_organizers_reach_the_download(participant_client, facilitator_client):
    for client in (participant_client, facilitator_client):
        response = client.get(admin_url(Participant, "export"))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
