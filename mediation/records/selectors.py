"""Reads of a session's record."""

from __future__ import annotations

from mediation.models import (
    DialogueSession,
    SessionRecord,
)


def record_of(session: DialogueSession) -> SessionRecord | None:
    """The session's record with who last saved it, or None (a session the caller may
    open, so its record is theirs to read as far as their page shows it)."""
    return SessionRecord.objects.filter(session=session).select_related("updated_by").first()


def record_items(record: SessionRecord | None) -> dict:
    """The record's notes per agenda item, keyed by agenda item id (one query)."""
    if record is None:
        return {}
    return {r.agenda_item_id: r for r in record.item_records.all()}
