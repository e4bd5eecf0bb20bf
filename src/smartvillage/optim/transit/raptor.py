"""RAPTOR earliest-arrival search and rRAPTOR range (profile) search on one day's timetable.

Delling, Pajor & Werneck, "Round-Based Public Transit Routing" (Transportation Science, 2015).
Round ``k`` finds the best arrival at every stop with at most ``k`` vehicles: it scans the
routes serving the stops improved in round ``k - 1`` (each route once, in stop order, hopping
onto the earliest trip it can catch), then relaxes the footpaths out of the stops improved by
a vehicle. rRAPTOR runs the rounds for every departure of a window, latest first, keeping the
labels between runs: a run only improves on the runs after it, and each improvement is a
Pareto-optimal journey (departure, arrival, vehicles).

Transfer rules. Each stop has a minimum change time (``transfers.txt`` from a stop to
itself, else ``default_change_s``) paid when boarding after alighting at the same stop; a
footpath (``transfers.txt`` between two stops, or a generated walk between stops within
``walk_radius_m``) covers the change. Footpaths are not chained (one walk between two
vehicles), as in the paper. ``transfers.txt`` type 3 removes the walk between two stops.

Timetable arrays are numpy for building; the scans run on Python lists (indexing numpy
scalars one at a time is slower than lists in CPython). Measured in ``bench/planner.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from ..traveltime._geo import haversine_m, local_xy_m
from . import _kernel
from .gtfs import Feed, Transfer

INF = 1 << 40
#: Walking: 1.2 m/s (4.3 km/h) on straight lines x 1.3 (paths are not straight).
WALK_SPEED_M_S = 1.2
WALK_DETOUR = 1.3


def walk_seconds(metres: float) -> int:
    return math.ceil(metres * WALK_DETOUR / WALK_SPEED_M_S)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (the travel-time package's haversine)."""
    return float(haversine_m(lat1, lon1, lat2, lon2))


@dataclass
class Pattern:
    """A RAPTOR route: trips with the same stop sequence that never overtake each other."""

    route_id: str
    stops: list[int]
    trip_ids: list[str] = field(default_factory=list)
    # [trip][position]: lists while building, then views of the timetable's flat arrays.
    arr: Any = field(default_factory=list)
    dep: Any = field(default_factory=list)
    dep_by_pos: Any = field(default_factory=list)  # [position][trip], sorted

    def fits(self, arr: list[int], dep: list[int]) -> bool:
        """Whether a later trip keeps the order at every stop (no overtaking)."""
        if not self.dep:
            return True
        last_a, last_d = self.arr[-1], self.dep[-1]
        return all(a >= la for a, la in zip(arr, last_a, strict=True)) and all(
            d >= ld for d, ld in zip(dep, last_d, strict=True)
        )


@dataclass(frozen=True)
class RideLeg:
    route_id: str
    trip_id: str
    from_stop: str
    to_stop: str
    departure: int  # seconds after midnight of the day
    arrival: int


@dataclass(frozen=True)
class WalkLeg:
    from_stop: str
    to_stop: str
    seconds: int


@dataclass(frozen=True)
class Journey:
    """From the first boarding stop to the last stop (the caller adds the first/last walks)."""

    departure: int  # when the traveller is ready at the first stop (the source's time)
    arrival: int  # at the target stop, before its egress
    target: str
    legs: tuple[RideLeg | WalkLeg, ...]
    egress: int = 0  # seconds from the target stop to the destination

    @property
    def at_destination(self) -> int:
        return self.arrival + self.egress

    @property
    def rides(self) -> int:
        return sum(isinstance(leg, RideLeg) for leg in self.legs)

    @property
    def first_stop(self) -> str:
        leg = self.legs[0]
        return leg.from_stop


class Timetable:
    """One day's trips as RAPTOR patterns, with stop-level change times and footpaths."""

    def __init__(
        self,
        feed: Feed,
        day: date,
        *,
        wheelchair: bool = False,
        walk_radius_m: float = 400.0,
        default_change_s: int = 60,
    ) -> None:
        self.day = day
        self.stop_ids = sorted(
            s for s, stop in feed.stops.items() if not (wheelchair and stop.wheelchair == 2)
        )
        self.index = {s: i for i, s in enumerate(self.stop_ids)}
        n = len(self.stop_ids)
        self.names = [feed.stops[s].name for s in self.stop_ids]
        self.route_names = {r.id: r.short_name or r.long_name for r in feed.routes.values()}
        self.coords = np.array(
            [(feed.stops[s].latitude, feed.stops[s].longitude) for s in self.stop_ids],
            dtype=np.float64,
        ).reshape(n, 2)
        self.change_s = [default_change_s] * n
        self.patterns: list[Pattern] = []
        self._build_patterns(feed, day, wheelchair)
        self.routes_at: list[list[tuple[int, int]]] = [[] for _ in range(n)]  # (pattern, pos)
        for r, pattern in enumerate(self.patterns):
            for pos, stop in enumerate(pattern.stops):
                self.routes_at[stop].append((r, pos))
        self.footpaths: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        self._build_footpaths(feed.transfers, walk_radius_m)
        self._flatten()

    # --- building --------------------------------------------------------------------------------

    def _build_patterns(self, feed: Feed, day: date, wheelchair: bool) -> None:
        services = feed.services_on(day)
        groups: dict[tuple[str, tuple[int, ...]], list[Pattern]] = {}
        trips = []
        for tid, trip in feed.trips.items():
            if trip.service_id not in services or (wheelchair and trip.wheelchair != 1):
                continue
            times = feed.stop_times[tid]
            if any(st.stop_id not in self.index for st in times):
                continue  # a stop a wheelchair cannot use: the whole trip is left out
            trips.append((times[0].departure, tid, trip.route_id, times))
        trips.sort()
        for _t0, tid, route_id, times in trips:
            stops = tuple(self.index[st.stop_id] for st in times)
            arr = [st.arrival for st in times]
            dep = [st.departure for st in times]
            candidates = groups.setdefault((route_id, stops), [])
            pattern = next((p for p in candidates if p.fits(arr, dep)), None)
            if pattern is None:
                pattern = Pattern(route_id, list(stops))
                candidates.append(pattern)
                self.patterns.append(pattern)
            pattern.trip_ids.append(tid)
            pattern.arr.append(arr)
            pattern.dep.append(dep)

    def _build_footpaths(self, transfers: Sequence[Transfer], radius_m: float) -> None:
        paths: dict[tuple[int, int], int] = {}
        n = len(self.stop_ids)
        if n > 1 and radius_m > 0:
            # Local plane (metres) around the feed's centre: exact enough within a few km.
            xy = local_xy_m(self.coords, float(self.coords[:, 0].mean()))
            for a, b in cKDTree(xy).query_pairs(radius_m * 1.05):
                metres = distance_m(*self.coords[a], *self.coords[b])
                if metres <= radius_m:
                    paths[(a, b)] = paths[(b, a)] = walk_seconds(metres)
        for t in transfers:
            a, b = self.index.get(t.from_stop), self.index.get(t.to_stop)
            if a is None or b is None:
                continue
            if a == b:
                if t.type in (0, 1, 2):
                    self.change_s[a] = t.min_seconds or 0 if t.type == 2 else 0
                continue
            if t.type == 3:
                paths.pop((a, b), None)
                continue
            walk = walk_seconds(distance_m(*self.coords[a], *self.coords[b]))
            paths[(a, b)] = max(walk, t.min_seconds or 0) if t.type == 2 else walk
        for (a, b), seconds in sorted(paths.items()):
            self.footpaths[a].append((b, seconds))

    def _flatten(self) -> None:
        """The kernel's arrays: patterns, trips' times, routes at stops, footpaths (CSR)."""
        n = len(self.stop_ids)
        lengths = [len(p.stops) for p in self.patterns]
        self.pat_stop_off = np.zeros(len(lengths) + 1, dtype=np.int64)
        self.pat_stop_off[1:] = np.cumsum(lengths, dtype=np.int64)
        self.pat_stops = np.array([s for p in self.patterns for s in p.stops], dtype=np.int64)
        self.pat_ntrips = np.array([len(p.trip_ids) for p in self.patterns], dtype=np.int64)
        sizes = [len(p.trip_ids) * len(p.stops) for p in self.patterns]
        self.pat_time_off = np.zeros(len(sizes), dtype=np.int64)
        if sizes:
            self.pat_time_off[1:] = np.cumsum(sizes[:-1], dtype=np.int64)
        self.arr_flat = np.array([t for p in self.patterns for row in p.arr for t in row],
                                 dtype=np.int64)  # fmt: skip
        self.dep_flat = np.array([t for p in self.patterns for row in p.dep for t in row],
                                 dtype=np.int64)  # fmt: skip
        self.ra_off = np.zeros(n + 1, dtype=np.int64)
        self.ra_off[1:] = np.cumsum([len(x) for x in self.routes_at], dtype=np.int64)
        self.ra_pat = np.array([r for x in self.routes_at for r, _ in x], dtype=np.int64)
        self.ra_pos = np.array([pos for x in self.routes_at for _, pos in x], dtype=np.int64)
        self.fp_off = np.zeros(n + 1, dtype=np.int64)
        self.fp_off[1:] = np.cumsum([len(x) for x in self.footpaths], dtype=np.int64)
        self.fp_to = np.array([q for x in self.footpaths for q, _ in x], dtype=np.int64)
        self.fp_sec = np.array([t for x in self.footpaths for _, t in x], dtype=np.int64)
        self.change = np.array(self.change_s, dtype=np.int64)
        # The patterns' times become views of the flat arrays (one copy of the times in memory).
        for r, pattern in enumerate(self.patterns):
            length, count = len(pattern.stops), len(pattern.trip_ids)
            start = int(self.pat_time_off[r])
            pattern.arr = self.arr_flat[start : start + count * length].reshape(count, length)
            pattern.dep = self.dep_flat[start : start + count * length].reshape(count, length)
            pattern.dep_by_pos = pattern.dep.T

    # --- queries ---------------------------------------------------------------------------------

    def stops_near(self, lat: float, lon: float, radius_m: float) -> list[tuple[str, float]]:
        """Stops within ``radius_m`` of a point with their straight-line distance, nearest first."""
        if not self.stop_ids:
            return []
        metres = haversine_m(lat, lon, self.coords[:, 0], self.coords[:, 1])
        near = np.nonzero(metres <= radius_m)[0]
        return sorted(((self.stop_ids[i], float(metres[i])) for i in near), key=lambda x: x[1])

    def earliest_arrival(
        self,
        sources: dict[str, int],
        targets: dict[str, int],
        *,
        max_rides: int = 5,
        max_duration: int | None = None,
    ) -> list[Journey]:
        """The best journeys from ``sources`` (stop -> time ready there) to ``targets`` (stop ->
        egress seconds): one per number of vehicles that arrives earlier than with fewer.

        ``max_duration`` (seconds): arrivals later than the earliest source time plus this are
        not explored (the search's horizon; a journey of five hours is no option)."""
        search = _Search(self, targets, max_rides, max_duration)
        search.run({self.index[s]: t for s, t in sources.items() if s in self.index})
        return search.journeys()

    def profile(
        self,
        sources: dict[str, int],
        targets: dict[str, int],
        start: int,
        end: int,
        *,
        max_rides: int = 5,
        max_duration: int | None = None,
    ) -> list[Journey]:
        """rRAPTOR: every Pareto-optimal journey (later departure, earlier arrival, fewer
        vehicles) leaving the origin between ``start`` and ``end`` (seconds of the day).

        ``sources`` maps a stop to its access time (seconds from the origin); a journey's
        ``departure`` is then the time to leave the origin."""
        access = {self.index[s]: t for s, t in sources.items() if s in self.index}
        departures: set[int] = set()
        for stop, offset in access.items():
            for r, pos in self.routes_at[stop]:
                col = self.patterns[r].dep_by_pos[pos]
                for d in col[int(np.searchsorted(col, start + offset)) :].tolist():
                    if d - offset > end:
                        break
                    departures.add(d - offset)
        search = _Search(self, targets, max_rides, max_duration)
        found: list[Journey] = []
        for t0 in sorted(departures, reverse=True):
            before = list(search.best_at_target)
            search.run({stop: t0 + offset for stop, offset in access.items()})
            for k in range(1, max_rides + 1):
                if search.best_at_target[k] < before[k]:
                    journey = search.journey(k)
                    if journey is not None:
                        found.append(replace(journey, departure=t0))
        return _pareto(found)


def _pareto(journeys: list[Journey]) -> list[Journey]:
    """Drop a journey when another leaves no earlier, arrives no later, with no more vehicles."""
    kept: list[Journey] = []
    for j in journeys:
        dominated = any(
            o is not j
            and o.departure >= j.departure
            and o.at_destination <= j.at_destination
            and o.rides <= j.rides
            and (o.departure, o.at_destination, o.rides) != (j.departure, j.at_destination, j.rides)
            for o in journeys
        )
        key = (j.departure, j.at_destination, j.rides)
        if not dominated and all((o.departure, o.at_destination, o.rides) != key for o in kept):
            kept.append(j)
    return sorted(kept, key=lambda j: (j.departure, j.at_destination, j.rides))


class _Search:
    """The labels of one search; rRAPTOR keeps them from one departure to the earlier next.

    Labels are kept per round (at most ``k`` vehicles) and pruning compares with the same
    round's label only: with labels kept between rRAPTOR runs, a global best (the paper's
    local pruning) would hide a journey with fewer vehicles that arrives later. The rounds run
    in ``_kernel.rounds`` (numba); parents are set in the round where a label improved.
    """

    def __init__(
        self, tt: Timetable, targets: dict[str, int], max_rides: int,
        max_duration: int | None = None,
    ) -> None:  # fmt: skip
        self.tt = tt
        self.k_max = max_rides
        n = len(tt.stop_ids)
        self.targets = {tt.index[s]: e for s, e in targets.items() if s in tt.index}
        self.tgt_stop = np.array(sorted(self.targets), dtype=np.int64)
        self.tgt_egress = np.array([self.targets[p] for p in sorted(self.targets)], dtype=np.int64)
        shape = (max_rides + 1, n)
        # ready[k, p]: earliest time one can board at p having used at most k vehicles;
        # arr[k, p]: earliest arrival at p (to end the journey there); ride[k, p]: earliest
        # arrival at p off a vehicle (where footpaths start).
        self.ready = np.full(shape, INF, dtype=np.int64)
        self.arr = np.full(shape, INF, dtype=np.int64)
        self.ride = np.full(shape, INF, dtype=np.int64)
        self.pr_kind = np.zeros(shape, dtype=np.int8)
        self.pr_from = np.zeros(shape, dtype=np.int64)
        self.pa_kind = np.zeros(shape, dtype=np.int8)
        self.pa_from = np.zeros(shape, dtype=np.int64)
        self.p_ride = np.zeros((max_rides + 1, n, 4), dtype=np.int64)
        self.best_at_target = np.full(max_rides + 1, INF, dtype=np.int64)
        self.source_time: dict[int, int] = {}
        self.max_duration = max_duration

    def run(self, sources: dict[int, int]) -> None:
        tt = self.tt
        limit = INF
        if self.max_duration is not None and sources:
            # Arrivals later than this are no journey worth offering: not explored.
            limit = min(sources.values()) + self.max_duration
        for stop, t in sources.items():
            if t < self.ready[0, stop]:
                self.source_time[stop] = t
        src = sorted(sources.items())
        _kernel.rounds(
            tt.pat_stop_off, tt.pat_stops, tt.pat_ntrips, tt.pat_time_off, tt.arr_flat,
            tt.dep_flat, tt.ra_off, tt.ra_pat, tt.ra_pos, tt.fp_off, tt.fp_to, tt.fp_sec,
            tt.change, self.ready, self.arr, self.ride, self.pr_kind, self.pr_from,
            self.pa_kind, self.pa_from, self.p_ride, self.best_at_target, self.tgt_stop,
            self.tgt_egress, np.array([p for p, _ in src], dtype=np.int64),
            np.array([t for _, t in src], dtype=np.int64), self.k_max, limit,
        )  # fmt: skip

    def journeys(self) -> list[Journey]:
        found: list[Journey] = []
        last = INF
        for k in range(self.k_max + 1):
            if self.best_at_target[k] < last:
                last = int(self.best_at_target[k])
                journey = self.journey(k)
                if journey is not None:
                    found.append(journey)
        return found

    @staticmethod
    def _label(kinds: Any, froms: Any, k: int, p: int) -> tuple[int, int, int]:
        """The parent of the label of p with at most k vehicles: set in the last round <= k
        where it improved."""
        for r in range(k, -1, -1):
            if kinds[r, p] != _kernel.NONE:
                return r, int(kinds[r, p]), int(froms[r, p])
        raise LookupError(p)

    def journey(self, k: int) -> Journey | None:
        """The journey behind the best target arrival with at most ``k`` vehicles."""
        tt = self.tt
        best, target = INF, -1
        for p, e in sorted(self.targets.items()):
            if int(self.arr[k, p]) + e < best:
                best, target = int(self.arr[k, p]) + e, p
        if target < 0 or best >= INF:
            return None
        legs: list[RideLeg | WalkLeg] = []
        r, kind, other = self._label(self.pa_kind, self.pa_from, k, target)
        p = target
        while kind != _kernel.SOURCE:
            if kind == _kernel.WALK:
                seconds = next(s for q, s in tt.footpaths[other] if q == p)
                legs.append(WalkLeg(tt.stop_ids[other], tt.stop_ids[p], seconds))
                p = other
            pat, trip, board, alight = (int(x) for x in self.p_ride[r, p])
            pattern = tt.patterns[pat]
            legs.append(
                RideLeg(
                    pattern.route_id,
                    pattern.trip_ids[trip],
                    tt.stop_ids[pattern.stops[board]],
                    tt.stop_ids[pattern.stops[alight]],
                    int(pattern.dep[trip][board]),
                    int(pattern.arr[trip][alight]),
                )
            )
            p = pattern.stops[board]
            r, kind, other = self._label(self.pr_kind, self.pr_from, r - 1, p)
        if not legs:
            return None  # the origin's own stop: walking, which the caller offers itself
        legs.reverse()
        arrival = 0
        for leg in legs:
            arrival = leg.arrival if isinstance(leg, RideLeg) else arrival + leg.seconds
        egress = self.targets[target]
        return Journey(self.source_time[p], arrival, tt.stop_ids[target], tuple(legs), egress)
