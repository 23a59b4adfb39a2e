"""Continuity: who came back from the previous round, who is new, who dropped out.

Rounds compared are those with someone in the room (postponed and cancelled ones, and
those nobody has accepted yet, skipped), among the sessions the viewer runs.
People who dropped out are named by their name only when their identity is not
protected; protected people are counted, never named, here (the
overview is a summary that travels in print: the session page is where the team reads
who a protected person is, and that reading is audited).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mediation.models import DialogueSession

from .rooms import Round


@dataclass
class ContinuityRow:
    session: DialogueSession
    previous: DialogueSession | None
    basis: str
    total: int
    returning: int
    new: int
    dropped: int
    dropped_named: list[str] = field(default_factory=list)
    dropped_protected: int = 0


def continuity_rows(rounds: list[Round]) -> list[ContinuityRow]:
    rows = []
    previous: Round | None = None
    for r in rounds:
        if not r.room:
            continue  # nobody meets, or nobody has accepted yet: nothing to compare
        here = {i.participant_id: i.participant for i in r.room}
        before = {i.participant_id: i.participant for i in previous.room} if previous else {}
        gone = [person for pk, person in before.items() if pk not in here]
        rows.append(
            ContinuityRow(
                session=r.session,
                previous=previous.session if previous else None,
                basis=r.basis,
                total=len(here),
                returning=sum(1 for pk in here if pk in before),
                new=sum(1 for pk in here if pk not in before),
                dropped=len(gone),
                dropped_named=sorted(p.name for p in gone if not p.identity_protected),
                dropped_protected=sum(1 for p in gone if p.identity_protected),
            )
        )
        previous = r
    return rows
