"""Check after a load test that every acknowledged write is in the database, and whole.

scripts/loadtest.py writes what the server acknowledged to a JSON file and runs this on the
stopped server's database:

    {"records": [[session_id, marker], ...],       # record saves answered 302
     "admin": [[invitation_id, marker], ...],      # invitation notes saved in the admin
     "answers": [{"username", "session", "acked": [marker, ...],
                  "last": {"marker", "response"} or null,
                  "unconfirmed_after_last": [marker, ...]}, ...]}

A write is kept when its marker is in the history (every acknowledged save leaves a history
row), and a participant's last acknowledged answer must be the stored one, unless a later
answer that was cut off (never acknowledged, maybe saved) replaced it. Beside that, every
record's version must equal its number of history rows, and the newest history row of a
record or an invitation must equal the row: anything else is a half-written save.

Prints one line of JSON: `{"missing": [...], "inconsistent": [...], "integrity": "ok" (SQLite's
PRAGMA integrity_check) or "n/a", "records": n, "invitations": n}`.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Q

from mediation.models import Invitation, SessionRecord

RECORD_FIELDS = ("summary", "internal_notes", "outcomes", "version", "state")
INVITATION_FIELDS = ("response", "note", "session_id", "participant_id")


class Command(BaseCommand):
    help = "Report the load test's acknowledged writes that are missing or half-written."

    def add_arguments(self, parser):
        parser.add_argument("acks", type=Path, help="JSON file of the acknowledged writes.")

    def handle(self, *args, acks: Path, **options):
        try:
            data = json.loads(acks.read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the acknowledged writes: {error}") from error
        verdict = {
            "missing": [
                *missing_records(data["records"]),
                *missing_admin_notes(data["admin"]),
                *missing_answers(data["answers"]),
            ],
            "inconsistent": [*half_written_records(), *half_written_invitations()],
            "integrity": integrity(),
            "records": SessionRecord.objects.count(),
            "invitations": Invitation.objects.count(),
        }
        self.stdout.write(json.dumps(verdict))


def missing_records(acked: list) -> list[str]:
    history = SessionRecord.history.model.objects
    missing = []
    for session_id, marker in acked:
        found = history.filter(session_id=session_id).filter(
            Q(summary__contains=marker)
            | Q(internal_notes__contains=marker)
            | Q(outcomes__contains=marker)
        )
        if not found.exists():
            missing.append(f"record of {session_id}: {marker}")
    return missing


def missing_admin_notes(acked: list) -> list[str]:
    history = Invitation.history.model.objects
    return [
        f"admin note on invitation {invitation_id}: {marker}"
        for invitation_id, marker in acked
        if not history.filter(id=invitation_id, note__contains=marker).exists()
    ]


def missing_answers(entries: list[dict]) -> list[str]:
    history = Invitation.history.model.objects
    missing = []
    for entry in entries:
        username, session = entry["username"], entry["session"]
        invitation = Invitation.objects.filter(
            session_id=session, participant__user__username=username
        ).first()
        if invitation is None:
            missing.append(f"invitation of {username} to {session}")
            continue
        for marker in entry["acked"]:
            if not history.filter(id=invitation.pk, note__contains=marker).exists():
                missing.append(f"answer {marker} of {username} not in the history")
        last = entry["last"]
        stored = (invitation.response, invitation.note)
        if last and not (
            (last["marker"] in stored[1] and stored[0] == last["response"])
            or any(marker in stored[1] for marker in entry["unconfirmed_after_last"])
        ):
            missing.append(
                f"last answer of {username} to {session}: stored {stored!r}, acknowledged {last!r}"
            )
    return missing


def half_written_records() -> list[str]:
    history = SessionRecord.history.model.objects
    inconsistent = []
    for record in SessionRecord.objects.all():
        rows = history.filter(id=record.pk)
        count = rows.count()
        newest = rows.order_by("-history_date", "-history_id").first()
        if record.version != count:
            inconsistent.append(
                f"record {record.pk}: version {record.version}, {count} history rows"
            )
        if newest is None or any(getattr(newest, f) != getattr(record, f) for f in RECORD_FIELDS):
            inconsistent.append(f"record {record.pk}: newest history row differs from the row")
    return inconsistent


def half_written_invitations() -> list[str]:
    history = Invitation.history.model.objects
    inconsistent = []
    for invitation in Invitation.objects.all():
        newest = history.filter(id=invitation.pk).order_by("-history_date", "-history_id").first()
        if newest is not None and any(
            getattr(newest, f) != getattr(invitation, f) for f in INVITATION_FIELDS
        ):
            inconsistent.append(f"invitation {invitation.pk}: newest history row differs")
    return inconsistent


def integrity() -> str:
    if connection.vendor != "sqlite":
        return "n/a"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA integrity_check")
        return ", ".join(row[0] for row in cursor.fetchall())
