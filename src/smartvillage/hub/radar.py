"""The self-assessment's radar chart, drawn on the server as SVG: it needs no JavaScript and
comes with a table of the same figures (the accessible alternative, see the template)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 120


@dataclass(frozen=True)
class Series:
    name: str
    values: dict[str, int]  # dimension → 0..100
    css_class: str  # "score", "target", "previous"


def _point(index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count  # the first axis points up
    r = RADIUS * max(0.0, min(value, 100.0)) / 100
    return round(CENTRE + r * math.cos(angle), 1), round(CENTRE + r * math.sin(angle), 1)


def svg(axes: list[tuple[str, str]], series: list[Series], title: str) -> SafeString:
    """``axes``: (code, label) in order; every text is escaped."""
    n = len(axes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'class="radar" role="img" aria-labelledby="radar-title">'
        f'<title id="radar-title">{escape(title)}</title>'
    ]
    for ring in (25, 50, 75, 100):
        pts = " ".join(f"{x},{y}" for x, y in (_point(i, n, ring) for i in range(n)))
        parts.append(f'<polygon class="radar-ring" points="{pts}"/>')
    for i, (_code, label) in enumerate(axes):
        x, y = _point(i, n, 100)
        lx, ly = _point(i, n, 122)
        anchor = "middle" if abs(lx - CENTRE) < 5 else ("start" if lx > CENTRE else "end")
        parts.append(f'<line class="radar-axis" x1="{CENTRE}" y1="{CENTRE}" x2="{x}" y2="{y}"/>')
        parts.append(
            f'<text x="{lx}" y="{ly}" text-anchor="{anchor}" class="radar-label">'
            f"{escape(label)}</text>"
        )
    for s in series:
        pts = " ".join(
            f"{x},{y}"
            for x, y in (_point(i, n, s.values.get(c, 0)) for i, (c, _) in enumerate(axes))
        )
        parts.append(
            f'<polygon class="radar-series radar-{escape(s.css_class)}" points="{pts}">'
            f"<title>{escape(s.name)}</title></polygon>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped above
