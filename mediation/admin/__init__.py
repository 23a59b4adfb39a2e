"""The organizers' console: every model of the dialogue work in the Django admin, one
module per area. Everything in it is scoped through `mediation.access` (see base.py)."""

from mediation.admin import (
    audit,
    devices,
    outcomes,
    people,
    processes,
    read_audit,
    records,
    sessions,
)

__all__ = [
    "audit",
    "devices",
    "outcomes",
    "people",
    "processes",
    "read_audit",
    "records",
    "sessions",
]
