"""What the process overview reads: six queries, whatever the number of sessions, topics,
invitations, item records and actions.

Scope: the sessions the viewer may open appear on the timeline; the numbers (attendance,
balance, continuity, trajectory, actions) come only from the sessions the viewer plans and
records (`access.sessions_editable_by`): all of a process's live sessions for its
organizers, their own for a facilitator. A session the viewer may only open as an invitee
shows its date and status, nothing of who came or what was said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from mediation import access, confidentiality
from mediation.models import (
    ActionItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ItemRecord,
    Side,
)

from .balance import SessionBalance, session_balances
from .continuity import ContinuityRow, continuity_rows
from .follow_through import FollowThrough, follow_through
from .rooms import Round, rounds_of
from .timeline import TimelineRow, timeline_rows
from .trajectory import StatusMark, TopicTrajectory, trajectories


@dataclass
class Overview:
    """Everything the overview sections show, computed once per request."""

    process: DialogueProcess
    sides: list[Side]
    timeline: list[TimelineRow]
    trajectories: list[TopicTrajectory]
    trajectory_rounds: list[Round]
    balances: list[SessionBalance]
    continuity: list[ContinuityRow]
    follow_through: FollowThrough
    open_actions: list[ActionItem]
    today: date

    @property
    def warnings(self) -> int:
        return sum(len(b.warnings) for b in self.balances)


def _sessions(user, process: DialogueProcess) -> QuerySet[DialogueSession]:
    return (
        access.sessions_visible_to(user)
        .filter(process=process)
        .select_related("process")
        .annotate(
            team=Exists(access.sessions_editable_by(user).filter(pk=OuterRef("pk"))),
        )
        .order_by("starts_at", "pk")
    )


def _team_sessions(user, process: DialogueProcess) -> QuerySet[DialogueSession]:
    return access.sessions_editable_by(user).filter(process=process).values("id")


def _status_marks(user, process: DialogueProcess, by_id: dict) -> list[StatusMark]:
    """The status each topic reached per agenda item, from item records the viewer may read:
    those of sessions they run, and never of a session kept without a written record."""
    rows = (
        ItemRecord.objects.filter(
            agenda_item__session__in=_team_sessions(user, process),
            agenda_item__topic__isnull=False,
        )
        .exclude(topic_status="")
        .values_list(
            "agenda_item_id",
            "agenda_item__session_id",
            "agenda_item__topic_id",
            "agenda_item__position",
            "topic_status",
        )
    )
    marks = []
    for item_id, session_id, topic_id, position, status in rows:
        session = by_id.get(session_id)
        if session is None or not confidentiality.may_leave(
            confidentiality.Content.NOTES,
            session=session,
            audience=confidentiality.Audience.TEAM,
        ):
            continue
        marks.append(
            StatusMark(
                session=session,
                topic_id=topic_id,
                item_id=item_id,
                position=position,
                status=status,
            )
        )
    return marks


def process_overview(
    user, process: DialogueProcess, *, administers: bool, now: datetime | None = None
) -> Overview:
    """The overview of `process` as `user` may see it (`administers`: whether they organize
    it, already known to the view)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sessions = list(_sessions(user, process))
    by_id = {s.pk: s for s in sessions}
    invitations = list(
        Invitation.objects.filter(session__in=_team_sessions(user, process))
        .select_related("participant")
        .order_by("participant__name", "pk")
    )
    sides = list(process.sides.order_by("name"))
    topics = list(
        access.topics_visible_to(user, process, administers=administers).order_by("title")
    )
    marks = _status_marks(user, process, by_id)
    actions = list(
        access.actions_visible_to(user)
        .filter(session__process=process)
        .select_related("owner")
        .order_by("due_date", "created_at")
    )
    rounds = rounds_of(sessions, invitations, now=now)
    team_rounds = [r for r in rounds if r.team]
    marked_sessions = {m.session.pk for m in marks}
    trajectory_rounds = [r for r in team_rounds if r.session.pk in marked_sessions]
    open_actions = [a for a in actions if a.is_open]
    return Overview(
        process=process,
        sides=sides,
        timeline=timeline_rows(rounds),
        trajectories=trajectories(topics, marks, trajectory_rounds),
        trajectory_rounds=trajectory_rounds,
        balances=session_balances(team_rounds, sides, ratio=process.balance_ratio),
        continuity=continuity_rows(team_rounds),
        follow_through=follow_through(actions, [r.session for r in team_rounds], today=today),
        open_actions=open_actions[:50],
        today=today,
    )
