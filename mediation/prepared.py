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

from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Stand for the varying value while the query is compiled: no real id is negative, and no
# session key holds a NUL.
INT_SLOT = -2_054_321_987  # within a 32-bit integer column's range (PostgreSQL's auth_user.id)
TEXT_SLOT = "\x00prepared\x00"


class PreparedQuery:
    def __init__(self, build: Callable[[Any], QuerySet], slot: int | str = INT_SLOT):
        """`build(value)` returns the queryset (a `values_list`) for one value; `slot`
        stands for the value while compiling (TEXT_SLOT for a text value)."""
        self._build = build
        self._slot = slot
        self._compiled: dict[str, tuple] = {}

    def _is_slot(self, param) -> bool:
        return type(param) is type(self._slot) and param == self._slot

    def _compile(self, using: str) -> tuple:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiler = self._build(self._slot).query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            if not any(self._is_slot(param) for param in params):
                raise ValueError("the prepared query does not use its value")
            compiled = self._compiled[using] = (compiler, sql, tuple(params))
        return compiled

    def rows(self, value, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        compiler, sql, params = self._compile(using)
        params = [value if self._is_slot(param) else param for param in params]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))
