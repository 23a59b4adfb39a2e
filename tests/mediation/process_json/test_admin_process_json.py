"""A process as JSON in the admin: "Download as JSON" on the processes' list (one process:
export.json's very file; several: a zip of those files), and "Import a process from JSON"
(superusers only), which runs the checks of `manage.py import_process` and writes all of
the file or nothing.

Who may do what:
- download: an organizer, of the processes they run only (another organizer's ticks select
  nothing); anyone who is not an organizer is sent to the admin's sign-in;
- import: a superuser; an organizer (of this process or another) gets 403, because a file
  names accounts and organizers and could hand out organizer rights; anyone else is sent
  to the admin's sign-in.
"""

import copy
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mediation.models import DialogueProcess, ReadEvent
from mediation.process_json import files
from tests.factories import DialogueProcessFactory, UserFactory

from .test_process_import import row_counts, without_time

CHANGELIST = reverse("admin:mediation_dialogueprocess_changelist")
IMPORT = reverse("admin:mediation_dialogueprocess_import")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _download(client, *processes):
    return client.post(
        CHANGELIST,
        {"action": "download_json", "_selected_action": [str(p.pk) for p in processes]},
    )


def _upload(client, content: bytes, *, name="process.json", check_only=False):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/json")}
    if check_only:
        data["check_only"] = "on"
    return client.post(IMPORT, data)


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def document(organizer_client, full_process):
    response = organizer_client.get(reverse("process_export", args=[full_process.pk]))
    return json.loads(response.content)


# --- Download ---------------------------------------------------------------------------


def test_one_process_downloads_as_the_same_file_as_its_export(organizer_client, full_process):
    response = _download(organizer_client, full_process)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="process-{full_process.pk}.json"'
    )
    assert full_process.title not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    export = organizer_client.get(reverse("process_export", args=[full_process.pk]))
    assert without_time(json.loads(response.content)) == without_time(json.loads(export.content))


def test_the_download_is_filed_in_the_read_audit_like_the_export(
    organizer, organizer_client, full_process
):
    _download(organizer_client, full_process)
    event = ReadEvent.objects.get()
    assert (event.user, event.kind, event.process_id) == (
        organizer,
        ReadEvent.Kind.EXPORT,
        full_process.pk,
    )
    assert event.object_id == full_process.pk


def test_several_processes_download_as_a_zip_of_their_files(organizer, organizer_client, process):
    second = DialogueProcessFactory(organizers=[organizer], title="Second process")
    response = _download(organizer_client, process, second)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="processes-')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        documents = {name: json.loads(archive.read(name)) for name in names}
    assert names == sorted([f"process-{process.pk}.json", f"process-{second.pk}.json"])
    assert documents[f"process-{second.pk}.json"]["process"]["title"] == "Second process"
    assert set(
        ReadEvent.objects.filter(kind=ReadEvent.Kind.EXPORT).values_list("process_id", flat=True)
    ) == {process.pk, second.pk}


def test_another_organizers_process_cannot_be_downloaded(other_organizer, process):
    client = _client(other_organizer)
    response = _download(client, process)
    assert response.status_code == 302  # back to the list: nothing of theirs was ticked
    assert response["Content-Type"].startswith("text/html")
    assert not ReadEvent.objects.exists()


def test_a_mixed_selection_downloads_only_the_organizers_own(
    organizer_client, process, foreign_process
):
    response = _download(organizer_client, process, foreign_process)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["process"]["id"] == str(process.pk)


@pytest.mark.parametrize(
    "persona", ["facilitator", "participant", "stranger", "other_facilitator", "anonymous"]
)
def test_people_who_are_not_organizers_are_sent_to_sign_in(request, process, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for response in (_download(client, process), client.get(IMPORT)):
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    assert not ReadEvent.objects.exists()


# --- Import: who ------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "expected"), [("organizer", 403), ("other_organizer", 403)])
def test_organizers_may_not_import(request, process, persona, expected):
    client = _client(request.getfixturevalue(persona))
    assert client.get(IMPORT).status_code == expected
    before = row_counts()
    assert _upload(client, b"{}").status_code == expected
    assert row_counts() == before
    assert "Import a process from JSON" not in client.get(CHANGELIST).content.decode()


def test_a_superuser_finds_the_import_page_from_the_list(root):
    client = _client(root)
    assert IMPORT in client.get(CHANGELIST).content.decode()
    page = client.get(IMPORT)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()


# --- Import: a good file ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_superuser_restores_a_process_and_is_told_what_was_created(document):
    call_command("flush", interactive=False, verbosity=0)
    client = _client(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = _upload(client, json.dumps(document).encode(), name="backup.json")
    process = DialogueProcess.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:mediation_dialogueprocess_change", args=[process.pk]
    )
    shown = client.get(response["Location"]).content.decode()
    assert f"Imported “{process.title}”" in shown
    assert "dialogue sessions: 1" in shown
    assert "Accounts created without a password" in shown
    assert "organizer" in shown
    assert str(process.pk) == document["process"]["id"]


def test_only_checking_a_file_writes_nothing(root, document):
    before = row_counts()
    response = _upload(_client(root), json.dumps(document).encode(), check_only=True)
    assert response.status_code == 200
    assert "The file is valid" in response.content.decode()
    assert row_counts() == before


# --- Import: damaged files --------------------------------------------------------------


def _damaged(document, damage) -> bytes:
    copied = copy.deepcopy(document)
    damage(copied)
    return json.dumps(copied).encode()


def _refused(root, content: bytes, **kwargs) -> str:
    before = row_counts()
    response = _upload(_client(root), content, **kwargs)
    assert response.status_code == 200
    assert row_counts() == before
    page = response.content.decode()
    assert 'id="id_file_errors"' in page
    assert 'aria-describedby="id_file_helptext id_file_errors"' in page
    return page


def test_a_file_of_the_database_it_came_from_is_refused_whole(root, document):
    page = _refused(root, json.dumps(document).encode())
    assert "problems found; nothing was written." in page
    assert "already in the database" in page
    assert "already has an account here" in page


def test_a_file_of_another_version_is_refused(root, document):
    page = _refused(root, _damaged(document, lambda d: d.update(schema_version=99)))
    assert "schema_version: 99 is not a version this product reads" in page


def test_missing_keys_are_each_named(root, document):
    def damage(d):
        del d["topics"]
        del d["sessions"][0]["starts_at"]

    page = _refused(root, _damaged(document, damage))
    assert "topics: missing, or not a list" in page
    assert "sessions[0]: missing key: starts_at" in page


def test_broken_references_are_named(root, document):
    def damage(d):
        d["actions"][0]["owner"] = "not-an-id"

    page = _refused(root, _damaged(document, damage))
    assert "actions[0].owner: &#x27;not-an-id&#x27; is no row of participants" in page


def test_duplicate_ids_are_named(root, document):
    page = _refused(
        root, _damaged(document, lambda d: d["participants"].append(d["participants"][0]))
    )
    assert "appears twice in participants" in page


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"{ not json", "not JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b"[" * 100_000, "not JSON"),
    ],
)
def test_a_file_that_is_no_process_document_is_refused_plainly(root, content, said):
    assert said in _refused(root, content)


def test_a_huge_file_is_refused_before_it_is_read(root, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    monkeypatch.setattr("mediation.process_json.forms.MAX_BYTES", 1024)
    page = _refused(root, b" " * 2048)
    assert "too large for a process document" in page


def test_an_empty_form_names_the_missing_file(root):
    response = _client(root).post(IMPORT, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
