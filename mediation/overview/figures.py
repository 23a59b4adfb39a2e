"""The overview's charts, drawn from what the selector computed: one function per section,
each returning the SVG and its legend (the tables beside them are in the templates)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import balance as balance_groups
from .charts import Bar, Flag, Mark, Series, bar_chart, legend, trajectory_chart
from .follow_through import Tally
from .rooms import KIND_LABELS
from .selectors import Overview
from .trajectory import LEVELS, TopicTrajectory


@dataclass(frozen=True)
class Row:
    """A table row beside a chart whose columns are groups (balance by side...)."""

    session: object
    cells: list[int]
    total: int
    basis: str
    warned: bool


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    legend: SafeString
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def _date(session) -> str:
    return f"{session.local_starts_at:%Y-%m-%d}"


def _label(session) -> str:
    return f"{_date(session)} · {session.title}"


def timeline_figure(overview: Overview) -> Figure:
    kinds = list(KIND_LABELS)
    series = [Series(f"kind-{k}", str(KIND_LABELS[k])) for k in kinds]
    bars = []
    for row in overview.timeline:
        values = tuple(row.bar if k == row.kind else 0 for k in kinds)
        if not row.team:
            note = row.kind_label
        elif row.kind in ("postponed", "cancelled"):
            note = _("%(kind)s, %(invited)d invited") % {
                "kind": row.kind_label,
                "invited": row.invited,
            }
        elif row.came is not None:
            note = _("%(came)d came of %(invited)d") % {"came": row.came, "invited": row.invited}
        else:
            note = _("%(accepted)d accepted of %(invited)d") % {
                "accepted": row.accepted,
                "invited": row.invited,
            }
        bars.append(Bar(label=_label(row.session), values=values, note=note))
    used = {row.kind for row in overview.timeline}
    shown = [one for kind, one in zip(kinds, series, strict=True) if kind in used]
    return Figure(bar_chart(bars, series), legend(shown))


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _point_title(p) -> str:
    title = _("Round %(n)d, %(date)s: %(status)s") % {
        "n": p.round_index + 1,
        "date": _date(p.session),
        "status": p.label,
    }
    if p.convergence:
        title += "\n" + _("Convergence: %(text)s") % {"text": _clip(p.convergence)}
    if p.divergence:
        title += "\n" + _("Divergence: %(text)s") % {"text": _clip(p.divergence)}
    return title


def _flag_title(stop) -> str:
    return _("%(label)s, briefing of %(date)s to %(whom)s (%(channel)s): %(reception)s") % {
        "label": stop.label,
        "date": f"{stop.mark.briefed_on:%Y-%m-%d}",
        "whom": stop.whom or "—",
        "channel": stop.channel_label.lower(),
        "reception": stop.reception_label,
    }


def trajectory_figure(trajectory: TopicTrajectory, round_count: int, first: int = 0) -> SafeString:
    """The chart of `round_count` rounds, numbered from `first` (0: the topic's first round
    of all): the window of rounds the page shows."""
    marks = [
        Mark(
            x=p.round_index - first,
            y=p.level,
            css=f"status-{p.status}",
            title=_point_title(p),
            href=p.url,
        )
        for p in trajectory.points
    ]
    flags = [
        Flag(
            x=stop.x - first,
            label=stop.label,
            css=f"reception-{stop.mark.reception}",
            title=_flag_title(stop),
            href=stop.url,
        )
        for stop in trajectory.stops
    ]
    return trajectory_chart(
        marks,
        levels=[str(level.label) for level in LEVELS],
        rounds=[str(first + n + 1) for n in range(round_count)],
        flags=flags,
    )


def trajectory_legend() -> SafeString:
    return legend([Series(f"status-{s.value}", str(s.label)) for s in LEVELS])


def _grouped(overview: Overview, attribute: str, groups) -> Figure:
    balances = overview.balances
    used = [g for g in groups if any(getattr(b, attribute).get(g.key) for b in balances)]
    series = [Series(f"series-{n % 8}", g.label) for n, g in enumerate(used)]
    warn = attribute == "by_side"
    bars, rows = [], []
    for b in balances:
        counts = [getattr(b, attribute).get(g.key, 0) for g in used]
        note = f"{b.total} ⚠" if b.warnings and warn else ""
        bars.append(Bar(label=_label(b.session), values=tuple(counts), note=note))
        rows.append(
            Row(
                session=b.session,
                cells=counts,
                total=b.total,
                basis=b.basis,
                warned=bool(b.warnings) and warn,
            )
        )
    return Figure(
        bar_chart(bars, series), legend(series), columns=[g.label for g in used], rows=rows
    )


def balance_figures(overview: Overview) -> dict[str, Figure]:
    return {
        "side": _grouped(overview, "by_side", balance_groups.side_groups(overview.sides)),
        "category": _grouped(overview, "by_category", balance_groups.category_groups()),
        "capacity": _grouped(overview, "by_capacity", balance_groups.capacity_groups()),
    }


def continuity_figure(overview: Overview) -> Figure:
    series = [Series("cont-returning", _("Came back")), Series("cont-new", _("New"))]
    bars = [
        Bar(
            label=_label(row.session),
            values=(row.returning, row.new),
            note=(
                _("%(total)d; %(n)d dropped out") % {"total": row.total, "n": row.dropped}
                if row.dropped
                else str(row.total)
            ),
        )
        for row in overview.continuity
    ]
    return Figure(bar_chart(bars, series), legend(series))


FOLLOW_SERIES = [
    ("done", "ft-done", gettext_lazy("Done")),
    ("open", "ft-open", gettext_lazy("Open")),
    ("overdue", "ft-overdue", gettext_lazy("Overdue")),
    ("dropped", "ft-dropped", gettext_lazy("Dropped")),
]


def _tallies(tallies: list[Tally]) -> Figure:
    series = [Series(css, str(label)) for _key, css, label in FOLLOW_SERIES]
    bars = [
        Bar(label=t.label, values=tuple(getattr(t, key) for key, _css, _label in FOLLOW_SERIES))
        for t in tallies
    ]
    return Figure(bar_chart(bars, series), legend(series))


def follow_through_figures(overview: Overview) -> dict[str, Figure]:
    return {
        "session": _tallies(overview.follow_through.by_session),
        "owner": _tallies(overview.follow_through.by_owner),
    }


def overview_figures(overview: Overview) -> dict:
    """Every chart of the overview, for the template."""
    rounds = len(overview.trajectory_rounds)
    return {
        "timeline": timeline_figure(overview),
        "trajectories": [
            (t, trajectory_figure(t, rounds, overview.trajectory_first))
            for t in overview.trajectories
        ],
        "trajectory_legend": trajectory_legend(),
        "briefings_shown": any(t.stops for t in overview.trajectories),
        "balance": balance_figures(overview),
        "continuity": continuity_figure(overview),
        "follow_through": follow_through_figures(overview),
    }
