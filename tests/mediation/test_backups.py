"""make backup / make restore: a round trip brings back exactly what was there."""

import io

import pytest
from django.core.management import CommandError, call_command

from mediation.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_round_trip_restores_what_was_there(tmp_path):
    kept = ParticipantFactory(name="Kept by the backup")
    backup = tmp_path / "backup.bin"
    call_command("backup_db", "--output", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 0

    ParticipantFactory(name="Added after the backup")
    Participant.objects.filter(pk=kept.pk).delete()

    call_command("restore_db", str(backup), "--no-input", stdout=io.StringIO())
    assert list(Participant.objects.values_list("name", flat=True)) == ["Kept by the backup"]


def test_restoring_something_that_is_not_a_backup_changes_nothing(tmp_path):
    ParticipantFactory(name="Still here")
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    with pytest.raises(CommandError):
        call_command("restore_db", str(bogus), "--no-input", stdout=io.StringIO())
    assert Participant.objects.filter(name="Still here").exists()


def test_restoring_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore_db", str(tmp_path / "nope"), "--no-input")
