"""Data at scale for the benchmark (`manage.py seed_scale`): many processes, people,
sessions, invitations and agenda items, written with bulk inserts, history rows included.

Not the demo: names are numbered, text is short and neutral. Beside the crowd it makes the
benchmark's own personas (BENCH_USERS), whose pages `make bench` measures:

- `bench-organizer` organizes the first process (staff, in the Organizers group);
- `bench-facilitator` facilitates one session in two hundred, among them two sessions with
  20 agenda items, one with 15 invitations and one with 150;
- `bench-participant` is invited to 200 published sessions (their agenda and calendar).
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.utils import timezone

from mediation.access import ORGANIZERS_GROUP
from mediation.demo import bulk_rows
from mediation.models import (
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
)

BENCH_PASSWORD = "bench-only-password"  # noqa: S105 (a throwaway database's accounts)
BENCH_CALENDAR_TOKEN = "bench-participant-calendar-token-0001"  # noqa: S105
BENCH_USERS = ("bench-organizer", "bench-facilitator", "bench-participant")
ZONES = ("Europe/Zurich", "America/New_York", "Asia/Seoul", "Africa/Nairobi", "UTC")
CATEGORIES = [choice for choice, _label in Participant.Category.choices]
BATCH = 5000


@dataclass(frozen=True)
class Size:
    participants: int
    processes: int
    facilitators: int
    sessions: int
    invitations: int
    agenda_items: int


SIZES = {
    "small": Size(1_000, 20, 10, 400, 3_000, 2_000),
    "large": Size(100_000, 1_000, 200, 20_000, 300_000, 100_000),
}


def _bulk(model, rows, counts: dict, now) -> list[dict]:
    written = bulk_rows.insert(model, rows, now=now)
    name = model._meta.model_name
    counts[name] = counts.get(name, 0) + len(written)
    return written


def _users(names: list[str], password: str, **fields) -> list[User]:
    hashed = make_password(password)  # hashed once: argon2 per user would take minutes
    return User.objects.bulk_create(
        [User(username=name, password=hashed, **fields) for name in names], batch_size=BATCH
    )


def seed(size: Size, *, log=lambda text: None) -> dict[str, int]:
    """Write `size` of everything; returns how many rows of each kind were made."""
    counts: dict[str, int] = {}
    now = timezone.now()
    organizer, bench_facilitator, bench_participant_user = _users(
        ["bench-organizer"], BENCH_PASSWORD, is_staff=True
    ) + _users(["bench-facilitator", "bench-participant"], BENCH_PASSWORD)
    organizer.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    crowd = [f"scale-facilitator-{n}" for n in range(1, size.facilitators)]
    facilitators = [bench_facilitator, *_users(crowd, secrets.token_hex(16))]

    processes = _bulk(
        DialogueProcess,
        ({"title": f"Process {n}", "conflict": f"Conflict {n}"} for n in range(size.processes)),
        counts,
        now,
    )
    DialogueProcess.organizers.through.objects.create(
        dialogueprocess_id=processes[0]["id"], user=organizer
    )
    log(f"{len(processes)} processes")

    people = _bulk(
        Participant,
        (
            {
                "name": f"Person {n}",
                "category": CATEGORIES[n % len(CATEGORIES)],
                "affiliation": f"Institute {n % 500}",
                "country": f"Country {n % 150}",
                "email": f"person{n}@example.org",
            }
            for n in range(size.participants)
        ),
        counts,
        now,
    )
    bench_participant = _bulk(
        Participant,
        [
            {
                "name": "Bench Participant",
                "category": CATEGORIES[0],
                "user_id": bench_participant_user.pk,
                "calendar_token": BENCH_CALENDAR_TOKEN,
            }
        ],
        counts,
        now,
    )[0]
    log(f"{len(people)} participants")

    span = timedelta(days=3 * 365)

    def session(n: int) -> dict:
        # The first two are the bench facilitator's, in the bench organizer's process, soon.
        start = (
            now + timedelta(days=7 + n) if n < 2 else now - span * 2 / 3 + span * n / size.sessions
        )
        return {
            "process_id": processes[0 if n < 2 else n % len(processes)]["id"],
            "title": f"Session {n}",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "time_zone": ZONES[n % len(ZONES)],
            "published_at": now,
        }

    sessions = _bulk(DialogueSession, (session(n) for n in range(size.sessions)), counts, now)
    teams = {(s["id"], facilitators[n % len(facilitators)].pk) for n, s in enumerate(sessions)} | {
        (s["id"], bench_facilitator.pk) for s in sessions[:2]
    }
    bulk_rows.insert(
        DialogueSession.facilitators.through,
        ({"dialoguesession_id": session_id, "user_id": user_id} for session_id, user_id in teams),
        now=now,
    )
    log(f"{len(sessions)} sessions")

    invitations = _invitations(size, sessions, people, bench_participant)
    _bulk(Invitation, invitations, counts, now)
    log(f"{len(invitations)} invitations")

    per_session = max(size.agenda_items // size.sessions, 1)
    items = [
        {"session_id": s["id"], "title": f"Item {k + 1}", "position": k + 1,
         "duration_minutes": 15}
        for s in sessions[2:]
        for k in range(per_session)
    ][: max(size.agenda_items - 40, 0)]  # fmt: skip
    items += [
        {"session_id": s["id"], "title": f"Item {k + 1}", "position": k + 1,
         "duration_minutes": 9}
        for s in sessions[:2]
        for k in range(20)
    ]  # fmt: skip
    _bulk(AgendaItem, items, counts, now)
    log(f"{len(items)} agenda items")
    counts["bench sessions"] = [str(s["id"]) for s in sessions[:2]]
    return counts


def _invitations(size: Size, sessions, people, bench_participant) -> list[dict]:
    """15 and 150 on the bench facilitator's two sessions; the bench participant in 200
    sessions; the rest spread evenly, each person at most once per session."""

    def invitation(session: dict, person: dict) -> dict:
        return {"session_id": session["id"], "participant_id": person["id"]}

    chosen: list[dict] = []
    crowd = itertools.cycle(range(len(people)))
    for session, how_many in ((sessions[0], 15), (sessions[1], 150)):
        chosen += [invitation(session, people[n]) for n in range(how_many)]
    step = max(len(sessions) // 200, 1)
    mine = sessions[2::step][:200]
    chosen += [invitation(s, bench_participant) for s in mine]
    others = sessions[2:]
    per_session, extra = divmod(size.invitations - len(chosen), max(len(others), 1))
    for n, session in enumerate(others):
        first = next(crowd)
        # The remainder goes one each to the first sessions, so the total is exact.
        for k in range(per_session + (n < extra)):
            person = people[(first * (per_session + 1) + k) % len(people)]
            chosen.append(invitation(session, person))
    return chosen
