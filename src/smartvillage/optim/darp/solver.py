"""Adaptive large neighbourhood search for the dial-a-ride problem.

Ropke & Pisinger (2006), Ropke, Cordeau & Laporte (2007): remove a share of the requests
(random, worst or related "Shaw" removal), re-insert them by greedy or regret-k insertion with
optional noise, accept by simulated annealing, adapt the operator weights by their success.
Requests that cannot be placed wait in a request bank at a large penalty per request, so the
search always works on a complete plan. Route evaluation and insertion run in
:mod:`._kernels`.

Determinism: every random choice comes from one generator seeded by ``seed`` and the cooling
schedule counts iterations, so a seed and an iteration budget fix the result; the time limit only
stops the search.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _kernels as kern
from ._arrays import Arrays, BoolArray, FloatArray, IntArray, State, arrays_of
from .model import Plan, Problem, Unserved


@dataclass(frozen=True)
class SolveParams:
    """Tuning of the search; the defaults are what docs/darp.md measured.

    Parameters
    ----------
    min_removed, max_removed, max_removed_share
        Each iteration removes a uniform number of requests in
        ``[min_removed, min(max_removed, max_removed_share * n)]``.
    start_worse
        The initial temperature accepts a plan this much (relative) worse with probability 1/2.
    end_temperature
        Temperature at the end of a cooling cycle, relative to the initial one.
    cycle_iterations
        Length of a cooling cycle when no iteration budget is given; each new cycle starts again
        from the best plan (with a budget, the single cycle spans it).
    segment, reaction, scores
        Adaptive weights: updated every ``segment`` iterations with the ``reaction`` factor from
        the scores of a new best plan, a better plan and an accepted worse plan.
    noise
        Insertion noise as a share of the largest distance.
    shaw_determinism, worst_determinism
        The ``p`` of Ropke & Pisinger's randomised selection ``y ** p``.
    regrets
        The insertion operators: 1 is greedy, k > 1 is regret-k.
    """

    min_removed: int = 2
    max_removed: int = 40
    max_removed_share: float = 0.4
    start_worse: float = 0.05
    end_temperature: float = 0.002
    cycle_iterations: int = 20_000
    segment: int = 100
    reaction: float = 0.1
    scores: tuple[float, float, float] = (33.0, 9.0, 13.0)
    noise: float = 0.025
    shaw_determinism: float = 6.0
    worst_determinism: float = 3.0
    regrets: tuple[int, ...] = (1, 2, 3, 4)


@dataclass(frozen=True)
class Result:
    """Outcome of :func:`solve`: the best plan found and figures about the search."""

    plan: Plan
    cost: float
    iterations: int
    seconds: float

    @property
    def unserved(self) -> tuple[Unserved, ...]:
        return self.plan.unserved

    @property
    def all_served(self) -> bool:
        return not self.plan.unserved


def solve(
    problem: Problem,
    *,
    time_limit: float,
    seed: int = 0,
    max_iterations: int | None = None,
    params: SolveParams | None = None,
) -> Result:
    """Minimise the total distance of a plan serving the requests of ``problem``.

    Parameters
    ----------
    problem
        The instance.
    time_limit
        Wall-clock seconds after which the search stops (checked between iterations).
    seed
        Seed of the random generator.
    max_iterations
        Iteration budget; with it, the same ``seed`` gives the same plan on any machine speed,
        provided the time limit is not reached first.
    params
        Tuning, see :class:`SolveParams`.

    Returns
    -------
    Result
        The best plan found. Requests it could not place are in ``result.unserved`` with a
        reason, never dropped silently.
    """
    started = time.perf_counter()
    params = params or SolveParams()
    arrays = arrays_of(problem)
    compat, reasons = vehicle_compatibility(problem, arrays)
    rng = np.random.default_rng(seed)
    search = _Search(arrays, compat, params, rng)
    iterations = search.run(started + time_limit, max_iterations)
    best = search.best
    unserved = tuple(Unserved(int(r), reasons.get(int(r), NO_ROOM)) for r in best.unassigned())
    plan = Plan(tuple(best.to_route(k) for k in range(arrays.nveh)), unserved)
    return Result(plan, best.cost, iterations, time.perf_counter() - started)


NO_ROOM = "no feasible insertion found: the vehicles able to carry it are busy at that time"


def vehicle_compatibility(problem: Problem, arrays: Arrays) -> tuple[BoolArray, dict[int, str]]:
    """Which vehicle could serve which request alone, and why a request fits none.

    Returns a ``(requests, vehicles)`` boolean matrix and the reasons of the requests that no
    vehicle can serve even in an otherwise empty route.
    """
    compat = np.zeros((arrays.n, arrays.nveh), dtype=np.bool_)
    reasons: dict[int, str] = {}
    for r in range(arrays.n):
        compat[r], reason = request_compatibility(problem, arrays, r)
        if reason is not None:
            reasons[r] = reason
    return compat, reasons


def request_compatibility(problem: Problem, arrays: Arrays, r: int) -> tuple[BoolArray, str | None]:
    """Vehicles able to serve request ``r`` alone, and the reason when there is none."""
    n, nveh = arrays.n, arrays.nveh
    fits = np.zeros(nveh, dtype=np.bool_)
    request = problem.requests[r]
    chairs = [v for v in problem.vehicles if v.wheelchair_places >= request.wheelchair]
    if not chairs:
        most = max((v.wheelchair_places for v in problem.vehicles), default=0)
        if most == 0:
            return fits, "wheelchair: no vehicle has a wheelchair place"
        return fits, f"wheelchair: needs {request.wheelchair} places, no vehicle has {most}+"
    if all(v.seats < request.load for v in chairs):
        extra = " (among vehicles with enough wheelchair places)" if request.wheelchair else ""
        return fits, "load exceeds every vehicle's seats" + extra
    if arrays.tt[r, r + n] > arrays.ride[r] + kern.EPS:
        return fits, "max ride time is shorter than the direct trip"
    pos = np.zeros(2 * n + 2 * nveh, dtype=np.int64)
    times = np.zeros(4, dtype=np.float64)
    route = np.zeros(4, dtype=np.int64)
    for k, vehicle in enumerate(problem.vehicles):
        if vehicle.wheelchair_places < request.wheelchair or vehicle.seats < request.load:
            continue
        route[:] = (2 * n + k, r, r + n, 2 * n + nveh + k)
        fits[k] = kern.earliest(
            route,
            4,
            k,
            arrays.tt,
            arrays.e,
            arrays.late,
            arrays.s,
            arrays.ride,
            n,
            arrays.tmax,
            pos,
            times,
        )
    if not fits.any():
        return fits, "time window unreachable from any depot within shift, ride time and duration"
    return fits, None


Removal = Callable[[State, int], IntArray]


class _Search:
    """State of one ALNS run."""

    def __init__(
        self,
        arrays: Arrays,
        compat: BoolArray,
        params: SolveParams,
        rng: np.random.Generator,
    ) -> None:
        self.a = arrays
        self.compat = compat
        self.p = params
        self.rng = rng
        self.maxdist = float(arrays.dist.max()) if arrays.dist.size else 1.0
        self.penalty = 10.0 * (4.0 * self.maxdist + 1.0)
        self.removals: list[Removal] = [
            self.random_removal,
            self.worst_removal,
            self.shaw_removal,
            self.time_removal,
        ]
        self.inserts = [(k, noisy) for k in params.regrets for noisy in (False, True)]
        self.best = State(arrays)
        n, d = arrays.n, arrays.dist
        near = d[:n, :n] + d[n : 2 * n, n : 2 * n]
        self.static_relatedness = near / max(float(near.max()), 1e-9) if n else near

    def objective(self, state: State) -> float:
        return state.cost + self.penalty * int((state.assign < 0).sum())

    def seed(self) -> int:
        return int(self.rng.integers(2**31 - 1))

    def run(self, deadline: float, max_iterations: int | None) -> int:
        a, p, rng = self.a, self.p, self.rng
        current = State(a)
        everyone = np.arange(a.n, dtype=np.int64)
        current.repair(everyone, self.compat, 2, 0.0, self.seed())
        self.best = current
        if a.n == 0:
            return 0
        cur_obj = best_obj = self.objective(current)
        t_start = max(p.start_worse * current.cost, 1e-3) / math.log(2.0)
        cycle = max_iterations if max_iterations is not None else p.cycle_iterations
        cooling = p.end_temperature ** (1.0 / max(cycle, 1))
        temperature = t_start
        w_rem = np.ones(len(self.removals))
        w_ins = np.ones(len(self.inserts))
        s_rem = np.zeros_like(w_rem)
        n_rem = np.zeros_like(w_rem)
        s_ins = np.zeros_like(w_ins)
        n_ins = np.zeros_like(w_ins)
        qmax = max(min(p.max_removed, int(p.max_removed_share * a.n)), 1)
        qmin = min(p.min_removed, qmax)
        seen: set[float] = set()
        iteration = 0
        while (max_iterations is None or iteration < max_iterations) and (
            time.perf_counter() < deadline
        ):
            iteration += 1
            temperature *= cooling
            if iteration % cycle == 0:
                current, cur_obj, temperature = self.best.copy(), best_obj, t_start
                seen.clear()
            q = int(rng.integers(qmin, qmax + 1))
            ri = int(rng.choice(len(w_rem), p=w_rem / w_rem.sum()))
            ii = int(rng.choice(len(w_ins), p=w_ins / w_ins.sum()))
            cand = current.copy()
            removed = self.removals[ri](cand, q)
            if not cand.remove(removed):
                continue  # only with non-metric travel times: skip this neighbour
            regret, noisy = self.inserts[ii]
            noise = p.noise * self.maxdist if noisy else 0.0
            cand.repair(cand.unassigned(), self.compat, regret, noise, self.seed())
            obj = self.objective(cand)
            key = float(obj)
            score = 0.0
            if obj < best_obj - 1e-9:
                self.best, best_obj = cand.copy(), obj
                score = p.scores[0]
            if obj < cur_obj - 1e-9 or rng.random() < math.exp(
                -(obj - cur_obj) / max(temperature, 1e-12)
            ):
                if key not in seen:
                    score = max(score, p.scores[1] if obj < cur_obj else p.scores[2])
                current, cur_obj = cand, obj
            seen.add(key)
            s_rem[ri] += score
            n_rem[ri] += 1
            s_ins[ii] += score
            n_ins[ii] += 1
            if iteration % p.segment == 0:
                for w, sc, cnt in ((w_rem, s_rem, n_rem), (w_ins, s_ins, n_ins)):
                    used = cnt > 0
                    w[used] = (1 - p.reaction) * w[used] + p.reaction * sc[used] / cnt[used]
                    w[:] = np.maximum(w, 0.05)
                    sc[:] = 0
                    cnt[:] = 0
        return iteration

    # --- removal operators -------------------------------------------------------------------

    def assigned(self, state: State) -> IntArray:
        return np.flatnonzero(state.assign >= 0)

    def random_removal(self, state: State, q: int) -> IntArray:
        pool = self.assigned(state)
        return self.rng.choice(pool, size=min(q, pool.size), replace=False)

    def worst_removal(self, state: State, q: int) -> IntArray:
        pool = self.assigned(state)
        if pool.size == 0:
            return pool
        saving = self.savings(state)[pool]
        order = list(pool[np.argsort(-saving, kind="stable")])
        return self.pick(order, q, self.p.worst_determinism)

    def shaw_removal(self, state: State, q: int) -> IntArray:
        """Related removal: requests close in space and time to a random seed request."""
        return self.related_removal(state, q, 1.0)

    def time_removal(self, state: State, q: int) -> IntArray:
        """Requests served at about the same time as a random seed request, on any vehicle."""
        return self.related_removal(state, q, 0.0)

    def related_removal(self, state: State, q: int, space: float) -> IntArray:
        pool = self.assigned(state)
        if pool.size == 0:
            return pool
        n = self.a.n
        times = self.node_times(state)
        ref = int(pool[int(self.rng.integers(pool.size))])
        span = max(float(times.max() - times.min()), 1e-9)
        relate = (
            np.abs(times[pool] - times[ref]) + np.abs(times[pool + n] - times[ref + n])
        ) / span
        if space:
            relate += space * self.static_relatedness[ref, pool]
        order = list(pool[np.argsort(relate, kind="stable")])
        return self.pick(order, q, self.p.shaw_determinism)

    def pick(self, order: list[np.int64], q: int, power: float) -> IntArray:
        chosen: list[int] = []
        while order and len(chosen) < q:
            y = self.rng.random()
            chosen.append(int(order.pop(int(y**power * len(order)))))
        return np.array(chosen, dtype=np.int64)

    def savings(self, state: State) -> FloatArray:
        """Distance saved by removing each request alone (0 for unassigned ones)."""
        a = self.a
        size = 2 * a.n + 2 * a.nveh
        pred = np.zeros(size, dtype=np.int64)
        succ = np.zeros(size, dtype=np.int64)
        for k in range(a.nveh):
            row = state.routes[k, : state.rlen[k]]
            pred[row[1:]] = row[:-1]
            succ[row[:-1]] = row[1:]
        d = a.dist
        p = np.arange(a.n)
        dl = p + a.n
        adjacent = succ[p] == dl
        out_p = d[pred[p], p] + d[p, succ[p]] - d[pred[p], succ[p]]
        out_d = d[pred[dl], dl] + d[dl, succ[dl]] - d[pred[dl], succ[dl]]
        both = d[pred[p], p] + d[p, dl] + d[dl, succ[dl]] - d[pred[p], succ[dl]]
        saving = np.where(adjacent, both, out_p + out_d)
        saving[state.assign < 0] = 0.0
        return saving

    def node_times(self, state: State) -> FloatArray:
        a = self.a
        times = np.zeros(2 * a.n + 2 * a.nveh, dtype=np.float64)
        for k in range(a.nveh):
            m = state.rlen[k]
            times[state.routes[k, :m]] = state.E[k, :m]
        return times
