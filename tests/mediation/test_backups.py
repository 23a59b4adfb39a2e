"""make backup / make restore: a round trip brings back exactly what was there, nothing
either writes is readable by other users of the machine, and no restore runs under a
server that is serving the database."""

import fcntl
import io
import os
import sqlite3
import stat
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.serving import lock_path
from mediation.backups import BackupError, backup_database, restore_database
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


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask():
    """The common umask, which leaves new files readable by everyone (644), whatever ours is."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_backup_and_the_folder_made_for_it_are_private(tmp_path, permissive_umask):
    # On the suite's engine: SQLite's backup API, or pg_dump on PostgreSQL.
    backup = tmp_path / "backups" / "nightly.bin"
    call_command("backup_db", "--output", str(backup), stdout=io.StringIO())
    assert _mode(backup) == 0o600
    assert _mode(backup.parent) == 0o700


def test_the_default_backups_folder_is_made_private_with_what_it_held(
    tmp_path, monkeypatch, permissive_umask
):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    (folder / "older.sqlite3").write_bytes(b"written before backups were private")
    call_command("backup_db", stdout=io.StringIO())
    assert _mode(folder) == 0o700
    [new] = [path for path in folder.iterdir() if path.name != "older.sqlite3"]
    assert _mode(new) == 0o600


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="a database file exists only on SQLite",
)
def test_restoring_leaves_the_database_file_private(tmp_path, permissive_umask):
    # A database file that others can read (copied in, or made before files were private).
    target = tmp_path / "db.sqlite3"
    sqlite3.connect(target).close()
    target.chmod(0o644)
    config = {**settings.DATABASES["default"], "NAME": str(target), "TIME_ZONE": None}
    alias = f"restore-{threading.get_ident()}"
    connections[alias] = DatabaseWrapper(config, alias=alias)
    try:
        backup = backup_database(tmp_path / "backup.sqlite3")
        restore_database(backup, using=alias)
        assert _mode(target) == 0o600
        # The restored database is in WAL mode and the connection still open.
        assert _mode(f"{target}-wal") == 0o600
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert cursor.fetchone()[0] > 0
    finally:
        connections[alias].close()


# --- Never under a running server ---------------------------------------------------------


def _a_server_holds(settings_dict):
    """What config/wsgi.py does in every serving process: a shared lock on the database's
    lock file. Returns the descriptor; closing it is the server stopping."""
    descriptor = os.open(lock_path(settings_dict), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    return descriptor


def test_a_restore_is_refused_while_the_app_serves_the_database_and_says_so(tmp_path):
    ParticipantFactory(name="Written after the backup")
    backup = tmp_path / "backup.bin"
    call_command("backup_db", "--output", str(backup), stdout=io.StringIO())
    ParticipantFactory(name="Also written after the backup")
    server = _a_server_holds(connections["default"].settings_dict)
    try:
        with pytest.raises(CommandError, match="The app is serving this database") as refusal:
            call_command("restore_db", str(backup), "--no-input", stdout=io.StringIO())
        assert "Stop it" in str(refusal.value)
        assert "Nothing was changed" in str(refusal.value)
        assert Participant.objects.filter(name="Also written after the backup").exists()
    finally:
        os.close(server)
    # Once the server is gone, the same restore goes through.
    call_command("restore_db", str(backup), "--no-input", stdout=io.StringIO())
    assert not Participant.objects.filter(name="Also written after the backup").exists()


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the server below serves a SQLite file of its own",
)
def test_a_real_server_process_blocks_a_restore_until_it_stops(tmp_path):
    # The WSGI entry point that gunicorn and runserver load, in a process of its own, on a
    # database file of its own; the restore below aims at that same file.
    target = tmp_path / "served.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{target}", "DEBUG": "false"}
    code = "import config.wsgi, sys, time; print('serving', flush=True); time.sleep(120)"
    server = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    alias = f"served-{threading.get_ident()}"
    try:
        assert server.stdout.readline().strip() == b"serving"
        config = {**settings.DATABASES["default"], "NAME": str(target), "TIME_ZONE": None}
        connections[alias] = DatabaseWrapper(config, alias=alias)
        backup = backup_database(tmp_path / "backup.sqlite3")
        with pytest.raises(BackupError, match="The app is serving this database"):
            restore_database(backup, using=alias)
        server.kill()  # even a killed server leaves no lock behind
        server.wait(timeout=10)
        restore_database(backup, using=alias)
    finally:
        server.kill()
        server.wait(timeout=10)
        connections[alias].close()
