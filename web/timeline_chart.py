"""Geometry of the position timeline: one bar per year, drawn as server-side SVG."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 170
TOP, BOTTOM, SIDE = 30, 34, 8
MAX_BAR = 56


@dataclass
class Bar:
    """One year's bar: its count, box, label position and link."""

    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    center: float
    url: str
    selected: bool
    show_year: bool


@dataclass
class TimelineChart:
    """The bars and the dimensions of the chart."""

    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    total: int = 0

    @property
    def peak(self) -> Bar | None:
        """Return the year with the most matching documents."""
        return max(self.bars, key=lambda b: b.count, default=None)


def timeline_chart(
    timeline: list[dict],
    year_url: Callable[[int], str],
    year_from: int | None = None,
    year_to: int | None = None,
) -> TimelineChart | None:
    """Lay out bars for ``[{"year", "count"}]``; None when there is nothing to draw."""
    if not timeline or not any(item["count"] for item in timeline):
        return None
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * SIDE) / len(timeline)
    bar_width = min(MAX_BAR, slot * 0.7)
    peak = max(item["count"] for item in timeline)
    step = 1 if len(timeline) <= 12 else -(-len(timeline) // 12)
    bars = []
    for index, item in enumerate(timeline):
        year, count = item["year"], item["count"]
        height = plot_height * count / peak if count else 0
        center = SIDE + slot * index + slot / 2
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(center - bar_width / 2, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                center=round(center, 1),
                url=year_url(year),
                selected=(year_from is not None or year_to is not None)
                and (year_from is None or year >= year_from)
                and (year_to is None or year <= year_to),
                show_year=index % step == 0 or index == len(timeline) - 1,
            )
        )
    return TimelineChart(bars, total=sum(item["count"] for item in timeline))
