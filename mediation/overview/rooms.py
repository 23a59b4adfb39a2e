"""Rounds of a process and who was in the room at each: the ground every chart stands on.

A round is one session, with its kind (held, upcoming, postponed, cancelled, a draft...)
and its room. The room is who came when attendance was noted, otherwise who accepted
(the room expected): `basis` says which, so no chart passes an expectation for a fact.
Only invitees in the role of participant make the room; facilitators, observers and
resource persons come for no side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from mediation.models import DialogueSession, Invitation

Status = DialogueSession.Status

KIND_LABELS = {
    "held": _("Held"),
    "past": _("Past, not marked held"),
    "upcoming": _("Upcoming"),
    "postponed": _("Postponed"),
    "cancelled": _("Cancelled"),
    "draft": _("Draft: not yet published"),
}
# Rounds where nobody meets: no room, no balance, no continuity.
NOT_MET = {"postponed", "cancelled"}


def kind_of(session: DialogueSession, now: datetime) -> str:
    if session.status == Status.CANCELLED:
        return "cancelled"
    if session.status == Status.POSTPONED:
        return "postponed"
    if session.is_draft:
        return "draft"
    if session.status == Status.HELD:
        return "held"
    return "past" if session.ends_at < now else "upcoming"


@dataclass
class Round:
    session: DialogueSession
    kind: str
    team: bool  # the viewer runs it: its numbers may be shown
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def invited(self) -> int:
        return len(self.invitations)

    @property
    def accepted(self) -> int:
        return sum(1 for i in self.invitations if i.response == Invitation.Response.ACCEPTED)

    @property
    def attendance_known(self) -> bool:
        return any(i.attended is not None for i in self.invitations)

    @property
    def came(self) -> int | None:
        """How many came, all roles; None until attendance is noted."""
        if not self.attendance_known:
            return None
        return sum(1 for i in self.invitations if i.attended)

    @property
    def meets(self) -> bool:
        return self.kind not in NOT_MET

    @property
    def basis(self) -> str:
        """ "came" when attendance was noted, "accepted" otherwise."""
        return "came" if self.attendance_known else "accepted"

    @property
    def room(self) -> list[Invitation]:
        """The participants in the room (see the module's docstring); empty where no one
        meets."""
        if not self.meets:
            return []
        if self.attendance_known:
            chosen = [i for i in self.invitations if i.attended]
        else:
            chosen = [i for i in self.invitations if i.response == Invitation.Response.ACCEPTED]
        return [i for i in chosen if i.role == Invitation.Role.PARTICIPANT]


def rounds_of(
    sessions: list[DialogueSession], invitations: list[Invitation], *, now: datetime
) -> list[Round]:
    """One round per session, in date order, with the invitations of the sessions the
    viewer runs (the others' invitations were never read)."""
    by_session = defaultdict(list)
    for invitation in invitations:
        by_session[invitation.session_id].append(invitation)
    return [
        Round(
            session=session,
            kind=kind_of(session, now),
            team=bool(getattr(session, "team", False)),
            invitations=by_session.get(session.pk, []) if getattr(session, "team", False) else [],
        )
        for session in sessions
    ]
