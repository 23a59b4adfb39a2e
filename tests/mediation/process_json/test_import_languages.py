"""The problems of a damaged process document, told in the reader's language: a superuser
who reads Arabic or French sees every problem of an import in it in the admin, while
`manage.py import_process` keeps speaking English (an operator's tool, read in logs)."""

import copy
import html
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import ProfileFactory, UserFactory

IMPORT = reverse("admin:mediation_dialogueprocess_import")


@pytest.fixture
def document(organizer_client, full_process):
    response = organizer_client.get(reverse("process_export", args=[full_process.pk]))
    return json.loads(response.content)


@pytest.fixture
def damaged_file(document) -> bytes:
    """Three problems, none hiding another (no row that others point at is lost)."""
    damaged = copy.deepcopy(document)
    del damaged["briefings"][0]["channel"]
    damaged["sessions"][0]["favourite_colour"] = "blue"
    damaged["actions"][0]["owner"] = "not-an-id"
    return json.dumps(damaged).encode()


def _superuser_reading(language: str) -> Client:
    root = UserFactory(username=f"root-{language}", is_superuser=True, is_staff=True)
    ProfileFactory(user=root, language=language)
    client = Client()
    client.force_login(root)
    return client


def _upload(client: Client, content: bytes) -> str:
    file = SimpleUploadedFile("process.json", content, content_type="application/json")
    response = client.post(IMPORT, {"file": file})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_an_arabic_reader_is_told_the_problems_in_arabic(damaged_file):
    page = _upload(_superuser_reading("ar"), damaged_file)

    assert "وُجدت 3 مشكلات؛ لم يُحفظ أي شيء." in page
    assert "briefings[0]\u2069: مفتاح مفقود: channel" in page
    assert "sessions[0]\u2069: مفتاح غير معروف: favourite_colour" in page
    assert "actions[0].owner\u2069: 'not-an-id' لا يشير إلى أي صف من participants" in page
    assert "missing key" not in page
    assert "nothing was written" not in page


def test_a_french_reader_is_told_the_problems_in_french(damaged_file):
    page = _upload(_superuser_reading("fr"), damaged_file)

    assert "3 problèmes trouvés ; rien n'a été enregistré." in page
    assert "briefings[0] : clé manquante : channel" in page
    assert "sessions[0] : clé inconnue : favourite_colour" in page
    assert "actions[0].owner : 'not-an-id' ne désigne aucune ligne de participants" in page
    assert "missing key" not in page


def test_one_problem_is_told_in_the_singular(document):
    damaged = copy.deepcopy(document)
    del damaged["briefings"]
    content = json.dumps(damaged).encode()

    assert "1 problème trouvé ; rien n'a été enregistré." in _upload(
        _superuser_reading("fr"), content
    )
    assert "وُجدت مشكلة واحدة (1)؛ لم يُحفظ أي شيء." in _upload(_superuser_reading("ar"), content)


def test_a_file_of_the_same_database_is_refused_in_french(document):
    page = _upload(_superuser_reading("fr"), json.dumps(document).encode())

    assert "déjà dans la base de données" in page
    assert "users : « organizer » a déjà un compte ici" in page


def test_an_unreadable_file_is_refused_in_the_readers_language(db):
    page = _upload(_superuser_reading("fr"), b"\xff\xfe\x00garbage")

    assert "Ce fichier ne peut pas être lu. Le fichier n'est pas du JSON : " in page
    assert "ce n'est pas du texte UTF-8." in page
    arabic = _upload(_superuser_reading("ar"), b"[1, 2, 3]")
    assert "ليس كائن JSON" in arabic


def test_the_command_speaks_english_whatever_the_active_language(damaged_file, tmp_path):
    path = tmp_path / "damaged.json"
    path.write_bytes(damaged_file)
    err = io.StringIO()

    with translation.override("fr"), pytest.raises(CommandError, match="3 problems found"):
        call_command("import_process", str(path), stderr=err)

    assert "briefings[0]: missing key: channel" in err.getvalue()
    assert "sessions[0]: unknown key: favourite_colour" in err.getvalue()
    assert "clé" not in err.getvalue()
