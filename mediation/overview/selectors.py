"""What the process overview reads: seven queries, whatever the number of sessions, topics,
invitations, item records and actions.

Scope: the sessions the viewer may open appear on the timeline; the numbers (attendance,
balance, continuity, trajectory, actions) come only from the sessions the viewer plans and
records (`access.sessions_editable_by`): all of a process's live sessions for its
organizers, their own for a facilitator. A session the viewer may only open as an invitee
shows its date and status, nothing of who came or what was said.

Briefings to officials (the transfer log) appear on the topics' trajectories for those
who read the transfer log (`access.briefings_visible_to`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, Exists, F, OuterRef, QuerySet, When
from django.utils import timezone

from mediation import access, confidentiality
from mediation.models import (
    ActionItem,
    Briefing,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ItemRecord,
    SessionRecord,
    Side,
)

from .balance import SessionBalance, session_balances
from .continuity import ContinuityRow, continuity_rows
from .follow_through import FollowThrough, follow_through
from .rooms import Round, rounds_of
from .timeline import TimelineRow, timeline_rows
from .trajectory import BriefingMark, StatusMark, TopicTrajectory, trajectories
from .window import RoundWindow, round_window, trajectory_span, windowed_trajectory

ROOM_FIELDS = (
    "session_id",
    "participant_id",
    "response",
    "attended",
    "role",
    "side_id",
    "capacity",
    "participant__name",
    "participant__category",
    "participant__identity_protected",
)


@dataclass
class Overview:
    """Everything the overview sections show, computed once per request: the sections drawn
    per session hold the sessions of `window` only (window.py)."""

    process: DialogueProcess
    sides: list[Side]
    timeline: list[TimelineRow]
    trajectories: list[TopicTrajectory]
    trajectory_rounds: list[Round]
    # The number of the first of `trajectory_rounds` among all the topics' rounds, from 0.
    trajectory_first: int
    balances: list[SessionBalance]
    continuity: list[ContinuityRow]
    follow_through: FollowThrough
    open_actions: list[ActionItem]
    today: date
    # Records whose items' convergence or divergence the trajectories quote: reads to audit.
    quoted_records: list[SessionRecord]
    window: RoundWindow

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
            "convergence",
            "divergence",
            "record_id",
        )
    )
    marks = []
    for item_id, session_id, topic_id, position, status, *texts, record_id in rows:
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
                convergence=texts[0],
                divergence=texts[1],
                record_id=record_id,
            )
        )
    return marks


def _briefing_marks(user, process: DialogueProcess, topics: list) -> list[BriefingMark]:
    """The briefings on the viewer's topics, one query: a row per briefing, topic and
    contact, the contact named as the transfer log names them (the pseudonym of a protected
    one: the real name is never read here)."""
    if not topics:
        return []
    contact = "briefing__contacts__"
    rows = (
        Briefing.topics.through.objects.filter(
            briefing__in=access.briefings_visible_to(user).filter(process=process),
            topic_id__in=[t.pk for t in topics],
        )
        .annotate(
            shown_as=Case(
                When(**{f"{contact}identity_protected": True}, then=F(f"{contact}pseudonym")),
                default=F(f"{contact}name"),
            )
        )
        .order_by("briefing__briefed_on", "briefing__created_at", f"{contact}institution")
        .values_list(
            "topic_id",
            "briefing_id",
            "briefing__briefed_on",
            "briefing__reception",
            "briefing__channel",
            "shown_as",
            f"{contact}institution",
        )
    )
    found: dict[tuple, tuple] = {}
    for topic_id, briefing_id, day, reception, channel, name, institution in rows:
        key = (topic_id, briefing_id)
        whom = found.get(key, (day, reception, channel, []))[3]
        if name is not None:
            whom.append(f"{name} · {institution}")
        found[key] = (day, reception, channel, whom)
    return [
        BriefingMark(
            topic_id=topic_id,
            briefing_id=briefing_id,
            process_id=process.pk,
            briefed_on=day,
            reception=reception,
            channel=channel,
            whom=tuple(whom),
        )
        for (topic_id, briefing_id), (day, reception, channel, whom) in found.items()
    ]


def process_overview(
    user,
    process: DialogueProcess,
    *,
    administers: bool,
    now: datetime | None = None,
    rounds_page: str | None = None,
) -> Overview:
    """The overview of `process` as `user` may see it (`administers`: whether they organize
    it, already known to the view), showing the window of rounds `rounds_page` asks for
    (the latest by default: window.py)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sessions = list(_sessions(user, process))
    by_id = {s.pk: s for s in sessions}
    invitations = list(
        Invitation.objects.filter(session__in=_team_sessions(user, process))
        .select_related("participant")
        # What the rooms, balances and continuity read (rooms.py): building whole
        # invitations and people was most of the overview's time.
        .only(*ROOM_FIELDS)
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
    window = round_window(sessions, rounds_page)
    first, stop = trajectory_span(trajectory_rounds, window)
    shown = [
        windowed_trajectory(t, first, stop, earliest=window.earlier_page is None)
        for t in trajectories(
            topics, marks, trajectory_rounds, _briefing_marks(user, process, topics)
        )
    ]
    balances = session_balances(team_rounds, sides, ratio=process.balance_ratio)
    return Overview(
        process=process,
        sides=sides,
        timeline=timeline_rows(rounds)[window.start : window.stop],
        trajectories=shown,
        trajectory_rounds=trajectory_rounds[first:stop],
        trajectory_first=first,
        balances=[b for b in balances if window.shows(b.session)],
        continuity=[row for row in continuity_rows(team_rounds) if window.shows(row.session)],
        follow_through=follow_through(
            actions, [r.session for r in team_rounds if window.shows(r.session)], today=today
        ),
        open_actions=open_actions[:50],
        window=window,
        today=today,
        quoted_records=[
            SessionRecord(pk=p.record_id, session=p.session)
            for t in shown
            for p in t.points
            if p.convergence or p.divergence
        ],
    )
