"""Topic trajectories: the status each topic reached at each round, from the item records.

Each agenda item's record notes the status its topic reached there (`ItemRecord.
topic_status`). A topic discussed in two items of one session reached, in that round,
what its later item (by agenda position) says.

Briefings carry topics to officials between rounds: each briefing on a topic is placed on
its trajectory after the last round held on or before the day it was given, with how it
was received (read only for those who read the transfer log).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from mediation.models import Briefing, DialogueSession, Topic

from .rooms import Round

# Bottom to top as drawn: an impasse sits below a topic merely raised.
LEVELS = [
    Topic.Status.IMPASSE,
    Topic.Status.RAISED,
    Topic.Status.EXPLORED,
    Topic.Status.CONVERGENCE,
    Topic.Status.AGREEMENT,
]
LEVEL_OF = {status.value: n for n, status in enumerate(LEVELS)}


@dataclass(frozen=True)
class StatusMark:
    """One item record's status for its topic (read by the selector)."""

    session: DialogueSession
    topic_id: object
    item_id: object
    position: int
    status: str
    convergence: str = ""
    divergence: str = ""
    record_id: object = None


@dataclass(frozen=True)
class BriefingMark:
    """One briefing on one topic (read by the selector), its contacts named as the
    transfer log names them."""

    topic_id: object
    briefing_id: object
    process_id: object
    briefed_on: date
    reception: int
    channel: str
    whom: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    round_index: int  # place among the trajectory's rounds, from 0
    session: DialogueSession
    status: str
    url: str  # the item's record on the session page
    convergence: str = ""  # what the item record says moved it (the viewer may read it)
    divergence: str = ""
    record_id: object = None
    is_briefing = False

    @property
    def level(self) -> int:
        return LEVEL_OF[self.status]

    @property
    def label(self) -> str:
        return str(Topic.Status(self.status).label)


@dataclass(frozen=True)
class Stop:
    """A briefing on a topic, between its rounds: after round `after_round` (from 0; -1
    before the first), the `slot`-th of `slots` briefings in that gap."""

    number: int  # B1, B2... in date order along the topic
    after_round: int
    slot: int
    slots: int
    mark: BriefingMark
    url: str  # the briefing's page in the transfer log
    is_briefing = True

    @property
    def x(self) -> float:
        return self.after_round + (self.slot + 1) / (self.slots + 1)

    @property
    def label(self) -> str:
        return f"B{self.number}"

    @property
    def reception_label(self) -> str:
        return str(Briefing.Reception(self.mark.reception).label)

    @property
    def channel_label(self) -> str:
        return str(Briefing.Channel(self.mark.channel).label)

    @property
    def whom(self) -> str:
        return ", ".join(self.mark.whom)


@dataclass(frozen=True)
class TopicTrajectory:
    topic: Topic
    points: list[Point]
    stops: list[Stop] = field(default_factory=list)
    # Every point of the topic, when `points` holds only a window of them (window.py).
    whole: list[Point] | None = None

    @property
    def rows(self) -> list[Point | Stop]:
        """Points and briefings in time order, for the table beside the chart."""
        return sorted(
            [*self.points, *self.stops],
            key=lambda r: (r.after_round, 1, r.number) if r.is_briefing else (r.round_index, 0, 0),
        )

    @property
    def moves(self) -> list[tuple[Point, Point]]:
        return list(zip(self.points, self.points[1:], strict=False))

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def direction(self) -> str:
        """ "up", "down" or "level" from the first point to the last ("" with fewer than
        two points), over every round even when only a window is shown."""
        points = self.points if self.whole is None else self.whole
        if len(points) < 2:
            return ""
        first, last = points[0].level, points[-1].level
        return "up" if last > first else "down" if last < first else "level"


def item_url(session_id, item_id) -> str:
    return f"{reverse('session_detail', args=[session_id])}#item-{item_id}"


def briefing_url(mark: BriefingMark) -> str:
    return reverse("transfer_briefing_feedback", args=[mark.process_id, mark.briefing_id])


def _stops(marks: list[BriefingMark], rounds: list[Round]) -> dict[object, list[Stop]]:
    """Each topic's briefings placed after the last round held on or before their day."""
    days = [r.session.local_starts_at.date() for r in rounds]
    by_topic: dict[object, list[BriefingMark]] = {}
    for mark in sorted(marks, key=lambda m: m.briefed_on):
        by_topic.setdefault(mark.topic_id, []).append(mark)
    stops: dict[object, list[Stop]] = {}
    for topic_id, found in by_topic.items():
        gaps = [sum(1 for day in days if day <= m.briefed_on) - 1 for m in found]
        stops[topic_id] = [
            Stop(
                number=n + 1,
                after_round=gap,
                slot=gaps[:n].count(gap),
                slots=gaps.count(gap),
                mark=mark,
                url=briefing_url(mark),
            )
            for n, (mark, gap) in enumerate(zip(found, gaps, strict=True))
        ]
    return stops


def trajectories(
    topics: list[Topic],
    marks: list[StatusMark],
    rounds: list[Round],
    briefings: list[BriefingMark] = (),
) -> list[TopicTrajectory]:
    """One trajectory per topic the viewer may read of (those without marks included,
    with no points), over `rounds`: the viewer's rounds that noted any status; with the
    `briefings` on each topic placed between them."""
    index = {r.session.pk: n for n, r in enumerate(rounds)}
    latest: dict[tuple, StatusMark] = {}
    for mark in marks:
        if mark.session.pk not in index:
            continue
        key = (mark.topic_id, mark.session.pk)
        if key not in latest or mark.position > latest[key].position:
            latest[key] = mark
    by_topic: dict[object, list[Point]] = {}
    for (topic_id, session_id), mark in latest.items():
        by_topic.setdefault(topic_id, []).append(
            Point(
                round_index=index[session_id],
                session=mark.session,
                status=mark.status,
                url=item_url(session_id, mark.item_id),
                convergence=mark.convergence,
                divergence=mark.divergence,
                record_id=mark.record_id,
            )
        )
    stops = _stops(list(briefings), rounds)
    return [
        TopicTrajectory(
            topic=topic,
            points=sorted(by_topic.get(topic.pk, []), key=lambda p: p.round_index),
            stops=stops.get(topic.pk, []),
        )
        for topic in topics
    ]
