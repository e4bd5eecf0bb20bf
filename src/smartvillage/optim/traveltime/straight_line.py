"""Straight-line provider: great-circle distance x detour factor at a constant speed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._geo import as_points, pairwise_haversine_m
from .matrix import Point, TravelMatrix

#: Rural mountain defaults, checked against the Andorra road graph (docs/traveltime.md).
DEFAULT_DETOUR_FACTOR = 1.4
DEFAULT_SPEED_KMH = 45.0


@dataclass(frozen=True)
class StraightLine:
    """Travel time estimated from the great-circle distance; needs no data.

    Parameters
    ----------
    detour_factor
        Ratio road distance / great-circle distance (>= 1). Mountain roads wind: 1.4
        by default.
    speed_kmh
        Average door-to-door speed over the road distance, km/h.

    Examples
    --------
    >>> m = StraightLine().matrix([(45.1885, 5.7245), (45.7640, 4.8357)])
    >>> round(m.metres[0, 1] / 1000)  # Grenoble -> Lyon: 94 km as the crow flies, x 1.4
    132
    """

    detour_factor: float = DEFAULT_DETOUR_FACTOR
    speed_kmh: float = DEFAULT_SPEED_KMH

    def __post_init__(self) -> None:
        if not self.detour_factor >= 1.0:
            raise ValueError(f"detour_factor must be >= 1, got {self.detour_factor}")
        if not 0.0 < self.speed_kmh < float("inf"):
            raise ValueError(f"speed_kmh must be positive and finite, got {self.speed_kmh}")

    def matrix(self, points: Sequence[Point]) -> TravelMatrix:
        """Return the travel matrix between ``points``; every pair is reachable.

        Parameters
        ----------
        points
            ``(lat, lon)`` pairs in degrees.

        Returns
        -------
        TravelMatrix
            Symmetric matrix with a zero diagonal.
        """
        metres = pairwise_haversine_m(as_points(points)) * self.detour_factor
        np.fill_diagonal(metres, 0.0)
        return TravelMatrix(seconds=metres / (self.speed_kmh / 3.6), metres=metres)
