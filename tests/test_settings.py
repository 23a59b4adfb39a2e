"""The settings module: env parsing, SQLite tuned so concurrent saves never fail and kept
private to the app's user."""

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.settings import envbool, envint

ROOT = Path(__file__).resolve().parent.parent

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="these pin the SQLite defaults; CI's PostgreSQL run covers the other engine",
)


def test_envbool_reads_true_and_false_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        envbool("FLAG", False)


def test_envint_refuses_words(monkeypatch):
    monkeypatch.setenv("NUMBER", "twenty")
    with pytest.raises(ImproperlyConfigured):
        envint("NUMBER", 1)


def test_debug_is_off_and_times_are_stored_in_utc():
    assert settings.DEBUG is False
    assert settings.USE_TZ is True


def _file_connection(path) -> DatabaseWrapper:
    """A connection to a SQLite file with exactly the project's settings, under an alias."""
    config = {**settings.DATABASES["default"], "NAME": str(path)}
    config.setdefault("TIME_ZONE", None)
    alias = f"file-{threading.get_ident()}"
    connections[alias] = DatabaseWrapper(config, alias=alias)
    return connections[alias]


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path, django_db_blocker):
    django_db_blocker.unblock()
    connection = _file_connection(tmp_path / "db.sqlite3")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.transaction_mode == "IMMEDIATE"
    connection.close()


@sqlite_only
def test_two_writers_at_once_wait_for_each_other_instead_of_failing(tmp_path, django_db_blocker):
    django_db_blocker.unblock()
    path = tmp_path / "db.sqlite3"
    setup = _file_connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE record (writer TEXT)")
    setup.close()
    errors = []

    def write(name):
        connection = _file_connection(path)
        try:
            # Each reads before writing: the lock upgrade that fails at once under DEFERRED
            # transactions ("database is locked") waits its turn under IMMEDIATE ones.
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM record")
                time.sleep(0.2)
                cursor.execute("INSERT INTO record VALUES (%s)", [name])
        except Exception as error:  # the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = _file_connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM record")
        assert cursor.fetchone()[0] == 4
    check.close()


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def permissive_umask():
    """The common umask, which leaves new files readable by everyone (644), whatever ours is."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _load_settings(database: Path) -> None:
    """Import the settings in a process of their own, with DATABASE_URL naming `database`."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([sys.executable, "-c", "import config.settings"], cwd=ROOT, env=env, check=True)


@sqlite_only
def test_a_new_sqlite_database_and_its_wal_are_readable_by_their_owner_only(
    tmp_path, django_db_blocker, permissive_umask
):
    path = tmp_path / "db.sqlite3"
    _load_settings(path)
    assert _mode(path) == 0o600
    django_db_blocker.unblock()
    connection = _file_connection(path)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE record (writer TEXT)")
        cursor.execute("INSERT INTO record VALUES ('w')")
        # Still open, so SQLite's write-ahead log and shared memory are there.
        assert _mode(path) == 0o600
        assert _mode(f"{path}-wal") == 0o600
        assert _mode(f"{path}-shm") == 0o600
    connection.close()


def test_an_existing_world_readable_sqlite_database_is_made_private(tmp_path, permissive_umask):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"")
    Path(f"{path}-wal").write_bytes(b"")
    path.chmod(0o644)
    _load_settings(path)
    assert _mode(path) == 0o600
    assert _mode(f"{path}-wal") == 0o600


def _mail_settings(tmp_path, **env) -> list[str]:
    """DEFAULT_FROM_EMAIL and the Message-ID domain, as settings compute them from `env`."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"ALLOWED_HOSTS", "DEFAULT_FROM_EMAIL"}
    }
    clean.update(env, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    code = "import config.settings as s; print(s.DEFAULT_FROM_EMAIL, s.EMAIL_MESSAGE_ID_DOMAIN)"
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", code], cwd=ROOT, env=clean, check=True, capture_output=True
    )
    return done.stdout.decode().strip().rsplit(" ", 1)


def test_mail_is_sent_from_the_sites_own_domain(tmp_path):
    hosts = ".example.org,10.0.0.1,[::1],dialogues.example.org,localhost"
    assert _mail_settings(tmp_path, ALLOWED_HOSTS=hosts) == [
        "dialogues@dialogues.example.org",
        "dialogues.example.org",
    ]


def test_a_configured_sender_gives_its_domain_to_the_message_ids(tmp_path):
    assert _mail_settings(
        tmp_path,
        ALLOWED_HOSTS="dialogues.example.org",
        DEFAULT_FROM_EMAIL="Dialogues <noreply@mail.example.net>",
    ) == ["Dialogues <noreply@mail.example.net>", "mail.example.net"]


def test_with_nothing_configured_mail_names_localhost(tmp_path):
    assert _mail_settings(tmp_path) == ["dialogues@localhost", "localhost"]


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_redis_when_redis_url_is_set_else_local_memory(redis_url, backend):
    env = {**os.environ, "REDIS_URL": redis_url}
    snippet = "import config.settings as s; print(s.CACHES['default']['BACKEND'])"
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", snippet], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip().splitlines()[-1] == backend


def test_database_connections_are_kept_and_checked_by_default():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def _setting(snippet: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - this interpreter, a fixed snippet
        [sys.executable, "-c", f"import config.settings as s; print({snippet})"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("name", "backend"),
    [
        ("", "django.tasks.backends.immediate.ImmediateBackend"),
        ("immediate", "django.tasks.backends.immediate.ImmediateBackend"),
        ("database", "django_tasks_db.DatabaseBackend"),
    ],
)
def test_emails_are_sent_in_the_request_unless_tasks_go_to_the_database(name, backend):
    done = _setting("s.TASKS['default']['BACKEND']", TASKS_BACKEND=name)
    assert done.stdout.strip().splitlines()[-1] == backend


def test_an_unknown_tasks_backend_stops_the_app():
    done = _setting("s.TASKS", TASKS_BACKEND="celery")
    assert done.returncode != 0
    assert "TASKS_BACKEND must be immediate or database, not 'celery'" in done.stderr


@pytest.mark.parametrize(
    ("debug", "storage"),
    [
        ("false", "config.staticfiles.StaticFilesStorage"),
        ("true", "django.contrib.staticfiles.storage.StaticFilesStorage"),
    ],
)
def test_production_static_files_have_hashed_compressed_names(debug, storage):
    done = _setting("s.STORAGES['staticfiles']['BACKEND']", DEBUG=debug)
    assert done.stdout.strip().splitlines()[-1] == storage


def test_without_smtp_each_email_is_a_file_in_email_file_path(tmp_path):
    done = _setting("s.MAILERS['default']", EMAIL_FILE_PATH=str(tmp_path), EMAIL_HOST="")
    assert "filebased.EmailBackend" in done.stdout
    assert str(tmp_path) in done.stdout
