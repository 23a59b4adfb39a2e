"""The migrated SQLite test database, kept between runs and shared by the xdist workers.

Migrating an empty database (the schema and the glossary's content, both from migrations)
takes each worker about 9 s of CPU before its first test. The first worker to need the test
database migrates it as usual, then copies the result into a file under the temporary
directory; every other worker, in this run and the next ones, copies that file into its own
in-memory database instead (SQLite's backup API, well under a second), and Django's
`migrate` then finds nothing left to apply. `--no-migrations` would skip the content.

The file is named after everything its content depends on: the source of the project's
packages (migrations, models, the post-migrate signals that add the integrity triggers),
the installed distributions and their versions, and the SQLite library. Any change to one of
them names a new file, migrated afresh. Only for the default in-memory test database; a
test database in a file (TEST NAME) and PostgreSQL are created as before.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("accounts", "config", "glossary", "mediation")
PREFIX = "tracker-migrated-"
STALE_AFTER = 7 * 24 * 3600  # seconds: templates of older source are removed after a week


def _key() -> str:
    digest = hashlib.sha256()
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(installed).encode())
    digest.update(f"{sys.version} {sqlite3.sqlite_version}".encode())
    return digest.hexdigest()[:20]


def _in_memory_name(settings_dict: dict) -> str | None:
    """The URI of the in-memory test database Django will create, or None if it will not
    create one (another engine, or a test database in a file)."""
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        return None
    if settings_dict.get("TEST", {}).get("NAME"):
        return None
    return "file:memorydb_default?mode=memory&cache=shared"


class Template:
    """One worker's use of the template: restored into its in-memory database before
    Django creates the test database, or saved from it right after."""

    def __init__(self, settings_dict: dict):
        self.memory_uri = _in_memory_name(settings_dict)
        self.restored = False
        self._memory: sqlite3.Connection | None = None
        self._migrated: sqlite3.Connection | None = None
        self._lock = None
        if self.memory_uri is None:
            return
        folder = Path(tempfile.gettempdir())
        self.path = folder / f"{PREFIX}{_key()}.sqlite3"
        self._prune(folder)
        # Held from here until the template exists: a second worker waits for the first to
        # migrate rather than migrating beside it.
        self._lock = open(f"{self.path}.lock", "w")  # noqa: SIM115 (held across fixtures)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        # The shared-cache in-memory database lives while one connection to it is open:
        # this one, until the end of the run.
        self._memory = sqlite3.connect(self.memory_uri, uri=True)
        if self.path.exists():
            with sqlite3.connect(self.path) as template:
                template.backup(self._memory)
            self.restored = True
            self._unlock()

    def _prune(self, folder: Path) -> None:
        for old in folder.glob(f"{PREFIX}*.sqlite3"):
            if old != self.path and time.time() - old.stat().st_mtime > STALE_AFTER:
                old.unlink(missing_ok=True)
                Path(f"{old}.lock").unlink(missing_ok=True)

    def save(self) -> None:
        """After Django migrated the in-memory database: keep a copy for the next workers."""
        if self._memory is None or self.restored:
            return
        partial = self.path.with_suffix(f".{time.monotonic_ns()}.partial")
        with sqlite3.connect(partial) as copy:
            self._memory.backup(copy)
        copy.close()
        partial.replace(self.path)
        self._unlock()

    def remember(self) -> None:
        """Keep this worker's copy of the test database as migrated, to `put_back`."""
        if self._memory is None:
            return
        self._migrated = sqlite3.connect(":memory:")
        self._memory.backup(self._migrated)

    def put_back(self, connection) -> bool:
        """The database as migrated, over the one a transactional test emptied (its flush
        leaves the migrations' rows out: the glossary's content, the content types). False
        where there is no copy to put back (PostgreSQL, a test database in a file)."""
        if self._migrated is None:
            return False
        connection.ensure_connection()
        self._migrated.backup(connection.connection)
        return True

    def file(self) -> Path | None:
        """The template's file, once the test database exists (None off SQLite's memory)."""
        if self.memory_uri is None or not self.path.exists():
            return None
        return self.path

    def _unlock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def close(self) -> None:
        self._unlock()
        for copy in (self._memory, self._migrated):
            if copy is not None:
                copy.close()
        self._memory = self._migrated = None
