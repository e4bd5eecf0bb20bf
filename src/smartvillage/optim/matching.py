"""Carpool matching: which offers can take a passenger from A to B around time t.

Pure Python + numpy/scipy (no Django). Two stages, as mature carpool platforms do (Mobicoop's
public configuration: a cheap geometric pre-filter, then an exact detour check):

1. **Spatial pre-filter.** For a detour of at most ``r`` (a share of the driver's route
   length ``L``), the pick-up A and the drop-off B lie inside the ellipse whose foci are the
   driver's origin O and destination D and whose major axis is ``(1 + r) L`` (the sum of the
   distances to the foci of any point of the detoured route). So both lie within
   ``(1 + r) L / 2`` of the route's midpoint: the offer's *reach*. Offers are grouped by reach
   (powers of two) and each group has a :class:`scipy.spatial.cKDTree` of midpoints; a query
   asks each group for the midpoints within its largest reach of A and of B, and keeps the
   offers in both answers whose own reach covers A and B. Groups whose routes are too long for
   the minimum shared part (``d(A, B) >= min_shared x L``) are skipped. A time window on the
   departure removes the rest.
2. **Exact check** of the survivors: the best insertion of A then B into the driver's route
   (every segment pair), the detour ``(route with A and B) - route`` at most ``r x L``, the
   shared part ``d(A, B) / L`` at least the minimum, the pick-up time within both
   flexibilities, and enough seats. Distances are straight lines on a local plane x a road
   factor (vectorised for two-point routes), or the travel-time provider's matrix when one is
   given (``provider``: the OSM road graph or OSRM), applied to the pre-filter's survivors.

Times are seconds on any common clock (the adapter uses POSIX timestamps).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

from .traveltime._geo import EARTH_RADIUS_M
from .traveltime.matrix import Point, TravelTimeProvider

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class MatchParams:
    """Matching rules (defaults: Mobicoop's public figures, docs/rideshare.md).

    Parameters
    ----------
    max_detour_ratio
        The driver's detour, at most this share of their route length (0.25 = 25 %).
    min_shared_ratio
        The passenger's trip, at least this share of the driver's route (0.35). Live
        hitchhiking uses 0: a lift of a few kilometres is the point.
    time_window_s
        The passenger's flexibility around the wanted time when the query gives none.
    road_factor
        Road distance / straight-line distance for the straight-line check.
    speed_kmh
        Average speed turning road metres into seconds (straight-line check).
    max_results
        How many matches to return, smallest detour first.
    provider_candidates
        With a travel-time provider, how many pre-filtered offers get the exact road check.
    """

    max_detour_ratio: float = 0.25
    min_shared_ratio: float = 0.35
    time_window_s: float = 1800.0
    road_factor: float = 1.4
    speed_kmh: float = 45.0
    max_results: int = 50
    provider_candidates: int = 200

    def __post_init__(self) -> None:
        if not 0.0 <= self.max_detour_ratio <= 5.0:
            raise ValueError(f"max_detour_ratio must be in [0, 5], got {self.max_detour_ratio}")
        if not 0.0 <= self.min_shared_ratio <= 1.0:
            raise ValueError(f"min_shared_ratio must be in [0, 1], got {self.min_shared_ratio}")
        if self.time_window_s < 0 or self.road_factor < 1 or self.speed_kmh <= 0:
            raise ValueError("time_window_s >= 0, road_factor >= 1 and speed_kmh > 0 required")

    @property
    def speed_ms(self) -> float:
        return self.speed_kmh / 3.6


@dataclass(frozen=True)
class Offer:
    """A driver's trip: ``route`` is origin, optional via points, destination as (lat, lon)."""

    id: int
    route: tuple[Point, ...]
    departure_s: float
    seats: int = 1
    flex_s: float = 0.0

    def __post_init__(self) -> None:
        if len(self.route) < 2:
            raise ValueError(f"offer {self.id}: a route needs an origin and a destination")
        if self.seats < 0:
            raise ValueError(f"offer {self.id}: seats must not be negative")


@dataclass(frozen=True)
class Query:
    """A passenger: from ``origin`` to ``destination``, picked up around ``time_s``."""

    origin: Point
    destination: Point
    time_s: float
    seats: int = 1
    flex_s: float | None = None
    exclude: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Match:
    """A compatible offer; distances in metres along the road estimate, times in seconds."""

    offer_id: int
    detour_m: float
    detour_ratio: float
    shared_ratio: float
    driver_m: float
    passenger_m: float
    pickup_s: float
    dropoff_s: float


class _Projection:
    """Local equirectangular plane in metres: accurate to well under 1 % over a region."""

    def __init__(self, ref_lat: float) -> None:
        self.kx = EARTH_RADIUS_M * math.radians(1.0) * math.cos(math.radians(ref_lat))
        self.ky = EARTH_RADIUS_M * math.radians(1.0)

    def xy(self, lat: FloatArray | float, lon: FloatArray | float) -> FloatArray:
        return np.column_stack(
            [np.atleast_1d(np.asarray(lon, dtype=np.float64)) * self.kx,
             np.atleast_1d(np.asarray(lat, dtype=np.float64)) * self.ky]
        )  # fmt: skip


@dataclass
class _Group:
    """Offers of one reach band and one departure hour, with a tree of their centres."""

    rows: NDArray[np.int64]
    tree: cKDTree
    max_reach: float
    min_length: float
    first_departure: float
    last_arrival: float  # latest departure + longest duration (+ flexibility) of the group


#: Offers are grouped by the hour of departure, so a query only visits nearby hours.
_TIME_BUCKET_S = 3600.0


class OfferIndex:
    """Active offers, indexed for :meth:`search`. Build once, query many times.

    Parameters
    ----------
    offers
        The offers; ids must be unique.
    params
        Matching rules; the reach of each offer depends on ``max_detour_ratio``.

    Notes
    -----
    Routes are stored padded to the longest route by repeating their destination: inserting
    the passenger into a padded (zero-length) leg describes a real route (drive to D, fetch
    and drop the passenger, come back to D), so padding never creates a false match, and every
    check is one vectorised pass over the candidates.
    """

    def __init__(self, offers: Iterable[Offer], params: MatchParams | None = None) -> None:
        self.params = params or MatchParams()
        self.offers: list[Offer] = list(offers)
        n = len(self.offers)
        ids = [o.id for o in self.offers]
        if len(set(ids)) != n:
            raise ValueError("offer ids must be unique")
        self.ids = np.asarray(ids, dtype=np.int64)
        k = max((len(o.route) for o in self.offers), default=2)
        latlon = np.asarray(
            [[*o.route, *([o.route[-1]] * (k - len(o.route)))] for o in self.offers],
            dtype=np.float64,
        ).reshape(n, k, 2)
        ref = float(latlon[:, :, 0].mean()) if n else 45.0
        self._proj = _Projection(ref)
        # (n, k, 2) planar coordinates in metres
        self.route_xy = np.stack(
            [latlon[:, :, 1] * self._proj.kx, latlon[:, :, 0] * self._proj.ky], axis=2
        )
        self.departure = np.asarray([o.departure_s for o in self.offers], dtype=np.float64)
        self.flex = np.asarray([o.flex_s for o in self.offers], dtype=np.float64)
        self.seats = np.asarray([o.seats for o in self.offers], dtype=np.int64)
        p = self.params
        legs = np.hypot(*np.moveaxis(np.diff(self.route_xy, axis=1), 2, 0))  # (n, k-1)
        self.legs = legs
        self.length = legs.sum(axis=1)  # straight-line route length, metres
        r = p.max_detour_ratio
        lo, hi = self.route_xy.min(axis=1), self.route_xy.max(axis=1)
        self.center = (lo + hi) / 2
        spread = np.hypot(*np.moveaxis(self.route_xy - self.center[:, None, :], 2, 0)).max(axis=1)
        two = np.asarray([len(o.route) == 2 for o in self.offers], dtype=bool)
        # Two points: the ellipse's half major axis. More: a point within the detour of leg k
        # lies within (leg_k + r L) / 2 of one of its ends, so of the farthest route point.
        self.reach = np.where(
            two,
            (1 + r) * self.length / 2,
            spread + (legs.max(axis=1, initial=0.0) + r * self.length) / 2,
        )
        self.duration = (1 + r) * self.length * p.road_factor / p.speed_ms + self.flex
        self._groups = self._build_groups()

    def __len__(self) -> int:
        return len(self.offers)

    def _build_groups(self) -> list[_Group]:
        if not len(self.offers):
            return []
        band = np.floor(np.log2(np.maximum(self.reach, 1.0))).astype(np.int64)
        hour = np.floor(self.departure / _TIME_BUCKET_S).astype(np.int64)
        keys = band * 1_000_000_000 + (hour - hour.min())
        order = np.argsort(keys, kind="stable")
        bounds = np.flatnonzero(np.diff(keys[order])) + 1
        groups = []
        for rows in np.split(order, bounds):
            groups.append(
                _Group(
                    rows=rows.astype(np.int64),
                    tree=cKDTree(self.center[rows]),
                    max_reach=float(self.reach[rows].max()),
                    min_length=float(self.length[rows].min()),
                    first_departure=float((self.departure[rows] - self.flex[rows]).min()),
                    last_arrival=float((self.departure[rows] + self.duration[rows]).max()),
                )
            )
        return groups

    def _passenger_xy(self, query: Query) -> tuple[FloatArray, FloatArray]:
        a, b = self._proj.xy(*np.asarray([query.origin, query.destination], dtype=np.float64).T)
        return a, b

    def candidates(self, query: Query) -> NDArray[np.int64]:
        """Rows of the offers that pass the pre-filter (space, time, seats), unsorted."""
        if not self._groups:
            return np.empty(0, dtype=np.int64)
        p = self.params
        a, b = self._passenger_xy(query)
        passenger = float(np.hypot(*(b - a)))
        window = p.time_window_s if query.flex_s is None else query.flex_s
        earliest, latest = query.time_s - window, query.time_s + window
        found: list[NDArray[np.int64]] = []
        for group in self._groups:
            if group.first_departure > latest or group.last_arrival < earliest:
                continue
            if p.min_shared_ratio > 0 and passenger < p.min_shared_ratio * group.min_length:
                continue  # every route of the group is too long to share enough of it
            near = group.tree.query_ball_point(a, group.max_reach, return_sorted=False)
            if near:
                found.append(group.rows[np.asarray(near, dtype=np.int64)])
        if not found:
            return np.empty(0, dtype=np.int64)
        rows = np.concatenate(found)
        reach, centre = self.reach[rows], self.center[rows]
        ok = (np.hypot(*(centre - a).T) <= reach) & (np.hypot(*(centre - b).T) <= reach)
        ok &= self.seats[rows] >= query.seats
        if p.min_shared_ratio > 0:
            ok &= self.length[rows] * p.min_shared_ratio <= passenger + 1e-6
        dep, flex = self.departure[rows], self.flex[rows]
        ok &= (dep - flex <= latest) & (dep + self.duration[rows] >= earliest)
        kept: NDArray[np.int64] = rows[ok]
        if query.exclude:
            excluded = np.isin(self.ids[kept], np.fromiter(query.exclude, dtype=np.int64))
            kept = kept[~excluded]
        return kept

    def search(self, query: Query, provider: TravelTimeProvider | None = None) -> list[Match]:
        """Offers that can take the passenger, smallest detour first.

        Parameters
        ----------
        query
            The passenger's origin, destination, time and seats.
        provider
            When given, the exact check uses its travel matrix (road network) on the
            pre-filter's survivors (at most ``provider_candidates``, smallest straight-line
            detour first); otherwise straight lines x ``road_factor``.
        """
        rows = self.candidates(query)
        if not rows.size:
            return []
        p = self.params
        window = p.time_window_s if query.flex_s is None else query.flex_s
        if provider is not None:
            # Straight-line estimate with a looser detour to rank what the road check sees.
            loose = MatchParams(
                max_detour_ratio=p.max_detour_ratio * 2 + 0.25,
                min_shared_ratio=p.min_shared_ratio / 2,
                time_window_s=p.time_window_s,
                road_factor=p.road_factor,
                speed_kmh=p.speed_kmh,
            )
            rough = self._exact_straight(rows, query, window, loose)
            rough.sort(key=lambda m: m.detour_ratio)
            by_id = {int(self.ids[row]): int(row) for row in rows}
            matches = [
                m
                for m in (
                    self._exact_matrix(self.offers[by_id[r.offer_id]], query, window, provider)
                    for r in rough[: p.provider_candidates]
                )
                if m is not None
            ]
        else:
            matches = self._exact_straight(rows, query, window, p)
        matches.sort(key=lambda m: (m.detour_ratio, abs(m.pickup_s - query.time_s), m.offer_id))
        return matches[: p.max_results]

    # --- exact checks -------------------------------------------------------------------------

    def _exact_straight(
        self, rows: NDArray[np.int64], query: Query, window: float, p: MatchParams
    ) -> list[Match]:
        """Best insertion of A then B for every candidate at once (straight lines)."""
        a, b = self._passenger_xy(query)
        pts = self.route_xy[rows]  # (m, k, 2)
        legs = self.legs[rows]  # (m, k-1)
        length = self.length[rows]
        k = pts.shape[1]
        to_a = np.hypot(*np.moveaxis(pts - a, 2, 0))  # (m, k)
        to_b = np.hypot(*np.moveaxis(pts - b, 2, 0))
        ab = float(np.hypot(*(b - a)))
        cum = np.concatenate([np.zeros((len(rows), 1)), np.cumsum(legs, axis=1)], axis=1)
        best = np.full(len(rows), np.inf)
        best_pickup_m = np.zeros(len(rows))
        best_dropoff_m = np.zeros(len(rows))
        for i in range(k - 1):
            for j in range(i, k - 1):
                if i == j:
                    extra = to_a[:, i] + ab + to_b[:, i + 1] - legs[:, i]
                    drop_m = cum[:, i] + to_a[:, i] + ab
                else:
                    extra = (to_a[:, i] + to_a[:, i + 1] - legs[:, i]) + (
                        to_b[:, j] + to_b[:, j + 1] - legs[:, j]
                    )
                    drop_m = cum[:, j] + (to_a[:, i] + to_a[:, i + 1] - legs[:, i]) + to_b[:, j]
                pick_m = cum[:, i] + to_a[:, i]
                pickup = self.departure[rows] + pick_m * p.road_factor / p.speed_ms
                in_time = np.abs(pickup - query.time_s) <= window + self.flex[rows]
                better = in_time & (extra < best)
                best = np.where(better, extra, best)
                best_pickup_m = np.where(better, pick_m, best_pickup_m)
                best_dropoff_m = np.where(better, drop_m, best_dropoff_m)
        safe = np.maximum(length, 1.0)
        ratio = np.maximum(best, 0.0) / safe
        shared = ab / safe
        ok = np.isfinite(best) & (ratio <= p.max_detour_ratio + 1e-9)
        ok &= shared >= p.min_shared_ratio - 1e-9
        f, v = p.road_factor, p.speed_ms
        return [
            Match(
                offer_id=int(self.ids[rows[q]]),
                detour_m=float(max(best[q], 0.0) * f),
                detour_ratio=float(ratio[q]),
                shared_ratio=float(shared[q]),
                driver_m=float(length[q] * f),
                passenger_m=ab * f,
                pickup_s=float(self.departure[rows[q]] + best_pickup_m[q] * f / v),
                dropoff_s=float(self.departure[rows[q]] + best_dropoff_m[q] * f / v),
            )
            for q in np.flatnonzero(ok)
        ]

    def _exact_matrix(
        self, offer: Offer, query: Query, window: float, provider: TravelTimeProvider
    ) -> Match | None:
        points: list[Point] = [*offer.route, query.origin, query.destination]
        matrix = provider.matrix(points)
        return _best_insertion(offer, query, window, matrix.metres, matrix.seconds, self.params)


def _best_insertion(
    offer: Offer,
    query: Query,
    window: float,
    metres: FloatArray,
    seconds: FloatArray,
    p: MatchParams,
) -> Match | None:
    """Insert A (index n) then B (index n + 1) into the route 0..n-1 at the cheapest place."""
    n = len(offer.route)
    ia, ib = n, n + 1
    legs_m = [float(metres[k, k + 1]) for k in range(n - 1)]
    legs_s = [float(seconds[k, k + 1]) for k in range(n - 1)]
    route_m = sum(legs_m)
    if not math.isfinite(route_m) or route_m <= 0:
        return None
    ab_m, ab_s = float(metres[ia, ib]), float(seconds[ia, ib])
    best: Match | None = None
    for i in range(n - 1):
        for j in range(i, n - 1):
            if i == j:
                extra = metres[i, ia] + ab_m + metres[ib, i + 1] - legs_m[i]
            else:
                extra = (metres[i, ia] + metres[ia, i + 1] - legs_m[i]) + (
                    metres[j, ib] + metres[ib, j + 1] - legs_m[j]
                )
            extra = float(extra)
            if not math.isfinite(extra):
                continue
            ratio = max(extra, 0.0) / route_m
            if ratio > p.max_detour_ratio + 1e-9 or (best and ratio >= best.detour_ratio):
                continue
            pickup = offer.departure_s + sum(legs_s[:i]) + float(seconds[i, ia])
            if i == j:
                dropoff = pickup + ab_s
            else:
                dropoff = (
                    pickup
                    + float(seconds[ia, i + 1])
                    + sum(legs_s[i + 1 : j])
                    + float(seconds[j, ib])
                )
            passenger_m = ab_m  # the passenger's own trip, as the registry counts it
            shared = passenger_m / route_m
            if shared < p.min_shared_ratio - 1e-9:
                continue
            if abs(pickup - query.time_s) > window + offer.flex_s:
                continue
            best = Match(
                offer_id=offer.id,
                detour_m=max(extra, 0.0),
                detour_ratio=ratio,
                shared_ratio=shared,
                driver_m=route_m,
                passenger_m=passenger_m,
                pickup_s=pickup,
                dropoff_s=dropoff,
            )
    if best is None or offer.seats < query.seats:
        return None
    return best


def search(
    offers: Sequence[Offer],
    query: Query,
    params: MatchParams | None = None,
    provider: TravelTimeProvider | None = None,
) -> list[Match]:
    """One-shot helper: index ``offers`` and run ``query`` (the app's adapter uses this)."""
    return OfferIndex(offers, params).search(query, provider)
