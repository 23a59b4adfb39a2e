"""Rows written fast for seed_scale: tuples through the database cursor, history included.

`bulk_create` builds a model instance for each row and compiles each value through its
field; at the bench's large size (about a million rows with their history) that was two
thirds of seed_scale's time. Here each column's conversion is chosen once per table, rows
are plain tuples, and they go in with PostgreSQL's COPY or with `executemany` elsewhere.

For fresh benchmark data only: no signals, no validation, no `save()`. Columns left out
of a row take the field's default (called per row when it is a callable, like `uuid4`);
`auto_now` and `auto_now_add` columns take `now`. The history row of each row is what
django-simple-history writes on creation: the same values, type "+", no user or reason.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import connection, models

BATCH = 5000
# Types whose Python value the database driver takes as it is.
AS_IS = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "EmailField",
    "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField",
    "SmallIntegerField", "TextField",
}  # fmt: skip


def _converter(field: models.Field) -> Callable:
    kind = (field.target_field if field.is_relation else field).get_internal_type()
    if kind in AS_IS:
        return lambda value: value
    if kind == "UUIDField" and connection.vendor != "postgresql":
        return lambda value: None if value is None else value.hex
    if kind == "UUIDField":
        return lambda value: value
    if kind == "DateTimeField":
        # Most rows share a few moments (`now` above all): each is adapted once.
        adapted = functools.lru_cache(maxsize=4096)(connection.ops.adapt_datetimefield_value)
        return lambda value: None if value is None else adapted(value)
    return lambda value: field.get_db_prep_save(value, connection)


def _value_of(field: models.Field, now: datetime) -> Callable[[dict], object]:
    """How a column's value is found in a row (a dict by attname), or made when absent."""
    name = field.attname
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda row: row.get(name, now)
    if field.has_default() and callable(field.default):
        make = field.default
        return lambda row: row[name] if name in row else make()
    constant = field.get_default()
    return lambda row: row.get(name, constant)


def _columns(model) -> list[models.Field]:
    """Every stored column but an auto-incremented key, which the database numbers."""
    return [
        f for f in model._meta.concrete_fields
        if not (f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField"))
    ]  # fmt: skip


def _write(model, fields: list[models.Field], tuples: list[tuple]) -> None:
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in tuples:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            for start in range(0, len(tuples), BATCH):
                cursor.executemany(sql, tuples[start : start + BATCH])


def insert(model, rows: Iterable[dict], *, now: datetime) -> list[dict]:
    """Write `rows` (dicts by attname) into `model`'s table, and their history rows when the
    model keeps history. Returns the rows with every column filled in (ids included)."""
    fields = _columns(model)
    makers = [(f.attname, _value_of(f, now)) for f in fields]
    full = [{name: make(row) for name, make in makers} for row in rows]
    converters = [(f.attname, _converter(f)) for f in fields]
    _write(model, fields, [tuple(c(row[name]) for name, c in converters) for row in full])
    if hasattr(model, "history"):
        extra = {"history_date": now, "history_type": "+", "history_change_reason": None,
                 "history_user_id": None}  # fmt: skip
        history_model = model.history.model
        history_fields = _columns(history_model)
        converters = [(f.attname, _converter(f)) for f in history_fields]
        _write(
            history_model,
            history_fields,
            [
                tuple(c(extra[name] if name in extra else row[name]) for name, c in converters)
                for row in full
            ],
        )
    return full
