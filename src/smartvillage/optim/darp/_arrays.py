"""Compact array form of a :class:`~.model.Problem` and of a solution, for the kernels."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from . import _kernels as kern
from .model import Plan, Problem, Route, Stop

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Arrays:
    """Node-level data: pickups ``0..n-1``, drop-offs ``n..2n-1``, then start and end depots."""

    n: int
    nveh: int
    tt: FloatArray
    dist: FloatArray
    e: FloatArray
    late: FloatArray
    s: FloatArray
    q: IntArray
    w: IntArray
    ride: FloatArray
    capq: IntArray
    capw: IntArray
    tmax: FloatArray
    metric: bool

    @staticmethod
    def of(problem: Problem) -> Arrays:
        n = problem.num_requests
        nveh = problem.num_vehicles
        reqs = problem.requests
        vehs = problem.vehicles
        loc = np.array(
            [r.pickup for r in reqs]
            + [r.dropoff for r in reqs]
            + [v.start_depot for v in vehs]
            + [v.end_depot for v in vehs],
            dtype=np.int64,
        )
        shift_e = [v.shift[0] for v in vehs]
        shift_l = [v.shift[1] for v in vehs]
        e = np.array(
            [r.pickup_window[0] for r in reqs]
            + [r.dropoff_window[0] for r in reqs]
            + shift_e
            + shift_e,
            dtype=np.float64,
        )
        late = np.array(
            [r.pickup_window[1] for r in reqs]
            + [r.dropoff_window[1] for r in reqs]
            + shift_l
            + shift_l,
            dtype=np.float64,
        )
        s = np.array(
            [r.pickup_service for r in reqs] + [r.dropoff_service for r in reqs] + [0.0] * 2 * nveh,
            dtype=np.float64,
        )
        load = [r.load for r in reqs]
        chair = [r.wheelchair for r in reqs]
        q = np.array(load + [-x for x in load] + [0] * 2 * nveh, dtype=np.int64)
        w = np.array(chair + [-x for x in chair] + [0] * 2 * nveh, dtype=np.int64)
        return Arrays(
            n=n,
            nveh=nveh,
            tt=np.ascontiguousarray(problem.duration[np.ix_(loc, loc)]),
            dist=np.ascontiguousarray(problem.distance[np.ix_(loc, loc)]),
            e=e,
            late=late,
            s=s,
            q=q,
            w=w,
            ride=np.array([r.max_ride_time for r in reqs], dtype=np.float64),
            capq=np.array([v.seats for v in vehs], dtype=np.int64),
            capw=np.array([v.wheelchair_places for v in vehs], dtype=np.int64),
            tmax=np.array([v.max_duration for v in vehs], dtype=np.float64),
            metric=problem.is_metric,
        )

    def node(self, stop: Stop) -> int:
        return stop.request if stop.pickup else stop.request + self.n

    def stop(self, node: int, time: float) -> Stop:
        if node < self.n:
            return Stop(node, True, float(time))
        return Stop(node - self.n, False, float(time))


_CACHE: weakref.WeakKeyDictionary[Problem, Arrays] = weakref.WeakKeyDictionary()


def arrays_of(problem: Problem) -> Arrays:
    """The array form of ``problem``, built once per problem object."""
    arrays = _CACHE.get(problem)
    if arrays is None:
        arrays = _CACHE[problem] = Arrays.of(problem)
    return arrays


class State:
    """Routes of a solution as fixed-width arrays, with per-route caches for insertion."""

    def __init__(self, arrays: Arrays) -> None:
        a = arrays
        self.a = a
        width = 2 * a.n + 2
        self.routes = np.zeros((a.nveh, width), dtype=np.int64)
        self.routes[:, 0] = 2 * a.n + np.arange(a.nveh)
        self.routes[:, 1] = 2 * a.n + a.nveh + np.arange(a.nveh)
        self.rlen = np.full(a.nveh, 2, dtype=np.int64)
        self.E = np.zeros((a.nveh, width), dtype=np.float64)
        self.Z = np.zeros((a.nveh, width), dtype=np.float64)
        self.LD = np.zeros((a.nveh, width), dtype=np.int64)
        self.WL = np.zeros((a.nveh, width), dtype=np.int64)
        self.P = np.zeros((a.nveh, width), dtype=np.float64)
        self.rcost = np.zeros(a.nveh, dtype=np.float64)
        self.assign = np.full(a.n, -1, dtype=np.int64)
        self.pos = np.zeros(2 * a.n + 2 * a.nveh, dtype=np.int64)
        for k in range(a.nveh):
            self.refresh(k)

    def copy(self) -> State:
        new = State.__new__(State)
        new.a = self.a
        for name in ("routes", "rlen", "E", "Z", "LD", "WL", "P", "rcost", "assign", "pos"):
            setattr(new, name, getattr(self, name).copy())
        return new

    def refresh(self, k: int) -> bool:
        a = self.a
        return bool(
            kern.refresh(
                k,
                self.routes,
                self.rlen,
                self.E,
                self.Z,
                self.LD,
                self.WL,
                self.P,
                self.rcost,
                a.tt,
                a.dist,
                a.e,
                a.late,
                a.s,
                a.q,
                a.w,
                a.ride,
                a.n,
                a.tmax,
                self.pos,
            )
        )

    @property
    def cost(self) -> float:
        return float(self.rcost.sum())

    def unassigned(self) -> IntArray:
        return np.flatnonzero(self.assign < 0)

    def remove(self, reqs: IntArray) -> bool:
        """Take ``reqs`` out; False if a shortened route became infeasible.

        That cannot happen when travel times obey the triangle inequality.
        """
        changed = np.zeros(self.a.nveh, dtype=np.bool_)
        kern.remove_requests(reqs, self.a.n, self.routes, self.rlen, changed)
        self.assign[reqs] = -1
        ok = True
        for k in np.flatnonzero(changed):
            ok = self.refresh(int(k)) and ok
        return ok

    def repair(
        self, reqs: IntArray, compat: BoolArray, regret: int, noise: float, seed: int
    ) -> int:
        a = self.a
        return int(
            kern.repair(
                reqs,
                compat,
                regret,
                noise,
                seed,
                self.routes,
                self.rlen,
                self.E,
                self.Z,
                self.LD,
                self.WL,
                self.P,
                self.rcost,
                a.tt,
                a.dist,
                a.e,
                a.late,
                a.s,
                a.q,
                a.w,
                a.ride,
                a.n,
                a.capq,
                a.capw,
                a.tmax,
                a.metric,
                self.assign,
            )
        )

    def best_insertion(self, request: int, k: int) -> tuple[float, int, int]:
        """Cheapest feasible ``(delta, i, j)`` of ``request`` in route ``k`` (see kernels)."""
        a = self.a
        width = int(self.rlen[k]) + 2
        size = width * width // 2 + width
        delta, i, j = kern.best_in_route(
            request, k, self.routes, self.rlen, self.E, self.Z, self.LD, self.WL, self.P,
            a.tt, a.dist, a.e, a.late, a.s, a.q, a.w, a.ride, a.n, a.capq, a.capw, a.tmax,
            a.metric, self.pos, np.empty(width), np.empty(width, dtype=np.int64),
            np.empty(size), np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64),
        )  # fmt: skip
        return float(delta), int(i), int(j)

    def insert(self, request: int, k: int, i: int, j: int) -> None:
        tmp = np.zeros(self.routes.shape[1] + 2, dtype=np.int64)
        kern.insert_at(request, k, i, j, self.a.n, self.routes, self.rlen, tmp)
        self.assign[request] = k
        self.refresh(k)

    def set_route(self, k: int, nodes: list[int]) -> bool:
        """Replace route ``k`` by the customer ``nodes``; False if it is infeasible."""
        a = self.a
        self.routes[k, 1 : len(nodes) + 1] = nodes
        self.routes[k, len(nodes) + 1] = 2 * a.n + a.nveh + k
        self.rlen[k] = len(nodes) + 2
        for node in nodes:
            if node < a.n:
                self.assign[node] = k
        return self.refresh(k)

    def to_route(self, k: int) -> Route:
        """Route ``k`` with its earliest schedule, leaving the depot as late as it may."""
        a = self.a
        m = int(self.rlen[k])
        if m == 2:
            return Route(k)
        times = self.E[k]
        first = int(self.routes[k, 1])
        start = int(self.routes[k, 0])
        departure = max(float(times[0]), float(times[1] - a.s[start] - a.tt[start, first]))
        stops = tuple(a.stop(int(self.routes[k, x]), float(times[x])) for x in range(1, m - 1))
        return Route(k, stops, departure, float(times[m - 1]))

    @staticmethod
    def of_plan(arrays: Arrays, plan: Plan) -> State:
        state = State(arrays)
        if len(plan.routes) != arrays.nveh:
            raise ValueError("the plan must have one route per vehicle")
        for k, route in enumerate(plan.routes):
            if route.vehicle != k:
                raise ValueError(f"route {k} is for vehicle {route.vehicle}")
            state.set_route(k, [arrays.node(stop) for stop in route.stops])
        return state
