"""Balance of the room per session: by side, by category and by capacity, with a plain
warning where a side is absent or outnumbered beyond the process's ratio
(`DialogueProcess.balance_ratio`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from mediation.models import DialogueSession, Invitation, Participant, Side

from .rooms import Round

NO_SIDE = "none"


@dataclass(frozen=True)
class Group:
    key: str
    label: str


@dataclass
class SessionBalance:
    session: DialogueSession
    kind_label: str
    basis: str  # "came" or "accepted" (see rooms.Round.basis)
    total: int
    by_side: dict[str, int]
    by_category: dict[str, int]
    by_capacity: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def side_groups(sides: list[Side]) -> list[Group]:
    return [Group(str(s.pk), s.name) for s in sides] + [Group(NO_SIDE, _("No side given"))]


def category_groups() -> list[Group]:
    return [Group(value, str(label)) for value, label in Participant.Category.choices]


def capacity_groups() -> list[Group]:
    return [Group(value, str(label)) for value, label in Invitation.Capacity.choices]


def side_warnings(
    counts: dict[str, int], sides: list[Side], *, ratio: Decimal, basis: str
) -> list[str]:
    """What a reader must not miss about the sides in one room, in plain words."""
    if not sides or not sum(counts.values()):
        return []
    warnings = []
    for side in sides:
        if not counts.get(str(side.pk)):
            if basis == "came":
                warnings.append(_("No one from %(side)s came.") % {"side": side.name})
            else:
                warnings.append(_("No one from %(side)s has accepted.") % {"side": side.name})
    present = [(counts[str(s.pk)], s) for s in sides if counts.get(str(s.pk))]
    if len(present) >= 2:
        most, big = max(present, key=lambda pair: pair[0])
        least, small = min(present, key=lambda pair: pair[0])
        if Decimal(most) > ratio * least:
            warnings.append(
                _(
                    "%(big)s outnumbers %(small)s %(most)d to %(least)d, more than the "
                    "%(ratio)s to 1 this process allows."
                )
                % {
                    "big": big.name,
                    "small": small.name,
                    "most": most,
                    "least": least,
                    "ratio": ratio.normalize(),
                }
            )
    return warnings


def parties(rounds: list[Round], sides: list[Side]) -> list[Side]:
    """The sides that send participants: those of anyone invited as a participant to one of
    these rounds. A side of convenors or hosts, whose people come as facilitators,
    observers or resource persons, is never warned about."""
    sending = {
        i.side_id
        for r in rounds
        for i in r.invitations
        if i.side_id and i.role == Invitation.Role.PARTICIPANT
    }
    return [side for side in sides if side.pk in sending]


def session_balances(
    rounds: list[Round], sides: list[Side], *, ratio: Decimal
) -> list[SessionBalance]:
    """One balance per round with someone in the room (postponed and cancelled rounds,
    and rounds nobody has accepted yet, left out)."""
    warned_sides = parties(rounds, sides)
    balances = []
    for r in rounds:
        room = r.room
        if not room:
            continue
        by_side = Counter(str(i.side_id) if i.side_id else NO_SIDE for i in room)
        balances.append(
            SessionBalance(
                session=r.session,
                kind_label=r.kind_label,
                basis=r.basis,
                total=len(room),
                by_side=dict(by_side),
                by_category=dict(Counter(i.participant.category for i in room)),
                by_capacity=dict(Counter(i.capacity for i in room)),
                warnings=side_warnings(by_side, warned_sides, ratio=ratio, basis=r.basis),
            )
        )
    return balances
