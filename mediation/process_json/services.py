"""Restoring a process from its document: all of it, or nothing.

`process_import` checks the whole document first (`validation.check`, then the database
for ids and usernames it already holds) and refuses with every problem found; only a
document without any is written, in one transaction, so a failure half-way (the database
refusing a row) leaves nothing behind either. Accounts are created without a password:
their people set one with the password reset, or an administrator with `changepassword`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext

from mediation.access import ORGANIZERS_GROUP
from mediation.errors import Refusal

from .schema import PROCESS, PROCESS_SECTION, SECTIONS, USERS
from .selectors import ids_already_present
from .validation import Plan, check, located


class ImportRefused(Refusal):
    """The document has problems (`problems`, each naming where); nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(problems)


@dataclass(frozen=True)
class ImportReport:
    process_id: uuid.UUID
    title: str
    counts: dict[str, int]
    accounts_created: list[str]


def _present_problems(plan: Plan) -> list[str]:
    ids = {name: [str(i.pk) for i, _ in rows] for name, rows in plan.rows.items()}
    usernames = [row["username"] for row in plan.users]
    found = ids_already_present(ids, usernames)
    problems = [
        located(USERS, gettext("“%(username)s” already has an account here") % {"username": name})
        for name in sorted(found[USERS])
    ]
    for section in (PROCESS_SECTION, *SECTIONS):
        for pk in sorted(found.get(section.name, ())):
            problems.append(
                located(f"{section.name}[id {pk}]", gettext("already in the database"))
            )
    return problems


def _write(plan: Plan) -> ImportReport:
    User = get_user_model()
    accounts = {}
    group = Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0]
    for row in plan.users:
        user = User(**{k: row[k] for k in ("username", "first_name", "last_name", "email")})
        user.is_staff = row["organizer"]
        user.set_unusable_password()
        user.save()
        if row["organizer"]:
            user.groups.add(group)
        accounts[user.username] = user
    counts = {}
    for section in (PROCESS_SECTION, *SECTIONS):
        for instance, row in plan.rows[section.name]:
            for name in section.accounts:
                setattr(instance, f"{name}_id", accounts[row[name]].pk if row[name] else None)
            instance.save(force_insert=True)
            for name in section.account_lists:
                getattr(instance, name).set([accounts[username] for username in row[name]])
        counts[section.name] = len(plan.rows[section.name])
    # Lists of links last: they may point at rows of any section (a side's convenors are
    # people, written after the sides). A file older than a list has none (`[]`).
    for section in SECTIONS:
        for instance, row in plan.rows[section.name]:
            for name in section.link_lists:
                getattr(instance, name).set([uuid.UUID(pk) for pk in row.get(name, [])])
    process = plan.rows[PROCESS][0][0]
    return ImportReport(
        process_id=process.pk,
        title=process.title,
        counts=counts,
        accounts_created=sorted(accounts),
    )


@transaction.atomic
def process_import(*, document) -> ImportReport:
    """Write the process of `document` into the database, or refuse (`ImportRefused`,
    with every problem) having written nothing."""
    plan = check(document)
    if plan.ok:
        plan.problems.extend(_present_problems(plan))
    if not plan.ok:
        raise ImportRefused(plan.problems)
    try:
        with transaction.atomic():
            return _write(plan)
    except (IntegrityError, DatabaseError) as error:
        # A rule the checks above do not know of (a database trigger, say): still nothing
        # is written, and the database's own words say which.
        raise ImportRefused(
            [gettext("the database refused a row: %(error)s") % {"error": error}]
        ) from None
