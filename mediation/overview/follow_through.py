"""Follow-through: the follow-up actions of the viewer's sessions, open, done and overdue,
per session and per owner. Owners are named as anyone outside the team may read them
(`Participant.public_name`: a protected person by pseudonym)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from mediation.models import ActionItem, DialogueSession


@dataclass
class Tally:
    label: str
    done: int = 0
    open: int = 0  # open or in progress, not yet due (or with no due date)
    overdue: int = 0  # open or in progress, past its due date
    dropped: int = 0
    href: str = ""

    @property
    def total(self) -> int:
        return self.done + self.open + self.overdue + self.dropped

    def add(self, action: ActionItem, today: date) -> None:
        if action.status == ActionItem.Status.DONE:
            self.done += 1
        elif action.status == ActionItem.Status.DROPPED:
            self.dropped += 1
        elif action.due_date and action.due_date < today:
            self.overdue += 1
        else:
            self.open += 1


@dataclass
class FollowThrough:
    by_session: list[Tally]
    by_owner: list[Tally]
    total: Tally


def follow_through(
    actions: list[ActionItem], sessions: list[DialogueSession], *, today: date
) -> FollowThrough:
    """Tallies per session (in date order; sessions without actions left out) and per
    owner (by name as shown; "No owner" last)."""
    per_session = {
        s.pk: Tally(label=_session_label(s), href=s.get_absolute_url()) for s in sessions
    }
    per_owner: dict[object, Tally] = {}
    total = Tally(label=_("All actions"))
    for action in actions:
        total.add(action, today)
        if action.session_id in per_session:
            per_session[action.session_id].add(action, today)
        key = action.owner_id
        if key not in per_owner:
            per_owner[key] = Tally(
                label=action.owner.public_name if action.owner else _("No owner")
            )
        per_owner[key].add(action, today)
    owners = sorted(
        (t for k, t in per_owner.items() if k is not None), key=lambda t: t.label.casefold()
    )
    if None in per_owner:
        owners.append(per_owner[None])
    return FollowThrough(
        by_session=[t for t in per_session.values() if t.total],
        by_owner=owners,
        total=total,
    )


def _session_label(session: DialogueSession) -> str:
    local = session.local_starts_at
    return f"{local:%Y-%m-%d} · {session.title}"
