"""The read audit as CSV: superusers only, the rows the changelist's filters leave, a file
Excel opens with its accents and never runs as formulas, and its download is itself read.

Who gets the export: a superuser 200; an organizer (of this process or another) 403; anyone
who is not an organizer is sent to the admin's sign-in, as for every admin page.
"""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from mediation import audit
from mediation.audit import READ_AUDIT_ID
from mediation.models import ReadEvent
from tests.factories import (
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.mediation.admin.admin_helpers import admin_url

EXPORT = reverse("admin:mediation_readevent_export")
HEADER = [
    "First read",
    "Last read",
    "Times",
    "Reader",
    "Username",
    "What",
    "Process",
    "Object",
    "About",
    "Object id",
]


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def root_client(root):
    client = Client()
    client.force_login(root)
    return client


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_superuser_downloads_the_audit_as_csv_with_a_byte_order_mark(
    root_client, facilitator, session
):
    facilitator.first_name, facilitator.last_name = "Zoë", "Ångström"
    facilitator.save()
    audit.export_read(facilitator, session)
    audit.export_read(facilitator, session)
    response = root_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "attachment" in response["Content-Disposition"]
    assert session.title not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    header, *rows = _rows(response)
    assert header == HEADER
    event = ReadEvent.objects.get(object_id=session.pk)
    assert rows == [
        [
            event.at.isoformat(timespec="seconds"),
            event.last_at.isoformat(timespec="seconds"),
            "2",
            "Zoë Ångström",
            "facilitator",
            "Downloaded an export",
            session.process.title,
            "Dialogue session",
            session.title,
            str(session.pk),
        ]
    ]


def test_the_export_keeps_to_the_changelists_filters_and_search(root_client, session, foreign):
    alice = UserFactory(username="alice")
    audit.export_read(alice, session)
    audit.history_read(alice, session, session.process_id)
    audit.export_read(foreign["organizer"], foreign["session"])
    by_kind = _rows(root_client.get(EXPORT, {"kind__exact": "history"}))[1:]
    assert [(row[4], row[5]) for row in by_kind] == [("alice", "Read change history")]
    by_process = _rows(root_client.get(EXPORT, {"process__id__exact": foreign["process"].pk}))
    assert [row[4] for row in by_process[1:]] == ["other-organizer"]
    searched = _rows(root_client.get(EXPORT, {"q": "alice", "kind__exact": "export"}))
    assert [(row[4], row[5]) for row in searched[1:]] == [("alice", "Downloaded an export")]


def test_junk_filters_send_back_to_the_list(root_client):
    for query in ({"at__year": "99999999999999999999"}, {"kind__exact": "nope", "at__month": "x"}):
        response = root_client.get(EXPORT, query)
        assert response.status_code == 302
        assert response["Location"].endswith("?e=1")
    assert not ReadEvent.objects.exists()


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\t=1"])
def test_cells_cannot_become_formulas(root_client, process, evil):
    reader = UserFactory(username="reader", first_name=evil, last_name="")
    session = DialogueSessionFactory(process=process, title=evil)
    audit.export_read(reader, session)
    _header, *rows = _rows(root_client.get(EXPORT, {"kind__exact": "export"}))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t")), row
    assert [row[3] for row in rows] == [f"'{evil.strip()}"]  # a full name comes trimmed
    assert [row[8] for row in rows] == [f"'{evil}"]


def test_a_protected_person_is_in_the_file_by_pseudonym_only(root_client, organizer, session):
    person = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=person)
    audit.person_identity_read(organizer, person, [session.process_id])
    response = root_client.get(EXPORT)
    assert "Real Secret Name" not in response.content.decode("utf-8-sig")
    assert "Participant K (protected identity)" in response.content.decode("utf-8-sig")


def test_downloading_the_audit_is_itself_in_the_audit(root_client, root):
    root_client.get(EXPORT)
    root_client.get(EXPORT)
    event = ReadEvent.objects.get()
    assert (event.user, event.kind, event.times) == (root, ReadEvent.Kind.EXPORT, 2)
    assert (event.object_type, event.object_id, event.process_id) == (
        "mediation.readevent",
        READ_AUDIT_ID,
        None,
    )
    listed = root_client.get(admin_url(ReadEvent, "changelist")).content.decode()
    assert "Read event: Read audit" in listed


def test_a_search_term_is_not_kept_in_the_audit(root_client):
    root_client.get(EXPORT, {"q": "Real Secret Name"})
    assert "Real Secret" not in str(list(ReadEvent.objects.values()))


def test_the_export_costs_the_same_for_more_events(root_client, session, count_queries):
    def add(n):
        for i in range(n):
            reader = UserFactory(username=f"reader-{ReadEvent.objects.count()}-{i}")
            audit.export_read(reader, DialogueSessionFactory(process=session.process))

    add(2)
    small = count_queries(lambda: root_client.get(EXPORT))
    add(10)
    assert count_queries(lambda: root_client.get(EXPORT)) == small


# --- Who gets it ------------------------------------------------------------------------------


def test_only_a_superuser_is_offered_the_download(root_client, organizer_client):
    link = f'href="{EXPORT}'
    assert link in root_client.get(admin_url(ReadEvent, "changelist")).content.decode()
    assert link not in organizer_client.get(admin_url(ReadEvent, "changelist")).content.decode()


def test_the_download_link_carries_the_filters(root_client):
    page = root_client.get(admin_url(ReadEvent, "changelist"), {"kind__exact": "record"})
    assert f'href="{EXPORT}?kind__exact=record"' in page.content.decode()


@pytest.mark.parametrize("persona", ["organizer", "other_organizer"])
def test_organizers_get_no_export(all_personas, session, persona):
    audit.export_read(all_personas["facilitator"], session)
    client = Client()
    client.force_login(all_personas[persona])
    assert client.get(EXPORT).status_code == 403
    assert ReadEvent.objects.count() == 1  # and nothing was read


@pytest.mark.parametrize(
    "persona",
    ["facilitator", "participant", "stranger", "other_facilitator", "co_participant", None],
)
def test_everyone_else_is_sent_to_the_admins_sign_in(all_personas, persona):
    client = Client()
    if persona is not None:
        client.force_login(all_personas[persona])
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not ReadEvent.objects.exists()
