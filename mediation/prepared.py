"""ORM queries compiled to SQL once per process, then run with a new value each time.

Building and compiling an ORM query can cost far more CPU than the database spends
answering it. The query every signed-in request makes for the viewer's facts (profile,
roles, two-factor devices: six EXISTS) took 3.2 ms of Python to compile and well under
0.1 ms to run on SQLite (docs/performance.md). A `PreparedQuery` is written as an ordinary
queryset, built once with a stand-in for its one varying value; each run swaps the real
value into the compiled parameters and reads the rows with the ORM's own converters
(booleans, dates), so the results are those of the queryset itself.

Only for querysets whose SQL depends on nothing but that value: no dates computed from
"now", no language, no settings that change while the process runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet, UUIDField

# Stand for the varying values while the query is compiled: no real id is negative, no
# session key holds a NUL, and no row's UUID is this one (random ids are version 4; this
# one's version digit is 0).
INT_SLOT = -2_054_321_987  # within a 32-bit integer column's range (PostgreSQL's auth_user.id)
TEXT_SLOT = "\x00prepared\x00"
UUID_SLOT = uuid.UUID("00000000-7e9a-0d00-8000-0000009e5e1f")

_UUID = UUIDField()


def _as_parameter(value, connection):
    """A value as the compiled parameters hold it (a UUID is text on SQLite)."""
    if isinstance(value, uuid.UUID):
        return _UUID.get_db_prep_value(value, connection, prepared=False)
    return value


class PreparedQuery:
    def __init__(
        self,
        build: Callable[..., QuerySet],
        slot: int | str | uuid.UUID | tuple = INT_SLOT,
    ):
        """`build(*values)` returns the queryset (a `values_list`) for its values; `slot`
        stands for the value while compiling (TEXT_SLOT for a text value, UUID_SLOT for a
        UUID), or is a tuple of them when the query takes several values."""
        self._build = build
        self._slots = slot if isinstance(slot, tuple) else (slot,)
        self._compiled: dict[str, tuple] = {}

    def _compile(self, using: str) -> tuple:
        compiled = self._compiled.get(using)
        if compiled is None:
            connection = connections[using]
            compiler = self._build(*self._slots).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            stand_ins = [_as_parameter(slot, connection) for slot in self._slots]

            def place(param) -> int | None:
                """Which value goes in this parameter's place (None: it stays)."""
                for index, stand_in in enumerate(stand_ins):
                    if type(param) is type(stand_in) and param == stand_in:
                        return index
                return None

            places = tuple(place(param) for param in params)
            if set(range(len(stand_ins))) - set(places):
                raise ValueError("the prepared query does not use each of its values")
            compiled = self._compiled[using] = (compiler, sql, tuple(params), places)
        return compiled

    def rows(self, *values, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        compiler, sql, params, places = self._compile(using)
        connection = connections[using]
        values = [_as_parameter(value, connection) for value in values]
        params = [
            param if place is None else values[place]
            for param, place in zip(params, places, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))
