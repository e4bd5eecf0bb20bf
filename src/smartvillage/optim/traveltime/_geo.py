"""Small geodesy helpers shared by the providers (vectorised, spherical Earth)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

#: Mean Earth radius (IUGG), metres. A sphere is close enough for travel estimates.
EARTH_RADIUS_M = 6_371_008.8


def as_points(points: Sequence[tuple[float, float]] | NDArray[np.float64]) -> NDArray[np.float64]:
    """Validate points and return them as an ``(n, 2)`` float array of (lat, lon) degrees.

    Parameters
    ----------
    points
        Sequence of ``(lat, lon)`` pairs in WGS84 degrees.

    Returns
    -------
    numpy.ndarray
        Array of shape ``(n, 2)``.

    Raises
    ------
    ValueError
        If a point is not a pair, not finite or out of the latitude/longitude range.
    """
    arr = np.asarray(points, dtype=np.float64)
    if arr.size == 0:
        return np.empty((0, 2), dtype=np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"points must be (lat, lon) pairs, got an array of shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError("points must have finite coordinates")
    bad = (np.abs(arr[:, 0]) > 90) | (np.abs(arr[:, 1]) > 180)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"point {i} is not a (lat, lon) pair in degrees: {tuple(arr[i])}")
    return arr


def haversine_m(
    lat1: NDArray[np.float64] | float,
    lon1: NDArray[np.float64] | float,
    lat2: NDArray[np.float64] | float,
    lon2: NDArray[np.float64] | float,
) -> NDArray[np.float64]:
    """Great-circle distance in metres between coordinates (broadcasting like numpy).

    Parameters
    ----------
    lat1, lon1, lat2, lon2
        Coordinates in degrees; arrays broadcast against each other.

    Returns
    -------
    numpy.ndarray
        Distances in metres.
    """
    p1, l1, p2, l2 = (np.radians(np.asarray(a, dtype=np.float64)) for a in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    # clip: rounding can push h a hair above 1 for antipodal points.
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def pairwise_haversine_m(pts: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return the ``(n, n)`` great-circle distance matrix of ``(n, 2)`` (lat, lon) points."""
    lat, lon = pts[:, 0], pts[:, 1]
    return haversine_m(lat[:, None], lon[:, None], lat[None, :], lon[None, :])


def local_xy_m(pts: NDArray[np.float64], ref_lat: float) -> NDArray[np.float64]:
    """Project (lat, lon) points onto a local equirectangular plane, in metres.

    Good to a fraction of a percent over a territory (a few hundred km), which is all
    nearest-node snapping needs; exact snap distances are recomputed with the haversine.
    """
    rad = np.radians(pts)
    x = EARTH_RADIUS_M * rad[:, 1] * np.cos(np.radians(ref_lat))
    y = EARTH_RADIUS_M * rad[:, 0]
    return np.column_stack([x, y])
