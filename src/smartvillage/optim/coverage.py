"""Coverage of a territory by service sites, and where to open the next ones.

Pure Python (no Django). The inputs are plain arrays: the population of each demand point (a
commune), travel times from each demand point to the existing sites and to candidate sites,
and a threshold. The Django app builds them in its adapter (``thirdplaces/coverage.py``).

Two questions:

- **How well is the territory covered?** :func:`nearest_seconds` gives each commune its
  travel time to the nearest site; :func:`covered_population` the population within the
  threshold.
- **Where next?** The *maximal covering location problem* (Church & ReVelle, 1974): open at
  most ``k`` new sites among the candidates to maximise the population newly brought within
  the threshold. :func:`solve_exact` solves it to optimality with OR-Tools CP-SAT;
  :func:`solve_greedy` adds, ``k`` times, the site with the largest marginal gain (a
  ``1 - 1/e`` approximation, since coverage is submodular), for comparison.

Each answer lists its sites with their gain: the population each site adds, the sites taken in
decreasing order of marginal gain, so that the gains sum to the population newly covered.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

__all__ = [
    "CoverageInstance",
    "Solution",
    "build_instance",
    "covered_population",
    "nearest_seconds",
    "order_by_gain",
    "solve_exact",
    "solve_greedy",
]


def nearest_seconds(seconds_to_sites: NDArray[np.float64]) -> NDArray[np.float64]:
    """Travel time from each demand point (row) to its nearest site (column).

    Parameters
    ----------
    seconds_to_sites
        ``(n, m)`` array of travel times; ``inf`` where a site cannot be reached.

    Returns
    -------
    NDArray
        ``(n,)`` array; ``inf`` for every point when there is no site (``m == 0``).
    """
    matrix = np.asarray(seconds_to_sites, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("seconds_to_sites must be a 2-D array")
    if matrix.shape[1] == 0:
        return np.full(matrix.shape[0], np.inf)
    result: NDArray[np.float64] = matrix.min(axis=1)
    return result


def covered_population(
    population: NDArray[np.int64] | Sequence[int],
    nearest: NDArray[np.float64],
    threshold_s: float,
) -> int:
    """Population of the demand points whose nearest site is within ``threshold_s``."""
    pop = np.asarray(population, dtype=np.int64)
    return int(pop[np.asarray(nearest) <= threshold_s].sum())


@dataclass(frozen=True, eq=False)
class CoverageInstance:
    """A maximal covering instance.

    Attributes
    ----------
    population
        ``(n,)`` population of each demand point (non-negative integers).
    covered
        ``(n,)`` booleans: already within the threshold of an existing site.
    covers
        For each candidate ``j``, the sorted indices of the demand points it would bring
        within the threshold.
    """

    population: NDArray[np.int64]
    covered: NDArray[np.bool_]
    covers: tuple[NDArray[np.intp], ...]

    def __post_init__(self) -> None:
        n = self.population.shape[0]
        if self.covered.shape != (n,):
            raise ValueError("covered must have one value per demand point")
        if (self.population < 0).any():
            raise ValueError("population must be non-negative")
        for cover in self.covers:
            if cover.size and (cover.min() < 0 or cover.max() >= n):
                raise ValueError("a candidate covers a demand point outside the instance")

    @property
    def n_candidates(self) -> int:
        return len(self.covers)

    def gain(self, chosen: Sequence[int]) -> int:
        """Population newly covered by opening the candidates ``chosen``."""
        newly = np.zeros_like(self.covered)
        for j in chosen:
            newly[self.covers[j]] = True
        newly &= ~self.covered
        return int(self.population[newly].sum())


def build_instance(
    population: NDArray[np.int64] | Sequence[int],
    seconds_to_existing: NDArray[np.float64],
    seconds_to_candidates: NDArray[np.float64],
    threshold_s: float,
) -> CoverageInstance:
    """An instance from travel times demand → existing sites and demand → candidates.

    Parameters
    ----------
    population
        ``(n,)`` population per demand point.
    seconds_to_existing
        ``(n, m)`` travel times to the ``m`` existing sites (``m`` may be 0).
    seconds_to_candidates
        ``(n, c)`` travel times to the ``c`` candidate sites.
    threshold_s
        A demand point is covered by a site within this time (inclusive).
    """
    pop = np.asarray(population, dtype=np.int64)
    existing = np.asarray(seconds_to_existing, dtype=np.float64).reshape(pop.shape[0], -1)
    candidates = np.asarray(seconds_to_candidates, dtype=np.float64).reshape(pop.shape[0], -1)
    covered = nearest_seconds(existing) <= threshold_s
    within = candidates <= threshold_s
    covers = tuple(np.flatnonzero(within[:, j]).astype(np.intp) for j in range(within.shape[1]))
    return CoverageInstance(population=pop, covered=covered, covers=covers)


@dataclass(frozen=True)
class Solution:
    """Chosen candidates (indices), each with its gain, in decreasing order of gain.

    ``optimal`` is True when the method proved the answer optimal; ``bound`` is the best proven
    upper bound on the newly covered population (None for the greedy method).
    """

    method: str
    sites: tuple[int, ...]
    gains: tuple[int, ...]
    newly_covered: int
    optimal: bool
    bound: int | None
    seconds: float


def order_by_gain(instance: CoverageInstance, sites: Sequence[int]) -> tuple[list[int], list[int]]:
    """Order ``sites`` by marginal gain (largest first); the gains sum to their total gain."""
    left = list(sites)
    covered = instance.covered.copy()
    order: list[int] = []
    gains: list[int] = []
    while left:
        best_j, best_gain = left[0], -1
        for j in left:
            cover = instance.covers[j]
            gain = int(instance.population[cover][~covered[cover]].sum())
            if gain > best_gain or (gain == best_gain and j < best_j):
                best_j, best_gain = j, gain
        order.append(best_j)
        gains.append(best_gain)
        covered[instance.covers[best_j]] = True
        left.remove(best_j)
    return order, gains


def solve_greedy(instance: CoverageInstance, k: int) -> Solution:
    """Open ``k`` sites one at a time, each with the largest marginal gain (ties: lower index).

    Stops early when no candidate adds anyone.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    started = time.perf_counter()
    covered = instance.covered.copy()
    pop = instance.population
    chosen: list[int] = []
    gains: list[int] = []
    for _round in range(min(k, instance.n_candidates)):
        best_j, best_gain = -1, 0
        for j, cover in enumerate(instance.covers):
            if j in chosen or cover.size == 0:
                continue
            gain = int(pop[cover][~covered[cover]].sum())
            if gain > best_gain:
                best_j, best_gain = j, gain
        if best_j < 0:
            break
        chosen.append(best_j)
        gains.append(best_gain)
        covered[instance.covers[best_j]] = True
    return Solution(
        method="greedy",
        sites=tuple(chosen),
        gains=tuple(gains),
        newly_covered=sum(gains),
        optimal=False,
        bound=None,
        seconds=time.perf_counter() - started,
    )


def solve_exact(
    instance: CoverageInstance,
    k: int,
    *,
    time_limit_s: float = 10.0,
    workers: int = 1,
    seed: int = 0,
    hint_greedy: bool = True,
) -> Solution:
    """Maximal covering location with OR-Tools CP-SAT.

    Model: ``x_j`` (open candidate ``j``), ``y_g`` (demand group ``g`` newly covered);
    maximise ``Σ pop_g · y_g`` subject to ``Σ x_j ≤ k`` and ``y_g ⇒ OR_{j covers g} x_j``.
    Demand points already covered, or that no candidate reaches, are left out; points covered
    by exactly the same candidates are merged into one group (their populations added), which
    keeps the model small. The greedy answer is given as a hint.

    Returns the optimum when CP-SAT proves it within ``time_limit_s`` (``optimal=True``), else
    the best solution found with the proven ``bound``. ``workers=1`` with a fixed ``seed`` gives
    the same answer on every run.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    started = time.perf_counter()
    uncovered = ~instance.covered
    groups: dict[tuple[int, ...], int] = {}
    by_point: dict[int, list[int]] = {}
    for j, cover in enumerate(instance.covers):
        for i in cover[uncovered[cover]]:
            by_point.setdefault(int(i), []).append(j)
    for i, candidates in by_point.items():
        key = tuple(candidates)
        groups[key] = groups.get(key, 0) + int(instance.population[i])

    greedy = set(solve_greedy(instance, k).sites) if hint_greedy else set()
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(instance.n_candidates)]
    objective = []
    for g, (group, population) in enumerate(groups.items()):
        if population == 0:
            continue
        y = model.new_bool_var(f"y{g}")
        # y_g → at least one of its candidates is open.
        model.add_bool_or([x[j] for j in group]).only_enforce_if(y)
        objective.append(population * y)
        if hint_greedy:
            model.add_hint(y, any(j in greedy for j in group))
    model.add(sum(x) <= k)
    model.maximize(sum(objective))
    if hint_greedy:
        for j, var in enumerate(x):
            model.add_hint(var, j in greedy)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # The LP relaxation of coverage constraints is what proves optimality quickly: with the
    # default level a single worker stalls on the bound (0.3 s instead of > 20 s on 874 communes).
    solver.parameters.linearization_level = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no solution ({solver.status_name(status)})")
    opened = [j for j, var in enumerate(x) if solver.boolean_value(var)]
    order, gains = order_by_gain(instance, opened)
    # Drop sites that add nobody (the solver may open them: they cost nothing in the model).
    kept = [(j, g) for j, g in zip(order, gains, strict=True) if g > 0]
    return Solution(
        method="cp-sat",
        sites=tuple(j for j, _g in kept),
        gains=tuple(g for _j, g in kept),
        newly_covered=sum(g for _j, g in kept),
        optimal=status == cp_model.OPTIMAL,
        bound=int(round(solver.best_objective_bound)),
        seconds=time.perf_counter() - started,
    )
