"""The demo's rows (`manage.py seed_demo`) for the browser tests, made once per worker.

The browser tests run on the live server, so on an emptied database (transactional tests),
and most of them start from the demo. Seeding it takes seconds of CPU each time; on SQLite's
in-memory test database the first test of a worker seeds it and keeps a copy of the whole
database, and each later one copies that back (SQLite's backup API, a few milliseconds):
the same rows, ids and passwords as a fresh seed. On PostgreSQL each test seeds as before.
"""

import io
import sqlite3

from django.core.management import call_command
from django.db import connection

_seeded: sqlite3.Connection | None = None


def _in_memory() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def seed_demo() -> None:
    """The demo's rows in the (empty) test database, as `seed_demo` writes them."""
    global _seeded
    if not _in_memory():
        call_command("seed_demo", stdout=io.StringIO())
        return
    connection.ensure_connection()
    if _seeded is None:
        call_command("seed_demo", stdout=io.StringIO())
        copy = sqlite3.connect(":memory:")
        connection.connection.backup(copy)
        _seeded = copy
        return
    _seeded.backup(connection.connection)
