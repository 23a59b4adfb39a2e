"""Consistent backups of the whole database, and restoring one.

SQLite: the SQLite online-backup API copies a consistent snapshot while the app keeps
running. PostgreSQL: `pg_dump` in its custom format (one consistent snapshot), restored
with `pg_restore` in a single transaction, so a failed restore changes nothing. A restore
is refused while the app serves the database (config/serving.py).
A backup is written beside its target and renamed into place, so a backup file is never
half-written. Backups hold the whole database, so like it they are readable by their owner
only: files 600, and a folder made for them 700.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from glob import glob
from pathlib import Path

from django.db import connections

from config.private_files import PRIVATE, create_private_file, private_sqlite_database
from config.serving import AppServing, nothing_serving

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why in plain words."""


def _postgres_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools.")
    return found


def _postgres_args(settings_dict) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def backup_database(path: Path, *, using: str = "default") -> Path:
    connection = connections[using]
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.part")
    # Left over by a run that was killed: made afresh, so its mode is ours.
    draft.unlink(missing_ok=True)
    create_private_file(draft)
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(draft)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif connection.vendor == "postgresql":
            args, env = _postgres_args(connection.settings_dict)
            subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                [
                    _postgres_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    *args,
                    "--file",
                    str(draft),
                    connection.settings_dict["NAME"],
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        # Both write into the private file made above; this holds whatever the tool did.
        draft.chmod(PRIVATE)
        os.replace(draft, path)
    except subprocess.CalledProcessError as error:
        raise BackupError(error.stderr.decode(errors="replace").strip()) from error
    finally:
        draft.unlink(missing_ok=True)
    return path


def restore_database(path: Path, *, using: str = "default") -> None:
    """Replace the whole database with the backup at `path`, or change nothing.

    Refused while the app serves this database (config/serving.py): writes made meanwhile
    would vanish. The lock is held for the whole restore, so no server starts during it.
    """
    connection = connections[using]
    try:
        with nothing_serving(connection.settings_dict):
            _restore(connection, Path(path))
    except AppServing as error:
        raise BackupError(str(error)) from error


def _restore(connection, path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    with path.open("rb") as handle:
        header = handle.read(16)
    if connection.vendor == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{path} is not a SQLite backup.")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
            if "django_migrations" not in tables:
                raise BackupError(f"{path} is not a backup of this application.")
            # Restoring into a missing or world-readable file must not leave it readable.
            private_sqlite_database(connection.settings_dict["NAME"])
            connection.ensure_connection()
            # The backup API swaps the whole database in one step.
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not header.startswith(PG_DUMP_HEADER):
            raise BackupError(f"{path} is not a PostgreSQL backup (pg_dump custom format).")
        connection.close()
        args, env = _postgres_args(connection.settings_dict)
        try:
            subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
                [
                    _postgres_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    *args,
                    "--dbname",
                    connection.settings_dict["NAME"],
                    str(path),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
        except subprocess.CalledProcessError as error:
            raise BackupError(error.stderr.decode(errors="replace").strip()) from error
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
