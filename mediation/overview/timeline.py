"""The timeline: every session the viewer may open, in date order, with its attendance."""

from __future__ import annotations

from dataclasses import dataclass

from mediation.models import DialogueSession

from .rooms import Round


@dataclass(frozen=True)
class TimelineRow:
    session: DialogueSession
    kind: str
    kind_label: str
    team: bool
    invited: int | None  # None: a session the viewer only opens as an invitee
    accepted: int | None
    came: int | None  # None: attendance not noted (or not the viewer's to know)

    @property
    def bar(self) -> int:
        """The length drawn: who came once known, else who accepted."""
        if self.came is not None:
            return self.came
        return self.accepted or 0


def timeline_rows(rounds: list[Round]) -> list[TimelineRow]:
    return [
        TimelineRow(
            session=r.session,
            kind=r.kind,
            kind_label=r.kind_label,
            team=r.team,
            invited=r.invited if r.team else None,
            accepted=r.accepted if r.team else None,
            came=r.came if r.team else None,
        )
        for r in rounds
    ]
