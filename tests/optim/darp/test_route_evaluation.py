"""The solver's exact route evaluation agrees with linear programming on random routes."""

from __future__ import annotations

import numpy as np

from smartvillage.optim.darp import Plan, Request, Vehicle, check
from smartvillage.optim.darp._arrays import State, arrays_of

from .conftest import make_problem, schedule


def random_case(rng: np.random.Generator) -> tuple[object, list[tuple[int, bool]]]:
    n = int(rng.integers(2, 5))
    points = [(0.0, 0.0)] + [tuple(rng.uniform(-10, 10, 2)) for _ in range(2 * n)]
    requests = []
    for r in range(n):
        start = float(rng.uniform(0, 60))
        width = float(rng.choice([5.0, 15.0, 1000.0]))
        direct = float(np.hypot(*np.subtract(points[1 + r], points[1 + n + r])))
        tight_pickup = bool(rng.random() < 0.5)
        window = (start, start + width)
        late = (start + direct, start + direct + width)
        requests.append(
            Request(
                1 + r,
                1 + n + r,
                pickup_window=window if tight_pickup else (0, 1000),
                dropoff_window=(0, 1000) if tight_pickup else late,
                pickup_service=1,
                dropoff_service=1,
                max_ride_time=direct + float(rng.uniform(0, 20)),
            )
        )
    vehicle = Vehicle(seats=3, shift=(0, 1000), max_duration=float(rng.uniform(60, 200)))
    problem = make_problem(points, requests, [vehicle])
    order = list(rng.permutation(2 * n))
    stops: list[tuple[int, bool]] = []
    open_: set[int] = set()
    for x in order:  # turn a permutation into a sequence that respects pick-up before drop-off
        request = int(x) % n
        if request in open_:
            stops.append((request, False))
            open_.discard(request)
        elif (request, True) not in stops:
            stops.append((request, True))
            open_.add(request)
    stops += [(r, False) for r in sorted(open_)]
    return problem, stops


def test_route_evaluation_matches_linear_programming() -> None:
    rng = np.random.default_rng(7)
    outcomes = {True: 0, False: 0}
    for _ in range(400):
        problem, stops = random_case(rng)
        arrays = arrays_of(problem)
        state = State(arrays)
        nodes = [r if pickup else r + arrays.n for r, pickup in stops]
        ours = state.set_route(0, nodes)
        reference = schedule(problem, 0, stops)
        assert ours == (reference is not None), stops
        outcomes[ours] += 1
        if ours:
            plan = Plan((state.to_route(0),))
            assert check(problem, plan).violations == ()
    assert outcomes[True] >= 20
    assert outcomes[False] >= 20


def test_insertion_prefilters_never_discard_the_cheapest_feasible_place() -> None:
    """On a solved benchmark plan, the filtered search equals an exhaustive exact search."""
    from smartvillage.optim.darp import _kernels as kern
    from smartvillage.optim.darp import read_cordeau, solve

    from .conftest import DATA

    problem = read_cordeau(DATA / "a3-24.txt").problem
    plan = solve(problem, time_limit=60, seed=0, max_iterations=200).plan
    arrays = arrays_of(problem)
    assert arrays.metric
    full = State.of_plan(arrays, plan)
    pos = np.zeros(arrays.e.size, dtype=np.int64)
    found = 0
    for request in range(arrays.n):
        state = full.copy()
        state.remove(np.array([request]))
        for k in range(arrays.nveh):
            delta, _, _ = state.best_insertion(request, k)
            m = int(state.rlen[k])
            route = state.routes[k]
            nodes = np.zeros(m + 2, dtype=np.int64)
            times = np.zeros(m + 2)
            best = np.inf
            for i in range(m - 1):
                for j in range(i, m - 1):
                    kern.build(route, m, i, j, request, request + arrays.n, nodes)
                    if kern.earliest(
                        nodes, m + 2, k, arrays.tt, arrays.e, arrays.late, arrays.s,
                        arrays.ride, arrays.n, arrays.tmax, pos, times,
                    ):  # fmt: skip
                        cost = sum(arrays.dist[nodes[x], nodes[x + 1]] for x in range(m + 1))
                        best = min(best, cost - state.rcost[k])
            assert delta == best or abs(delta - best) < 1e-9
            found += best < np.inf
    assert found >= arrays.n  # every request fits back at least where it was
