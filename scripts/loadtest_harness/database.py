"""A fresh database for one run, and the manage.py commands run against it."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import urllib.parse
from pathlib import Path

from . import ROOT


class Database:
    """A fresh database for one run: a temporary SQLite file, or a new PostgreSQL database
    on the server DATABASE_URL names (created here, dropped afterwards)."""

    def __init__(self, base_url: str | None, workdir: Path, keep: bool):
        self.keep = keep
        self.pg_admin_url = None
        if base_url and base_url.startswith(("postgres://", "postgresql://")):
            self.name = f"tracker_load_{secrets.token_hex(4)}"
            parts = urllib.parse.urlsplit(base_url)
            # Create and drop through the maintenance database, so the database named in
            # DATABASE_URL need not exist.
            self.pg_admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
            self._pg(f'CREATE DATABASE "{self.name}"')
            self.vendor = "postgresql"
        else:
            self.path = workdir / "load.sqlite3"
            self.url = f"sqlite:///{self.path}"
            self.vendor = "sqlite"

    def _pg(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def drop(self) -> None:
        if self.pg_admin_url and not self.keep:
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


def manage_json(env: dict, *args: str) -> dict:
    """Run one of the load test's management commands; they print one line of JSON."""
    return json.loads(manage(env, *args))
