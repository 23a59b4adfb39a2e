"""The rules across rows a process document must keep, checked on the unsaved rows of an
import before anything is written: what the database's unique constraints would refuse
(told here with the rows named), and the product's own links (a lead or an owner is
invited to the session; an item's record belongs to its session's record; a clearance is
given to a version its document has). Each problem in the active language, as in
`validation`."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext

# (section, the values that must be unique together, which rows count).
UNIQUE = [
    ("sides", ("name",), None),
    ("topics", ("title",), None),
    ("participants", ("user",), lambda row: row["user"] is not None),
    ("members", ("participant_id",), None),
    ("consents", ("participant_id", "kind"), lambda row: row["withdrawn_at"] is None),
    ("invitations", ("session_id", "participant_id"), None),
    ("agenda_items", ("session_id", "position"), None),
    ("records", ("session_id",), None),
    ("item_records", ("agenda_item_id",), None),
    ("outcome_versions", ("document_id", "number"), None),
    ("outcome_clearances", ("document_id", "side_id", "version"), None),
]


def _where(section: str, rows: list, index: int) -> str:
    return f"{section}[id {rows[index][0].pk}]"


def _value(instance, row: dict, name: str):
    return row[name] if name in row and not name.endswith("_id") else getattr(instance, name)


def _unique(plan_rows: dict) -> Iterator[tuple[str, str]]:
    for section, names, counts in UNIQUE:
        rows = plan_rows.get(section, [])
        seen = {}
        for index, (instance, row) in enumerate(rows):
            if counts is not None and not counts(row):
                continue
            key = tuple(_value(instance, row, name) for name in names)
            if key in seen:
                shown = ", ".join(name.removesuffix("_id") for name in names)
                yield (
                    _where(section, rows, index),
                    gettext("same %(fields)s as %(other)s")
                    % {"fields": shown, "other": seen[key]},
                )
            else:
                seen[key] = _where(section, rows, index)


def _links(plan_rows: dict) -> Iterator[tuple[str, str]]:
    invited = {
        (instance.session_id, instance.participant_id)
        for instance, _ in plan_rows.get("invitations", [])
    }
    # One whole sentence each (not "the %s"), so that each language words it its own way.
    not_invited = {
        "lead": gettext("the lead is not invited to the session"),
        "owner": gettext("the owner is not invited to the session"),
    }
    for section, person in (("agenda_items", "lead"), ("actions", "owner")):
        rows = plan_rows.get(section, [])
        for index, (instance, _) in enumerate(rows):
            person_id = getattr(instance, f"{person}_id")
            if person_id is not None and (instance.session_id, person_id) not in invited:
                yield _where(section, rows, index), not_invited[person]
    record_sessions = {instance.pk: instance.session_id for instance, _ in plan_rows["records"]}
    item_sessions = {instance.pk: instance.session_id for instance, _ in plan_rows["agenda_items"]}
    rows = plan_rows.get("item_records", [])
    for index, (instance, _) in enumerate(rows):
        if record_sessions[instance.record_id] != item_sessions[instance.agenda_item_id]:
            yield (
                _where("item_records", rows, index),
                gettext("its agenda item is of another session than its record"),
            )


def _clearances(plan_rows: dict) -> Iterator[tuple[str, str]]:
    versions = {
        (instance.document_id, instance.number)
        for instance, _ in plan_rows.get("outcome_versions", [])
    }
    rows = plan_rows.get("outcome_clearances", [])
    for index, (instance, _) in enumerate(rows):
        if (instance.document_id, instance.version) not in versions:
            yield (
                _where("outcome_clearances", rows, index),
                gettext("its document has no such version"),
            )


def check_rules(plan_rows: dict) -> list[tuple[str, str]]:
    """(where, problem) for each rule the rows break; empty when they keep them all."""
    return [*_unique(plan_rows), *_links(plan_rows), *_clearances(plan_rows)]
