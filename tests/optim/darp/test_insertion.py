"""Booking-time insertion and cancellation on an existing plan."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from smartvillage.optim.darp import (
    Plan,
    Problem,
    Request,
    Route,
    Stop,
    Unserved,
    Vehicle,
    check,
    insert_request,
    read_cordeau,
    remove_request,
    solve,
)

from .conftest import DATA, assert_feasible, make_problem, schedule


@pytest.fixture(scope="module")
def solved() -> tuple[Problem, Plan]:
    problem = read_cordeau(DATA / "a2-16.txt").problem
    return problem, solve(problem, time_limit=60, seed=3, max_iterations=300).plan


def brute_force(problem: Problem, plan: Plan, request: int) -> float:
    """Least added distance over every vehicle and pair of positions, scheduled by LP."""
    best = math.inf
    for route in plan.routes:
        before = check(problem, Plan((route,))).cost
        stops = [(s.request, s.pickup) for s in route.stops]
        for i in range(len(stops) + 1):
            for j in range(i, len(stops) + 1):
                order = stops[:i] + [(request, True)] + stops[i:j] + [(request, False)] + stops[j:]
                new = schedule(problem, route.vehicle, order)
                if new is None:
                    continue
                report = check(problem, Plan((new,)))
                if report.kinds() <= {"missing", "vehicle"}:
                    best = min(best, report.cost - before)
    return best


def with_new_request(problem: Problem, request: Request) -> Problem:
    return replace(problem, requests=(*problem.requests, request))


def test_it_inserts_at_the_cheapest_feasible_place(solved: tuple[Problem, Plan]) -> None:
    base, plan = solved
    rng = np.random.default_rng(11)
    accepted = rejected = 0
    for _ in range(12):
        pickup, dropoff = (int(x) for x in rng.choice(np.arange(1, 33), 2, replace=False))
        start = float(rng.uniform(0, 420))
        tight = (start, start + 15)
        request = Request(
            pickup,
            dropoff,
            pickup_window=tight if rng.random() < 0.5 else (0, 1440),
            dropoff_window=(0, 1440) if rng.random() < 0.5 else tight,
            pickup_service=3,
            dropoff_service=3,
            max_ride_time=30,
        )
        problem = with_new_request(base, request)
        old = replace(plan, unserved=(Unserved(16, "new"),))
        expected = brute_force(problem, old, 16)
        answer = insert_request(problem, old, 16)
        if math.isinf(expected):
            assert not answer
            rejected += 1
            continue
        accepted += 1
        assert answer
        assert answer.added_distance == pytest.approx(expected, abs=1e-6)
        cost = assert_feasible(problem, answer.plan)
        assert cost == pytest.approx(check(base, plan).cost + expected, abs=1e-6)
        stops = {(s.request, s.pickup): s.time for s in answer.plan.routes[answer.vehicle].stops}
        assert stops[16, True] == answer.pickup_time
        assert stops[16, False] == answer.dropoff_time
    assert accepted >= 3
    assert rejected >= 1


POINTS = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (0.0, 5.0), (0.0, 10.0)]
CAR = Vehicle(seats=4, shift=(0, 200))


def test_it_rejects_a_clashing_request_with_a_reason() -> None:
    requests = [
        Request(2, 1, pickup_window=(20, 21), max_ride_time=10),
        Request(4, 3, pickup_window=(20, 21), max_ride_time=10),
    ]
    problem = make_problem(POINTS, requests, [CAR])
    route = schedule(problem, 0, [(0, True), (0, False)])
    assert route is not None
    answer = insert_request(problem, Plan((route,)), 1)
    assert not answer
    assert "busy" in answer.reason


def test_it_rejects_a_wheelchair_user_without_wheelchair_places() -> None:
    problem = make_problem(POINTS, [Request(1, 2, load=0, wheelchair=1)], [CAR])
    answer = insert_request(problem, Plan.empty(problem), 0)
    assert not answer
    assert "wheelchair" in answer.reason


def test_it_refuses_a_request_already_planned(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    with pytest.raises(ValueError, match="already"):
        insert_request(problem, plan, 0)


def test_cancelling_keeps_the_plan_feasible(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    full = check(problem, plan).cost
    for request in range(problem.num_requests):
        smaller = remove_request(problem, plan, request)
        cost = assert_feasible(problem, smaller)
        assert cost <= full + 1e-9
        assert smaller.route_of(request) is None
        assert Unserved(request, "cancelled") in smaller.unserved
        kept = {(s.request, s.pickup): s.time for r in smaller.routes for s in r.stops}
        before = {(s.request, s.pickup): s.time for r in plan.routes for s in r.stops}
        assert all(before[key] == time for key, time in kept.items())


def test_cancel_then_insert_round_trip(solved: tuple[Problem, Plan]) -> None:
    problem, plan = solved
    smaller = remove_request(problem, plan, 5)
    answer = insert_request(problem, smaller, 5)
    assert answer
    assert assert_feasible(problem, answer.plan) <= check(problem, plan).cost + 1e-6


def test_cancelling_the_only_request_idles_the_vehicle() -> None:
    problem = make_problem(POINTS, [Request(1, 2)], [CAR])
    plan = Plan((Route(0, (Stop(0, True, 5), Stop(0, False, 10)), 0, 20),))
    smaller = remove_request(problem, plan, 0)
    assert smaller.routes[0].stops == ()
    assert check(problem, smaller).feasible


def test_it_stays_exact_when_travel_times_break_the_triangle_inequality() -> None:
    # Asymmetric random times without the triangle inequality switch the prefilters off.
    rng = np.random.default_rng(5)
    size = 13
    times = rng.uniform(1, 30, (size, size))
    np.fill_diagonal(times, 0)
    distance = rng.uniform(1, 30, (size, size))
    np.fill_diagonal(distance, 0)
    requests = [
        Request(
            1 + r,
            7 + r,
            pickup_window=(float(10 * r), float(10 * r + 40)),
            max_ride_time=60,
            pickup_service=1,
            dropoff_service=1,
        )
        for r in range(6)
    ]
    vehicles = [Vehicle(seats=2, shift=(0, 300), max_duration=250) for _ in range(2)]
    problem = Problem(tuple(requests), tuple(vehicles), times, distance)
    assert not problem.is_metric
    result = solve(problem, time_limit=30, seed=0, max_iterations=100)
    assert_feasible(problem, result.plan)
    served = [r for r in range(6) if result.plan.route_of(r) is not None]
    for request in served[:3]:
        smaller = remove_request(problem, result.plan, request)
        expected = brute_force(problem, smaller, request)
        answer = insert_request(problem, smaller, request)
        assert answer
        assert answer.added_distance == pytest.approx(expected, abs=1e-6)
        assert_feasible(problem, answer.plan)
