"""The ALNS solver: optimal on tiny instances, feasible and reproducible on a benchmark."""

from __future__ import annotations

import csv
import itertools
import math

import numpy as np
import pytest

from smartvillage.optim.darp import Plan, Problem, Request, Vehicle, check, read_cordeau, solve

from .conftest import DATA, assert_feasible, make_problem, schedule


def brute_force_optimum(problem: Problem) -> float:
    """Least distance over every assignment and every stop order (LP-scheduled)."""
    n, nveh = problem.num_requests, problem.num_vehicles
    best = math.inf
    cache: dict[tuple[int, tuple[int, ...]], float] = {}

    def best_route(vehicle: int, requests: tuple[int, ...]) -> float:
        key = (vehicle, requests)
        if key not in cache:
            value = 0.0 if not requests else math.inf
            stops = [(r, p) for r in requests for p in (True, False)]
            for order in itertools.permutations(stops):
                where = {s: x for x, s in enumerate(order)}
                if any(where[r, True] > where[r, False] for r in requests):
                    continue
                route = schedule(problem, vehicle, list(order))
                if route is not None and check(problem, Plan((route,))).kinds() <= {"missing"}:
                    value = min(value, check(problem, Plan((route,))).cost)
            cache[key] = value
        return cache[key]

    for assignment in itertools.product(range(nveh), repeat=n):
        total = 0.0
        for k in range(nveh):
            mine = tuple(r for r in range(n) if assignment[r] == k)
            total += best_route(k, mine)
        best = min(best, total)
    return best


def tiny_problem(seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    points = [(0.0, 0.0)] + [tuple(rng.uniform(-10, 10, 2)) for _ in range(6)]
    requests = []
    for r in range(3):
        start = float(rng.uniform(0, 40))
        direct = float(np.hypot(*np.subtract(points[1 + r], points[4 + r])))
        tight_pickup = r % 2 == 0
        requests.append(
            Request(
                1 + r,
                4 + r,
                pickup_window=(start, start + 15) if tight_pickup else (0, 500),
                dropoff_window=(0, 500) if tight_pickup else (start + direct, start + direct + 15),
                pickup_service=2,
                dropoff_service=2,
                max_ride_time=direct + 12,
            )
        )
    vehicles = [Vehicle(seats=2, shift=(0, 500), max_duration=150) for _ in range(2)]
    return make_problem(points, requests, vehicles)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_finds_the_optimum_of_tiny_instances(seed: int) -> None:
    problem = tiny_problem(seed)
    result = solve(problem, time_limit=30, seed=0, max_iterations=300)
    assert result.all_served
    assert assert_feasible(problem, result.plan) == pytest.approx(result.cost)
    assert result.cost == pytest.approx(brute_force_optimum(problem), abs=1e-6)


def bks(name: str) -> float:
    with open(DATA / "bks.csv") as handle:
        return next(float(row["bks"]) for row in csv.DictReader(handle) if row["instance"] == name)


@pytest.mark.parametrize("name", ["a2-16", "a3-24"])
def test_it_serves_every_request_of_a_benchmark_feasibly(name: str) -> None:
    problem = read_cordeau(DATA / f"{name}.txt").problem
    result = solve(problem, time_limit=60, seed=1, max_iterations=1500)
    assert result.all_served
    assert assert_feasible(problem, result.plan) == pytest.approx(result.cost)
    assert result.cost <= bks(name) * 1.03  # literature-grade method: a few % at most


def test_same_seed_and_budget_give_the_same_plan() -> None:
    problem = read_cordeau(DATA / "a2-20.txt").problem
    first = solve(problem, time_limit=60, seed=5, max_iterations=400)
    second = solve(problem, time_limit=60, seed=5, max_iterations=400)
    assert first.plan == second.plan
    assert first.cost == second.cost
    assert first.iterations == second.iterations == 400


def test_it_honours_the_time_limit() -> None:
    problem = read_cordeau(DATA / "a3-24.txt").problem
    result = solve(problem, time_limit=0.5, seed=0)
    assert result.seconds < 2.0
    assert_feasible(problem, result.plan)


POINTS = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (0.0, 5.0), (0.0, 10.0), (3.0, 3.0), (6.0, 6.0)]
CAR = Vehicle(seats=4, shift=(0, 200), name="car")
MINIBUS = Vehicle(seats=8, wheelchair_places=1, shift=(0, 200), name="minibus")


def test_wheelchair_user_rides_the_minibus() -> None:
    requests = [
        Request(1, 2, load=0, wheelchair=1),
        Request(3, 4, load=6),  # only the minibus has six seats
        Request(5, 6),
    ]
    problem = make_problem(POINTS, requests, [CAR, MINIBUS])
    result = solve(problem, time_limit=30, seed=0, max_iterations=100)
    assert result.all_served
    assert_feasible(problem, result.plan)
    assert result.plan.route_of(0) == 1
    assert result.plan.route_of(1) == 1


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (Request(1, 2, load=0, wheelchair=1), "no vehicle has a wheelchair place"),
        (Request(1, 2, load=5), "load exceeds every vehicle's seats"),
        (Request(1, 2, pickup_window=(0, 1)), "time window unreachable"),
        (Request(1, 2, max_ride_time=2), "shorter than the direct trip"),
    ],
)
def test_it_reports_a_request_no_vehicle_can_serve(bad: Request, reason: str) -> None:
    problem = make_problem(POINTS, [Request(3, 4), bad], [CAR, CAR])
    result = solve(problem, time_limit=30, seed=0, max_iterations=50)
    assert [u.request for u in result.unserved] == [1]
    assert reason in result.unserved[0].reason
    assert_feasible(problem, result.plan)


def test_it_reports_requests_that_clash_in_time() -> None:
    # Two trips at the same minute in opposite directions, one vehicle: one must be refused.
    requests = [
        Request(2, 1, pickup_window=(20, 21), max_ride_time=10),
        Request(4, 3, pickup_window=(20, 21), max_ride_time=10),
    ]
    problem = make_problem(POINTS, requests, [CAR])
    result = solve(problem, time_limit=30, seed=0, max_iterations=50)
    assert len(result.unserved) == 1
    assert "busy" in result.unserved[0].reason
    assert check(problem, result.plan).feasible


def test_vehicles_from_different_depots_and_an_idle_one() -> None:
    points = [(0.0, 0.0), (100.0, 0.0), (1.0, 1.0), (2.0, 2.0), (99.0, 1.0), (98.0, 2.0)]
    requests = [Request(2, 3), Request(4, 5)]
    vehicles = [
        Vehicle(seats=2, start_depot=0, end_depot=0, name="west"),
        Vehicle(seats=2, start_depot=1, end_depot=1, name="east"),
        Vehicle(seats=2, start_depot=0, end_depot=1, name="idle"),
    ]
    problem = make_problem(points, requests, vehicles)
    result = solve(problem, time_limit=30, seed=0, max_iterations=50)
    cost = assert_feasible(problem, result.plan)
    assert cost == pytest.approx(result.cost)
    assert result.plan.route_of(0) == 0
    assert result.plan.route_of(1) == 1
    assert result.plan.routes[2].stops == ()
