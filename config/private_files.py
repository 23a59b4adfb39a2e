"""Files that only the app's own user may read: the SQLite database, and backups of it.

Files are created with the process's umask, which on most systems leaves them readable by
every local user (644). For the database and its backups, which hold everything the app
knows, that would make any account on the machine a reader. These helpers are imported by
the settings (so they cannot use Django) and by mediation/backups.py.
"""

import os
from pathlib import Path

PRIVATE = 0o600
# SQLite keeps changes in these next to the database file until they reach it.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def create_private_file(path: Path) -> None:
    """Create `path`, empty and mode 600; refuses (FileExistsError) to reuse what is there."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def private_sqlite_database(name: str | Path) -> None:
    """Make the SQLite database at `name` readable by its owner only, before SQLite opens it.

    SQLite creates a missing database file with the umask, but gives its -wal, -shm and
    -journal files the mode of the database file. So a missing database is created here,
    empty and 600 (SQLite takes an empty file as a new database), and everything SQLite
    writes next to it follows. An existing database that others may read (made before this
    or copied in) is tightened to 600, its companions too; one that belongs to another
    user and cannot be changed is left as it is.
    """
    name = str(name)
    if not name or name == ":memory:" or name.startswith("file:"):
        return  # in memory, or a URI: nothing of ours on disk
    path = Path(name)
    try:
        create_private_file(path)
    except FileExistsError:
        pass
    except OSError:
        return  # a folder that is missing or not ours to write: SQLite will say so
    for file in [path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)]:
        try:
            mode = file.stat().st_mode & 0o777
            if mode & 0o077:
                file.chmod(mode & 0o700)
        except (FileNotFoundError, PermissionError):
            pass
