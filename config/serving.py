"""Whether the app is serving a database: a lock that every running server holds.

Restoring a backup replaces the whole database. Under a running server, anything written
during the restore, or after the backup was taken and acknowledged to someone, silently
disappears, and the server may answer from half-replaced tables. So `restore_db` refuses
while the app is serving that database, and says to stop it first.

Every process that serves the app (gunicorn's workers, runserver, an ASGI server: all go
through config/wsgi.py or config/asgi.py) takes a shared lock (flock) on a small file for
the database it serves, and keeps it while it lives. A restore asks for the exclusive lock
without waiting: any server holding the shared one makes it fail. The kernel drops a
process's locks when the process ends, however it ends (even SIGKILL), so a crashed server
leaves no stale lock behind. While a restore holds the lock, a server that starts waits
for it to finish.

The lock file sits in the repository (`.serving-<digest>.lock`, one per database), so this
sees the servers started from this checkout on this machine. Servers elsewhere (other
machines sharing a PostgreSQL database) must be stopped by hand.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The lock of the database this process serves: open for as long as the process lives.
_held: list[int] = []


class AppServing(Exception):
    """A server is running on the database a restore would replace."""


def lock_path(settings_dict: dict) -> Path:
    """The lock file of one database, named by where the database is."""
    where = "|".join(
        str(settings_dict.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME")
    )
    digest = hashlib.sha256(where.encode()).hexdigest()[:16]
    return ROOT / f".serving-{digest}.lock"


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def serving_start(settings_dict: dict) -> None:
    """Mark this process as serving the database (waits while a restore runs)."""
    descriptor = _open(lock_path(settings_dict))
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    _held.append(descriptor)


@contextmanager
def nothing_serving(settings_dict: dict):
    """Hold the database's lock alone for the block, or raise AppServing at once."""
    path = lock_path(settings_dict)
    descriptor = _open(path)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AppServing(
                "The app is serving this database (a server started from "
                f"{ROOT} holds {path.name}). Stop it (gunicorn, runserver) and run the "
                "restore again: whatever it wrote during a restore would be lost. "
                "Nothing was changed."
            ) from None
        yield
    finally:
        os.close(descriptor)
