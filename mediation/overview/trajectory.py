"""Topic trajectories: the status each topic reached at each round, from the item records.

Each agenda item's record notes the status its topic reached there (`ItemRecord.
topic_status`). A topic discussed in two items of one session reached, in that round,
what its later item (by agenda position) says.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from mediation.models import DialogueSession, Topic

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


@dataclass(frozen=True)
class Point:
    round_index: int  # place among the trajectory's rounds, from 0
    session: DialogueSession
    status: str
    url: str  # the item's record on the session page

    @property
    def level(self) -> int:
        return LEVEL_OF[self.status]

    @property
    def label(self) -> str:
        return str(Topic.Status(self.status).label)


@dataclass(frozen=True)
class TopicTrajectory:
    topic: Topic
    points: list[Point]

    @property
    def moves(self) -> list[tuple[Point, Point]]:
        return list(zip(self.points, self.points[1:], strict=False))

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def direction(self) -> str:
        """ "up", "down" or "level" from the first point to the last ("" with fewer than
        two points)."""
        if len(self.points) < 2:
            return ""
        first, last = self.points[0].level, self.points[-1].level
        return "up" if last > first else "down" if last < first else "level"


def item_url(session_id, item_id) -> str:
    return f"{reverse('session_detail', args=[session_id])}#item-{item_id}"


def trajectories(
    topics: list[Topic], marks: list[StatusMark], rounds: list[Round]
) -> list[TopicTrajectory]:
    """One trajectory per topic the viewer may read of (those without marks included,
    with no points), over `rounds`: the viewer's rounds that noted any status."""
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
            )
        )
    return [
        TopicTrajectory(
            topic=topic,
            points=sorted(by_topic.get(topic.pk, []), key=lambda p: p.round_index),
        )
        for topic in topics
    ]
