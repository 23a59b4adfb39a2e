"""What a process document holds: its schema version, its sections and their fields.

A document is one JSON object::

    {"schema_version": 2, "exported_at": "...", "users": [...], "process": {...},
     "sides": [...], "topics": [...], "participants": [...], ...}

Every row of the dialogue work keeps its UUID (`id`), so links between rows are the ids
of the rows they point at, and a restored process has the addresses it had. Accounts are
named by username: a document carries no password, no calendar-feed secret, no
two-factor device, and none of the read audit or change history.

The sections are listed in the order they are written on import: each one's links point
only at sections before it (and `process`, implied: every row is of the one process).
Lists of ids (`link_lists`: a side's convenors, a briefing's documents...) may point at any
section: they are set once every row is written.

Versions: 1 held the dialogue work (sides to actions). 2 added what a process produces and
where it goes: a side's `convenors`, and the sections `official_contacts`,
`outcome_documents`, `outcome_versions`, `outcome_clearances` and `briefings`. An export is
always of the newest version; an import still reads a version-1 file, which simply has none
of these (its sides no `convenors` key): each key and section says since when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from mediation.models import (
    ActionItem,
    AgendaItem,
    Briefing,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ItemRecord,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
    Participant,
    ProcessMember,
    SessionRecord,
    Side,
    Topic,
)

SCHEMA_VERSION = 2
# The versions an import reads: every one since the first.
READABLE_VERSIONS = (1, 2)
USERS = "users"
PROCESS = "process"
USER_FIELDS = ("username", "first_name", "last_name", "email", "organizer")


@dataclass(frozen=True)
class Section:
    """One list of rows of one model."""

    name: str
    model: type[models.Model]
    # Plain values, written as JSON strings, numbers, booleans or null.
    fields: tuple[str, ...]
    # Field -> the section whose row it names by id ("" for none).
    links: dict[str, str] = field(default_factory=dict)
    # Field -> a username (or null): a link to an account in `users`.
    accounts: tuple[str, ...] = ()
    # Many-to-many field -> a list of usernames.
    account_lists: tuple[str, ...] = ()
    # Many-to-many field -> the section whose rows it lists by id (set after every row).
    link_lists: dict[str, str] = field(default_factory=dict)
    # Whether the row's `process` is set from the document's process.
    in_process: bool = True
    # The schema version that brought the section, and keys brought later (key -> version).
    since: int = 1
    added: dict[str, int] = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        return (
            "id",
            *self.fields,
            *self.links,
            *self.accounts,
            *self.account_lists,
            *self.link_lists,
        )

    def keys_in(self, version: int) -> tuple[str, ...]:
        """The keys a row has in a document of `version`."""
        return tuple(key for key in self.keys if self.added.get(key, 1) <= version)


PROCESS_SECTION = Section(
    PROCESS,
    DialogueProcess,
    (
        "title",
        "conflict",
        "track",
        "status",
        "description_threshold",
        "on_record",
        "answers_visible",
        "archived_at",
    ),
    account_lists=("organizers",),
    in_process=False,
)

SECTIONS = (
    Section(
        "sides",
        Side,
        ("name",),
        link_lists={"convenors": "participants"},
        added={"convenors": 2},
    ),
    Section("topics", Topic, ("title", "description", "sensitivity", "status")),
    Section(
        "participants",
        Participant,
        (
            "name",
            "category",
            "title",
            "affiliation",
            "country",
            "languages",
            "expertise",
            "email",
            "identity_protected",
            "pseudonym",
            "aliases",
            "reminders",
            "archived_at",
        ),
        accounts=("user",),
        in_process=False,
    ),
    Section(
        "members",
        ProcessMember,
        (),
        links={"participant": "participants", "side": "sides"},
        accounts=("added_by",),
    ),
    Section(
        "consents",
        Consent,
        ("kind", "method", "given_at", "withdrawn_at"),
        links={"participant": "participants"},
        accounts=("recorded_by",),
    ),
    Section(
        "sessions",
        DialogueSession,
        (
            "title",
            "public_title",
            "starts_at",
            "ends_at",
            "time_zone",
            "location_kind",
            "venue",
            "format",
            "confidentiality",
            "status",
            "objectives",
            "archived_at",
            "published_at",
            "calendar_sequence",
        ),
        account_lists=("facilitators",),
    ),
    Section(
        "invitations",
        Invitation,
        (
            "role",
            "response",
            "responded_at",
            "note",
            "invited_at",
            "reminded_at",
            "attended",
            "capacity",
            "calendar_sequence",
        ),
        links={"session": "sessions", "participant": "participants", "side": "sides"},
        in_process=False,
    ),
    Section(
        "agenda_items",
        AgendaItem,
        ("position", "title", "duration_minutes", "notes"),
        links={"session": "sessions", "topic": "topics", "lead": "participants"},
        in_process=False,
    ),
    Section(
        "records",
        SessionRecord,
        ("internal_notes", "summary", "outcomes", "state", "shared_at", "version"),
        links={"session": "sessions"},
        accounts=("updated_by",),
        in_process=False,
    ),
    Section(
        "item_records",
        ItemRecord,
        ("discussion", "convergence", "divergence", "topic_status"),
        links={"record": "records", "agenda_item": "agenda_items"},
        in_process=False,
    ),
    Section(
        "actions",
        ActionItem,
        ("description", "due_date", "status", "reminded_at"),
        links={"session": "sessions", "topic": "topics", "owner": "participants"},
        in_process=False,
    ),
    # Since version 2: what the process produces, and where it goes.
    Section(
        "official_contacts",
        OfficialContact,
        (
            "name",
            "identity_protected",
            "pseudonym",
            "institution",
            "role",
            "country",
            "relation",
        ),
        since=2,
    ),
    Section(
        "outcome_documents",
        OutcomeDocument,
        ("kind", "title", "rule", "to_public", "state", "version", "released_at"),
        accounts=("released_by",),
        link_lists={
            "cited_sessions": "sessions",
            "cited_topics": "topics",
            "to_sessions": "sessions",
            "to_contacts": "official_contacts",
        },
        since=2,
    ),
    Section(
        "outcome_versions",
        OutcomeVersion,
        ("number", "title", "body", "note"),
        links={"document": "outcome_documents"},
        accounts=("author",),
        in_process=False,
        since=2,
    ),
    Section(
        "outcome_clearances",
        OutcomeClearance,
        ("version", "convenor_name"),
        links={"document": "outcome_documents", "side": "sides", "convenor": "participants"},
        accounts=("recorded_by",),
        in_process=False,
        since=2,
    ),
    Section(
        "briefings",
        Briefing,
        ("briefed_on", "briefed_by", "channel", "reception", "feedback", "feedback_on"),
        accounts=("recorded_by",),
        link_lists={
            "contacts": "official_contacts",
            "documents": "outcome_documents",
            "topics": "topics",
        },
        since=2,
    ),
)
BY_NAME = {section.name: section for section in SECTIONS}
# Links a row may leave empty (the model's field allows null); the others are required.
OPTIONAL_LINKS = {
    (section.name, name)
    for section in SECTIONS
    for name in section.links
    if section.model._meta.get_field(name).null
}


def json_value(value):
    """A model value as JSON: dates and times in ISO 8601 (with their offset), UUIDs as
    strings, everything else as it is."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
