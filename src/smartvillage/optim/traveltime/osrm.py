"""Client of an OSRM-compatible ``table`` HTTP service (stdlib ``urllib`` only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._geo import as_points
from .matrix import Point, TravelMatrix, TravelTimeError

#: osrm-routed refuses tables above ``--max-table-size`` locations, 100 by default.
DEFAULT_MAX_LOCATIONS = 100


class OsrmError(TravelTimeError):
    """The OSRM server could not be reached, timed out, or answered with an error."""


@dataclass(frozen=True)
class OsrmTable:
    """Travel times from an OSRM server's table service.

    Parameters
    ----------
    base_url
        Server root, e.g. ``"http://osrm.internal:5000"`` (``http`` or ``https``).
    profile
        Profile segment of the URL; ``osrm-routed`` accepts any, hosted servers may not.
    timeout
        Seconds to wait for each HTTP request.
    max_locations
        Most coordinates sent in one request (the server's ``--max-table-size``). Larger
        point sets are split into blocks of sources x destinations.
    max_snap_m
        Points the server placed farther than this from their coordinates (OSRM snaps
        anything to the nearest road, however far) are reported unreachable; ``None``
        trusts the server.
    """

    base_url: str
    profile: str = "driving"
    timeout: float = 30.0
    max_locations: int = DEFAULT_MAX_LOCATIONS
    max_snap_m: float | None = 1000.0

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.base_url).scheme
        # urlopen also reads file:// and ftp:// URLs: only ever talk HTTP.
        if scheme not in ("http", "https"):
            raise ValueError(f"base_url must be an http(s) URL, got {self.base_url!r}")
        if self.max_locations < 2:
            raise ValueError(f"max_locations must be >= 2, got {self.max_locations}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be positive, got {self.timeout}")

    def matrix(self, points: Sequence[Point]) -> TravelMatrix:
        """Query the server for the travel matrix between ``points``.

        Parameters
        ----------
        points
            ``(lat, lon)`` pairs in degrees.

        Returns
        -------
        TravelMatrix
            ``null`` cells of the answer become ``inf``; ``snap_metres`` holds the
            server's snap distances.

        Raises
        ------
        OsrmError
            On a connection error, timeout, HTTP error, non-JSON answer, or ``code``
            other than ``"Ok"``.
        """
        pts = as_points(points)
        n = len(pts)
        seconds = np.full((n, n), np.inf)
        metres = np.full((n, n), np.inf)
        snap = np.zeros(n)
        for sources, destinations in _blocks(n, self.max_locations):
            sec, met, src_snap, dst_snap = self._table(pts, sources, destinations)
            seconds[np.ix_(sources, destinations)] = sec
            metres[np.ix_(sources, destinations)] = met
            snap[sources] = src_snap
            snap[destinations] = dst_snap
        unreachable = _isolated(seconds)
        if self.max_snap_m is not None:
            unreachable |= snap > self.max_snap_m
        seconds[unreachable, :] = seconds[:, unreachable] = np.inf
        metres[unreachable, :] = metres[:, unreachable] = np.inf
        # A pair is unreachable if either annotation is missing.
        metres[np.isinf(seconds)] = np.inf
        seconds[np.isinf(metres)] = np.inf
        np.fill_diagonal(seconds, 0.0)
        np.fill_diagonal(metres, 0.0)
        return TravelMatrix(
            seconds=seconds,
            metres=metres,
            unreachable_points=frozenset(int(i) for i in np.flatnonzero(unreachable)),
            snap_metres=snap,
        )

    def _table(
        self, pts: NDArray[np.float64], sources: list[int], destinations: list[int]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """One table request; returns seconds, metres and both snap-distance vectors."""
        same = sources == destinations
        order = sources if same else sources + destinations
        coords = ";".join(f"{pts[i, 1]:.6f},{pts[i, 0]:.6f}" for i in order)
        query = {"annotations": "duration,distance"}
        if not same:
            k = len(sources)
            query["sources"] = ";".join(str(i) for i in range(k))
            query["destinations"] = ";".join(str(i) for i in range(k, len(order)))
        path = f"/table/v1/{urllib.parse.quote(self.profile, safe='')}/{coords}"
        url = self.base_url.rstrip("/") + path + "?" + urllib.parse.urlencode(query, safe=";,")
        body = self._get(url)
        shape = (len(sources), len(destinations))
        return (
            _cells(body, "durations", shape),
            _cells(body, "distances", shape),
            _snaps(body, "sources", shape[0]),
            _snaps(body, "destinations", shape[1]),
        )

    def _get(self, url: str) -> dict[str, Any]:
        """GET a URL and return the decoded JSON answer, checked for ``code == "Ok"``."""
        where = f"OSRM server {self.base_url}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = _error_detail(exc.read())
            raise OsrmError(f"{where} answered HTTP {exc.code}{detail}") from exc
        except TimeoutError as exc:
            raise OsrmError(f"{where} did not answer within {self.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise OsrmError(f"{where} did not answer within {self.timeout:g} s") from exc
            raise OsrmError(f"cannot reach {where}: {exc.reason}") from exc
        except OSError as exc:  # connection reset while reading, etc.
            raise OsrmError(f"cannot read the answer of {where}: {exc}") from exc
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise OsrmError(f"{where} answered something that is not JSON") from exc
        if not isinstance(body, dict) or body.get("code") != "Ok":
            detail = _error_detail(raw) or " (no code)"
            raise OsrmError(f"{where} answered an error{detail}")
        return body


def _blocks(n: int, max_locations: int) -> list[tuple[list[int], list[int]]]:
    """Split an ``n x n`` table into requests of at most ``max_locations`` coordinates."""
    if n < 2:  # nothing to ask: osrm-routed refuses a table of a single coordinate
        return []
    if n <= max_locations:
        everyone = list(range(n))
        return [(everyone, everyone)]
    size = max_locations // 2
    chunks = [list(range(i, min(i + size, n))) for i in range(0, n, size)]
    return [(a, b) for a in chunks for b in chunks]


def _cells(body: dict[str, Any], key: str, shape: tuple[int, int]) -> NDArray[np.float64]:
    """Read an annotation table, ``null`` becoming ``inf``."""
    rows = body.get(key)
    if not isinstance(rows, list):
        raise OsrmError(f"OSRM answer has no {key!r} table (annotations not supported?)")
    try:
        table = np.array(
            [[np.inf if v is None else float(v) for v in row] for row in rows], dtype=np.float64
        )
    except (TypeError, ValueError) as exc:
        raise OsrmError(f"OSRM answer has a malformed {key!r} table") from exc
    if table.shape != shape:
        raise OsrmError(f"OSRM {key!r} table has shape {table.shape}, expected {shape}")
    return table


def _snaps(body: dict[str, Any], key: str, size: int) -> NDArray[np.float64]:
    """Snap distances of the answer's waypoints (0 when the server omits them)."""
    waypoints = body.get(key)
    if not isinstance(waypoints, list) or len(waypoints) != size:
        return np.zeros(size)
    return np.array(
        [float(w.get("distance") or 0.0) if isinstance(w, dict) else 0.0 for w in waypoints]
    )


def _isolated(seconds: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Points with no route to or from any other point (needs at least two points)."""
    n = len(seconds)
    if n < 2:
        return np.zeros(n, np.bool_)
    off = ~np.eye(n, dtype=np.bool_)
    finite = np.isfinite(seconds) & off
    return np.asarray(~finite.any(axis=0) & ~finite.any(axis=1))


def _error_detail(raw: bytes) -> str:
    """Format the ``code``/``message`` of an OSRM error body, if it has them."""
    try:
        body = json.loads(raw)
    except ValueError:
        return ""
    if not isinstance(body, dict) or "code" not in body:
        return ""
    message = body.get("message")
    return f" ({body['code']}: {message})" if message else f" ({body['code']})"
