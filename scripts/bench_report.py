"""The tables and verdicts of scripts/bench.py: pure functions over its measurements.

A run is measured per database and size; each page's figures are the median of its rounds.
The verdicts check the targets of the performance issue (docs/performance.md) against
those figures and say, for each one missed, by how much. Standard library only.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

BARE = "bare view, signed in"
ANONYMOUS = "bare view, anonymous"
# Pages with their own ratio target; every other page has EVERY_PAGE.
PAGE_TARGETS = {
    "glossary term": 0.60,
    "participant home": 0.30,
    "facilitator home": 0.30,
    "facilitator's session page, 15 invitees": 0.30,
    "facilitator's session page, 150 invitees": 0.30,
    "participant's session page": 0.30,
}
EVERY_PAGE = 0.15
SIGNED_IN_SHARE = 0.50
LARGE_SHARE = 0.80
P95_MS = 100
MEMORY_MB = 150
COLUMNS = ("req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "ratio to bare")


@dataclass
class Run:
    """One database at one size: each page's rounds, the workers' peak memory, seeding."""

    database: str
    size: str
    rounds: dict[str, list[dict]] = field(default_factory=dict)
    peaks: list[float] = field(default_factory=list)
    seeded: float | None = None

    def median(self, page: str) -> dict:
        rounds = self.rounds[page]
        figures = {
            key: statistics.median(r[key] for r in rounds) for key in ("rps", "p50", "p95", "p99")
        }
        figures["errors"] = sum(r["errors"] for r in rounds)
        return figures

    def ratio(self, page: str) -> float:
        bare = self.median(BARE)["rps"]
        return self.median(page)["rps"] / bare if bare else 0.0


def table(runs: list[Run]) -> str:
    """One table per database: every page at every size, with the ratios side by side."""
    lines = []
    for database in dict.fromkeys(run.database for run in runs):
        mine = [run for run in runs if run.database == database]
        small = next((run for run in mine if run.size == "small"), None)
        head = ["page"]
        for run in mine:
            head += [f"{run.size}: {what}" for what in COLUMNS]
            if small and run is not small:
                head.append(f"{run.size} ÷ small")
        lines += [f"#### {database}", "", "| " + " | ".join(head) + " |",
                  "|---" + "|---:" * (len(head) - 1) + "|"]  # fmt: skip
        for page in mine[0].rounds:
            cells = [page]
            for run in mine:
                m = run.median(page)
                cells += [f"{m['rps']:.0f}", f"{m['p50']:.1f}", f"{m['p95']:.1f}"]
                cells += [f"{m['p99']:.1f}", str(m["errors"]), f"{run.ratio(page):.2f}"]
                if small and run is not small:
                    base = small.median(page)["rps"]
                    cells.append(f"{m['rps'] / base:.2f}" if base else "–")
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for run in mine:
            seeded = f"{run.seeded:.0f} s" if run.seeded is not None else "not recorded"
            lines.append(
                f"- {run.size}: seed_scale took {seeded}; peak memory per worker "
                + ", ".join(f"{p:.0f} MB" for p in run.peaks)
                + "."
            )
        lines.append("")
    return "\n".join(lines)


def verdicts(runs: list[Run]) -> list[str]:
    """Each target of the issue, met or missed, on every database and size measured."""
    out = []

    def judge(ok: bool, text: str) -> None:
        out.append(f"- {'met' if ok else '**not met**'}: {text}")

    for run in runs:
        where = f"{run.database}, {run.size}"
        share = run.median(BARE)["rps"] / max(run.median(ANONYMOUS)["rps"], 1e-9)
        judge(share >= SIGNED_IN_SHARE,
              f"{where}: signed-in bare view at {share:.0%} of the anonymous one "
              f"(target {SIGNED_IN_SHARE:.0%})")  # fmt: skip
        for page in run.rounds:
            if page in (BARE, ANONYMOUS):
                continue
            target = PAGE_TARGETS.get(page, EVERY_PAGE)
            ratio = run.ratio(page)
            if ratio < target:
                judge(False, f"{where}: {page} at {ratio:.2f} of the bare view (target {target})")
        low = [p for p in run.rounds if p not in (BARE, ANONYMOUS)
               and run.ratio(p) < PAGE_TARGETS.get(p, EVERY_PAGE)]  # fmt: skip
        if not low:
            judge(True, f"{where}: every page at or above its ratio to the bare view")
        errors = sum(run.median(p)["errors"] for p in run.rounds)
        judge(errors == 0, f"{where}: {errors} errors")
        peak = max(run.peaks, default=0)
        judge(peak < MEMORY_MB, f"{where}: peak memory per worker {peak:.0f} MB "
              f"(target under {MEMORY_MB} MB)")  # fmt: skip
        if run.size == "large":
            slow = {p: run.median(p)["p95"] for p in run.rounds if run.median(p)["p95"] >= P95_MS}
            judge(not slow, f"{where}: p95 under {P95_MS} ms on every page" if not slow else
                  f"{where}: p95 at or over {P95_MS} ms on " +
                  ", ".join(f"{p} ({ms:.0f} ms)" for p, ms in slow.items()))  # fmt: skip
            small = next((r for r in runs if r.database == run.database and r.size == "small"),
                         None)  # fmt: skip
            if small:
                kept = {p: run.median(p)["rps"] / max(small.median(p)["rps"], 1e-9)
                        for p in run.rounds}  # fmt: skip
                fell = {p: k for p, k in kept.items() if k < LARGE_SHARE}
                judge(not fell,
                      f"{where}: every page at least {LARGE_SHARE:.0%} of its small-size "
                      "throughput" if not fell else
                      f"{where}: below {LARGE_SHARE:.0%} of the small size: " +
                      ", ".join(f"{p} ({k:.0%})" for p, k in fell.items()))  # fmt: skip
        if run.seeded is not None and run.size == "large":
            judge(run.seeded < 180, f"{where}: seed_scale built the data in {run.seeded:.0f} s "
                  "(target under 3 minutes)")  # fmt: skip
    return out
