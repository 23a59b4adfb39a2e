"""The window of rounds the overview shows: a process that runs for years has hundreds of
sessions, and a page drawing them all would be long to render and impossible to read.

The overview shows `ROUNDS_PER_PAGE` sessions of the timeline at a time, the most recent
first (`?rounds=1`, the default), earlier ones on `?rounds=2`, `3`... Every section drawn
per session (timeline, topics over time, balance, continuity, follow-through per
session) shows the sessions of the window; what sums the whole process (each topic's
direction and where it stands, follow-through per owner, open actions) still counts every
round. Numbers compared across rounds (continuity with the round before) are computed over
all rounds first, so the window's first row still compares with the round before it.

The parameter is read leniently: anything but plain ASCII digits gives the latest rounds,
a number past the earliest page gives the earliest; no value ever makes an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .trajectory import TopicTrajectory

ROUNDS_PER_PAGE = 12
PARAMETER = "rounds"
_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class RoundWindow:
    page: int  # 1: the most recent rounds
    pages: int
    start: int  # index of the first shown in the timeline (date order), from 0
    stop: int  # one past the last shown
    total: int
    session_ids: frozenset

    @property
    def paged(self) -> bool:
        return self.pages > 1

    @property
    def earlier_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def later_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def first_number(self) -> int:
        return self.start + 1

    def shows(self, session) -> bool:
        return session.pk in self.session_ids


def page_number(raw, pages: int) -> int:
    """The page asked for, within 1..pages; the latest (1) for anything not a number."""
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw.strip()):
        return 1
    return min(max(int(raw.strip()), 1), max(pages, 1))


def round_window(sessions: list, raw, *, size: int = ROUNDS_PER_PAGE) -> RoundWindow:
    """The window of `sessions` (the timeline's, in date order) that page `raw` shows,
    counted back from the latest."""
    total = len(sessions)
    pages = max(1, -(-total // size))
    page = page_number(raw, pages)
    stop = total - (page - 1) * size
    start = max(0, stop - size)
    return RoundWindow(
        page=page,
        pages=pages,
        start=start,
        stop=stop,
        total=total,
        session_ids=frozenset(s.pk for s in sessions[start:stop]),
    )


def trajectory_span(rounds: list, window: RoundWindow) -> tuple[int, int]:
    """(first, stop): the indexes of the topics' rounds (those noting a status) that fall in
    the window; an empty span (first == stop) when none does."""
    inside = [n for n, r in enumerate(rounds) if window.shows(r.session)]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def windowed_trajectory(
    trajectory: TopicTrajectory, first: int, stop: int, *, earliest: bool
) -> TopicTrajectory:
    """The trajectory's points in rounds first..stop-1, and the briefings given after one of
    them (on the earliest page, also those before the first round): each briefing on one
    page only. Its direction stays that of the whole trajectory."""
    return replace(
        trajectory,
        points=[p for p in trajectory.points if first <= p.round_index < stop],
        stops=[
            s
            for s in trajectory.stops
            if first <= s.after_round < stop or (earliest and s.after_round < first)
        ],
        whole=trajectory.points,
    )
