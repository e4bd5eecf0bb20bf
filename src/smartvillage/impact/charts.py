"""Server-rendered SVG bar charts: readable without JavaScript, each with its data table.

A chart is plain geometry computed here and drawn by ``impact/_chart.html``; the template puts
the same figures in a table for screen readers and for people who prefer numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: One colour per service, with a pattern-free legend that also names the service in words.
COLOURS = ["#1d5e3b", "#0b58a0", "#7a4a00", "#6b2d83", "#4d5761", "#b3261e"]
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 56, 28, 12


@dataclass
class Segment:
    series: str
    value: Decimal
    y: float
    height: float
    colour: str


@dataclass
class Column:
    label: str
    x: float
    width: float
    total: Decimal
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Tick:
    value: Decimal
    y: float


@dataclass
class Chart:
    title: str
    unit: str
    series: list[tuple[str, str]]  # (name, colour) for the legend
    columns: list[Column]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return not any(c.total for c in self.columns)


def _nice_max(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10^n at or above ``value`` (a readable top of the axis)."""
    if value <= 0:
        return Decimal(1)
    scale = Decimal(1)
    while scale * 10 <= value:
        scale *= 10
    while scale > value:
        scale /= 10
    for step in (1, 2, 5, 10):
        if scale * step >= value:
            return scale * step
    return scale * 10


def stacked(
    title: str, unit: str, labels: list[str], series: dict[str, dict[str, Decimal]]
) -> Chart:
    """Columns for ``labels`` (months, communes), stacked by series (services).

    ``series[name][label]`` is the value of one series in one column; missing values are 0.
    """
    names = sorted(series)
    colours = {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(names)}
    totals = [
        sum((series[n].get(label, Decimal(0)) for n in names), Decimal(0)) for label in labels
    ]
    top = _nice_max(max(totals, default=Decimal(0)))
    plot = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(labels), 1)
    columns = []
    for i, label in enumerate(labels):
        column = Column(label, LEFT + i * slot + slot * 0.15, slot * 0.7, totals[i])
        y = float(HEIGHT - BOTTOM)
        for name in names:
            value = series[name].get(label, Decimal(0))
            if value <= 0:
                continue
            h = float(value / top) * plot
            y -= h
            column.segments.append(Segment(name, value, round(y, 1), round(h, 1), colours[name]))
        columns.append(column)
    ticks = [Tick(top * k / 4, round(HEIGHT - BOTTOM - plot * k / 4, 1)) for k in range(5)]
    return Chart(title, unit, [(n, colours[n]) for n in names], columns, ticks)
