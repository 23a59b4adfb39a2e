"""Charts drawn on the server as SVG: stacked bars and a status trajectory.

No script and no inline style (the content security policy allows neither): shapes carry
classes that static/css/overview.css colours. Every chart is decoration for sighted
readers (`aria-hidden`); the table printed beside it carries the same numbers for screen
readers and print, so links inside a chart are kept out of the tab order too.

The drawings are narrow (400 units) with labels above the bars, so that on a phone they
shrink little and their text stays legible.

In a right-to-left language (`get_language_bidi`) every drawing is mirrored: bars grow
from the right, labels start at the right edge, and a trajectory's rounds run from right
(the earliest) to left. Each chart is computed left to right and its x coordinates are
turned over on the way out (`_Axis`); the `direction` attribute on the SVG tells text to
start at its anchor and flow leftwards, whatever the page around it inherits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi

WIDTH = 400
LABEL_CHARS = 60


@dataclass(frozen=True)
class Series:
    css: str  # the class that colours it, e.g. "series-0", "kind-held"
    label: str


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series, in the chart's series order
    note: str = ""  # written after the bar; the total when empty

    @property
    def total(self) -> int:
        return sum(self.values)


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _n(number: float) -> str:
    # format_html escapes its arguments into strings, so numbers are formatted first.
    return f"{number:.1f}"


def _join(parts: list[SafeString]) -> SafeString:
    # Each part was built by format_html, so joining keeps everything escaped.
    return format_html_join("", "{}", ((part,) for part in parts))


class _Axis:
    """x as drawn: as computed left to right, or turned over for a right-to-left page."""

    def __init__(self, rtl: bool | None):
        self.rtl = get_language_bidi() if rtl is None else rtl

    def x(self, x: float) -> str:
        return _n(WIDTH - x if self.rtl else x)

    def rect_x(self, x: float, width: float) -> str:
        """The left edge of a rectangle spanning x..x+width left to right."""
        return _n(WIDTH - x - width if self.rtl else x)

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


def _svg(height: int, body: SafeString, css: str, axis: _Axis) -> SafeString:
    return format_html(
        '<svg class="chart {}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'direction="{}" aria-hidden="true" focusable="false">{}</svg>',
        css,
        WIDTH,
        height,
        axis.direction,
        body,
    )


def bar_chart(
    bars: Sequence[Bar], series: Sequence[Series], *, scale: int = 0, rtl: bool | None = None
) -> SafeString:
    """Horizontal stacked bars, one per row, each labelled above and totalled after.
    `scale`: the value drawn full width (default: the largest total). `rtl`: mirrored
    (default: as the active language reads)."""
    if not bars:
        return SafeString("")
    axis = _Axis(rtl)
    row, bar_height, top = 38, 14, 16
    full = max([scale, *(b.total for b in bars), 1])
    room = WIDTH - 110  # the note ("6 accepted of 7") is written after the longest bar
    parts = []
    for n, bar in enumerate(bars):
        y = n * row
        parts.append(
            format_html(
                '<text class="bar-label" x="{}" y="{}">{}</text>',
                axis.x(0),
                y + 12,
                _short(bar.label),
            )
        )
        x = 0.0
        for value, one in zip(bar.values, series, strict=False):
            if not value:
                continue
            width = room * value / full
            parts.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {}</title></rect>",
                    one.css,
                    axis.rect_x(x, width),
                    y + top,
                    _n(width),
                    bar_height,
                    one.label,
                    value,
                )
            )
            x += width
        parts.append(
            format_html(
                '<text class="bar-total" x="{}" y="{}">{}</text>',
                axis.x(x + 4),
                y + top + bar_height - 2,
                bar.note or bar.total,
            )
        )
    return _svg(len(bars) * row + 4, _join(parts), "chart-bars", axis)


def legend(series: Sequence[Series]) -> SafeString:
    """The key of a chart, as an HTML list (hidden from screen readers like the chart)."""
    items = format_html_join(
        "",
        '<li><span class="swatch {}"></span>{}</li>',
        ((one.css, one.label) for one in series),
    )
    return format_html('<ul class="chart-legend" aria-hidden="true">{}</ul>', items)


@dataclass(frozen=True)
class Mark:
    """One point of a trajectory: at round `x` (from 0), level `y` (from 0, the bottom)."""

    x: int
    y: int
    css: str
    title: str
    href: str


@dataclass(frozen=True)
class Flag:
    """A briefing between rounds: at `x` (a fraction between two rounds' places), drawn as
    a diamond on a line across the grid, named by `label` (B1...) below it."""

    x: float
    label: str
    css: str
    title: str
    href: str


def trajectory_chart(
    marks: Sequence[Mark],
    *,
    levels: Sequence[str],
    rounds: Sequence[str],
    flags: Sequence[Flag] = (),
    rtl: bool | None = None,
) -> SafeString:
    """Points on a grid of rounds (across) and levels (up), joined in round order; each
    point links to where it was written (out of the tab order: the table has the links).
    `flags` (briefings) stand between the rounds, in a lane of their own under the grid:
    a dashed line up through the grid, a diamond and its label, never colour alone.
    `rtl`: mirrored, the earliest round at the right (default: as the active language reads)."""
    if not (marks or flags) or not rounds:
        return SafeString("")
    axis = _Axis(rtl)
    left, right, step_y, top = 92, WIDTH - 16, 18, 10
    bottom = top + step_y * (len(levels) - 1)
    span = right - left
    low = min([0.0, *(f.x for f in flags)])
    high = max([float(len(rounds) - 1), *(f.x for f in flags)])

    def at_x(x: float) -> float:
        return left + span / 2 if high == low else left + span * (x - low) / (high - low)

    def drawn(x: float) -> str:
        return axis.x(at_x(x))

    def at_y(y: int) -> int:
        return bottom - y * step_y

    parts = []
    for n, level in enumerate(levels):
        parts.append(
            format_html(
                '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
                '<text class="axis-label" x="{}" y="{}">{}</text>',
                axis.x(left),
                at_y(n),
                axis.x(right),
                at_y(n),
                axis.x(0),
                at_y(n) + 4,
                level,
            )
        )
    # Round names: every one when few, fewer when crowded.
    every = max(1, len(rounds) // 8 + (1 if len(rounds) % 8 else 0))
    for n, name in enumerate(rounds):
        if n % every == 0 or n == len(rounds) - 1:
            parts.append(
                format_html(
                    '<text class="axis-label round-label" x="{}" y="{}">{}</text>',
                    drawn(n),
                    bottom + 18,
                    name,
                )
            )
    lane = bottom + 34  # the briefings' diamonds, under the round names
    for f in flags:
        x = at_x(f.x)
        # A diamond is its own mirror image: only where it stands is turned over.
        if axis.rtl:
            x = WIDTH - x
        parts.append(
            format_html(
                '<a href="{}" tabindex="-1" class="briefing-flag {}">'
                '<line class="briefing-line" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
                '<polygon class="briefing-mark" points="{},{} {},{} {},{} {},{}">'
                "<title>{}</title></polygon>"
                '<text class="briefing-label" x="{}" y="{}">{}</text></a>',
                f.href,
                f.css,
                _n(x),
                top,
                _n(x),
                lane - 7,
                _n(x),
                lane - 7,
                _n(x + 7),
                lane,
                _n(x),
                lane + 7,
                _n(x - 7),
                lane,
                f.title,
                _n(x),
                lane + 20,
                f.label,
            )
        )
    ordered = sorted(marks, key=lambda m: m.x)
    if len(ordered) > 1:
        points = " ".join(f"{drawn(m.x)},{at_y(m.y)}" for m in ordered)
        parts.append(
            format_html('<polyline class="trajectory-line" points="{}"></polyline>', points)
        )
    for m in ordered:
        parts.append(
            format_html(
                '<a href="{}" tabindex="-1"><circle class="point {}" cx="{}" cy="{}" r="6">'
                "<title>{}</title></circle></a>",
                m.href,
                m.css,
                drawn(m.x),
                at_y(m.y),
                m.title,
            )
        )
    height = lane + 26 if flags else bottom + 26
    return _svg(height, _join(parts), "chart-trajectory", axis)
