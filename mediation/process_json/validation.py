"""Every problem of a process document, found before anything is written.

`check(document)` reads the whole document and returns a `Plan`: the unsaved rows it
would write, and the list of problems (each naming where it is: `sessions[2].starts_at`).
An import writes only a plan without problems. What is checked:

- the schema version (the current one, or an earlier one the product still reads: a
  section or key newer than the file's version is not looked for), then every section and
  key the schema names (and no other key);
- every id a UUID, no id twice in a section, no username twice;
- every link, and every id of a list of links (a side's convenors, a briefing's
  documents...), pointing at a row of the document (of the right section), every account
  at a user of the document;
- every value as the model's field takes it (choices, lengths, dates with their offset),
  and the model's own constraints (a session ends after it starts, a protected person has
  a pseudonym...), and the rules of the product a document could break (an agenda item's
  lead and an action's owner are invited to its session; one record per session);
- no id and no username already in the database.

Each problem is told in the active language (`gettext` when the check runs): the reader's
in the admin, English in `manage.py import_process`. Where it is (`sessions[2].starts_at`)
names the document's own keys, which stay as the file spells them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

from .rules import check_rules
from .schema import (
    OPTIONAL_LINKS,
    PROCESS,
    PROCESS_SECTION,
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    SECTIONS,
    USER_FIELDS,
    USERS,
    Section,
)


@dataclass
class Plan:
    problems: list[str] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    # Section name -> [(unsaved instance, its row)], in the order they are written.
    rows: dict[str, list] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def located(where: str, text: str) -> str:
    """One problem: where in the document, then what is wrong there."""
    return gettext("%(where)s: %(problem)s") % {"where": where, "problem": text}


def _listed(values) -> str:
    return ", ".join(str(value) for value in values)


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _no_row(value, section: str) -> str:
    return gettext("%(value)s is no row of %(section)s") % {
        "value": repr(value),
        "section": section,
    }


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


class _Checker:
    def __init__(self, document: dict):
        self.document = document
        self.plan = Plan()
        self.ids: dict[str, set[str]] = {}
        self.usernames: set[str] = set()
        self.version = SCHEMA_VERSION

    def problem(self, where: str, text: str) -> None:
        self.plan.problems.append(located(where, text))

    # --- Shape ------------------------------------------------------------------------------

    def rows_of(self, name: str, since: int = 1) -> list:
        if since > self.version:
            # A file older than the section: it has none of its rows.
            return []
        rows = self.document.get(name)
        if name == PROCESS:
            if not isinstance(rows, dict):
                self.problem(name, gettext("missing, or not an object"))
                return []
            return [rows]
        if not isinstance(rows, list):
            self.problem(name, gettext("missing, or not a list"))
            return []
        return rows

    def keys_of(self, where: str, row, expected: tuple[str, ...]) -> bool:
        if not isinstance(row, dict):
            self.problem(where, gettext("not an object"))
            return False
        missing = [key for key in expected if key not in row]
        unknown = sorted(set(row) - set(expected))
        if missing:
            self.problem(
                where,
                ngettext("missing key: %(keys)s", "missing keys: %(keys)s", len(missing))
                % {"keys": _listed(missing)},
            )
        if unknown:
            self.problem(
                where,
                ngettext("unknown key: %(keys)s", "unknown keys: %(keys)s", len(unknown))
                % {"keys": _listed(unknown)},
            )
        return not missing

    # --- Users ------------------------------------------------------------------------------

    def users(self) -> None:
        User = get_user_model()
        for index, row in enumerate(self.rows_of(USERS)):
            where = f"{USERS}[{index}]"
            if not self.keys_of(where, row, USER_FIELDS):
                continue
            username = row["username"]
            if not isinstance(username, str) or not username:
                self.problem(f"{where}.username", gettext("must be a non-empty text"))
                continue
            if username in self.usernames:
                self.problem(
                    f"{where}.username",
                    gettext("“%(username)s” appears twice") % {"username": username},
                )
                continue
            self.usernames.add(username)
            user = User(**{key: row[key] for key in USER_FIELDS if key != "organizer"})
            try:
                user.clean_fields(exclude=["password"])
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    self.problem(f"{where}.{name}", " ".join(errors))
            if not isinstance(row["organizer"], bool):
                self.problem(f"{where}.organizer", gettext("must be true or false"))
            self.plan.users.append(row)

    # --- Ids --------------------------------------------------------------------------------

    def collect_ids(self, section: Section) -> list:
        """The section's rows with a usable id (each id once); notes the others."""
        good, seen = [], set()
        for index, row in enumerate(self.rows_of(section.name, section.since)):
            where = f"{section.name}[{index}]" if section.name != PROCESS else PROCESS
            if not self.keys_of(where, row, section.keys_in(self.version)):
                continue
            if not _is_uuid(row["id"]):
                self.problem(f"{where}.id", gettext("not a UUID"))
                continue
            key = str(uuid.UUID(row["id"]))
            if key in seen:
                self.problem(
                    f"{where}.id",
                    gettext("%(id)s appears twice in %(section)s")
                    % {"id": key, "section": section.name},
                )
                continue
            seen.add(key)
            good.append((where, row))
        self.ids[section.name] = seen
        return good

    # --- Values and links -------------------------------------------------------------------

    def build(self, section: Section, where: str, row: dict, process_id):
        model = section.model
        instance = model(pk=uuid.UUID(row["id"]))
        ok = True
        for name in section.fields:
            model_field = model._meta.get_field(name)
            try:
                value = model_field.to_python(row[name])
            except ValidationError as error:
                self.problem(f"{where}.{name}", _messages(error))
                ok = False
                continue
            if isinstance(value, datetime) and value.tzinfo is None:
                self.problem(f"{where}.{name}", gettext("a time needs its offset (+00:00)"))
                ok = False
            setattr(instance, name, value)
        for name, target in section.links.items():
            value = row[name]
            if value is None:
                if (section.name, name) not in OPTIONAL_LINKS:
                    self.problem(f"{where}.{name}", gettext("required"))
                    ok = False
                continue
            if not _is_uuid(value) or str(uuid.UUID(value)) not in self.ids.get(target, ()):
                self.problem(f"{where}.{name}", _no_row(value, target))
                ok = False
                continue
            setattr(instance, f"{name}_id", uuid.UUID(value))
        for name in section.accounts:
            if row[name] is not None and row[name] not in self.usernames:
                self.problem(
                    f"{where}.{name}",
                    gettext("%(value)s is no user of the document") % {"value": repr(row[name])},
                )
                ok = False
        for name in section.account_lists:
            names = row[name]
            if not isinstance(names, list) or any(n not in self.usernames for n in names):
                self.problem(
                    f"{where}.{name}", gettext("must list usernames of the document's users")
                )
                ok = False
        for name, target in section.link_lists.items():
            ids = row.get(name, [])
            if not isinstance(ids, list):
                self.problem(
                    f"{where}.{name}",
                    gettext("must list ids of rows of %(section)s") % {"section": target},
                )
                ok = False
                continue
            for value in ids:
                if not _is_uuid(value) or str(uuid.UUID(value)) not in self.ids.get(target, ()):
                    self.problem(f"{where}.{name}", _no_row(value, target))
                    ok = False
        if section.in_process and process_id is not None:
            instance.process_id = process_id
        if ok:
            self.validate_instance(instance, section, where)
        return instance if ok else None

    def validate_instance(self, instance, section: Section, where: str) -> None:
        plain = set(section.fields)
        skipped = [f.name for f in section.model._meta.fields if f.name not in plain]
        try:
            instance.clean_fields(exclude=skipped)
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                self.problem(f"{where}.{name}", " ".join(errors))
        try:
            # Check constraints only: unique ones are checked across the document below.
            for constraint in section.model._meta.constraints:
                if not hasattr(constraint, "fields"):
                    constraint.validate(section.model, instance)
        except ValidationError as error:
            self.problem(where, _messages(error))

    # --- The whole document -----------------------------------------------------------------

    def run(self) -> Plan:
        version = self.document.get("schema_version")
        if isinstance(version, bool) or version not in READABLE_VERSIONS:
            readable = ", ".join(str(number) for number in READABLE_VERSIONS)
            self.problem(
                "schema_version",
                gettext("%(version)s is not a version this product reads (it reads %(readable)s)")
                % {"version": repr(version), "readable": readable},
            )
            return self.plan
        self.version = version
        self.users()
        process_rows = self.collect_ids(PROCESS_SECTION)
        checked = [(PROCESS_SECTION, process_rows)]
        checked += [(section, self.collect_ids(section)) for section in SECTIONS]
        process_id = uuid.UUID(process_rows[0][1]["id"]) if process_rows else None
        for section, rows in checked:
            built = []
            for where, row in rows:
                instance = self.build(section, where, row, process_id)
                if instance is not None:
                    built.append((instance, row))
            self.plan.rows[section.name] = built
        if self.plan.ok:
            for where, text in check_rules(self.plan.rows):
                self.problem(where, text)
        return self.plan


def check(document) -> Plan:
    """The plan of an import of `document`, with every problem found (none: it may be
    written). Problems of ids already in the database are added by the service, which
    asks the database."""
    if not isinstance(document, dict):
        return Plan(problems=[located(gettext("the document"), gettext("not a JSON object"))])
    return _Checker(document).run()
