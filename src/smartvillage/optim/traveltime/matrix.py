"""The travel-time interface: points in, a :class:`TravelMatrix` out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

#: A location as ``(lat, lon)`` in WGS84 degrees.
Point = tuple[float, float]


class TravelTimeError(Exception):
    """Base class of the errors raised by travel-time providers."""


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """Door-to-door travel times and distances between ``n`` points.

    Attributes
    ----------
    seconds
        ``(n, n)`` float array, ``seconds[i, j]`` is the travel time from point ``i`` to
        point ``j``; ``inf`` when ``j`` cannot be reached from ``i``. The diagonal is 0.
    metres
        ``(n, n)`` float array of the distance travelled along the same route as
        ``seconds`` (not the shortest distance); ``inf`` exactly where ``seconds`` is.
    unreachable_points
        Indices of points the provider could not place on its network at all (too far
        from any road, in the sea, outside the extract...). Their rows and columns are
        ``inf`` off the diagonal.
    snap_metres
        Distance from each point to where the provider placed it on the road network,
        when the provider knows it (``None`` for straight lines).

    Notes
    -----
    The arrays are made read-only so a matrix can be shared between solver runs.
    """

    seconds: NDArray[np.float64]
    metres: NDArray[np.float64]
    unreachable_points: frozenset[int] = field(default_factory=frozenset)
    snap_metres: NDArray[np.float64] | None = None

    def __post_init__(self) -> None:
        n = self.seconds.shape[0] if self.seconds.ndim == 2 else -1
        if self.seconds.shape != (n, n) or self.metres.shape != (n, n):
            raise ValueError(
                f"seconds and metres must be square and equal-shaped, got "
                f"{self.seconds.shape} and {self.metres.shape}"
            )
        if not np.array_equal(np.isinf(self.seconds), np.isinf(self.metres)):
            raise ValueError("seconds and metres must be infinite for the same pairs")
        if any(not 0 <= i < n for i in self.unreachable_points):
            raise ValueError("unreachable_points holds an index outside the matrix")
        if self.snap_metres is not None and self.snap_metres.shape != (n,):
            raise ValueError(f"snap_metres must have shape ({n},), got {self.snap_metres.shape}")
        for arr in (self.seconds, self.metres, self.snap_metres):
            if arr is not None:
                arr.setflags(write=False)

    def __len__(self) -> int:
        return int(self.seconds.shape[0])

    @property
    def unreachable_pairs(self) -> list[tuple[int, int]]:
        """Ordered pairs ``(i, j)``, ``i != j``, with no route from ``i`` to ``j``."""
        rows, cols = np.nonzero(np.isinf(self.seconds))
        return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)]

    def is_reachable(self, i: int, j: int) -> bool:
        """Return whether point ``j`` can be reached from point ``i``."""
        return bool(np.isfinite(self.seconds[i, j]))


@runtime_checkable
class TravelTimeProvider(Protocol):
    """Anything that turns points into a :class:`TravelMatrix`.

    Implementations must return a zero diagonal, ``inf`` for unreachable pairs, and list
    in ``unreachable_points`` the points they could not place on their network.
    """

    def matrix(self, points: Sequence[Point]) -> TravelMatrix:
        """Return the travel matrix between ``points`` (``(lat, lon)`` degrees)."""
        ...
