"""The independent checker flags each kind of broken rule on hand-built plans."""

from __future__ import annotations

from dataclasses import replace

import pytest

from smartvillage.optim.darp import Plan, Problem, Request, Route, Stop, Unserved, Vehicle, check

from .conftest import make_problem

POINTS = [(0.0, 0.0), (10.0, 0.0), (20.0, 0.0), (30.0, 0.0)]
R0 = Request(1, 2, pickup_window=(10, 20), pickup_service=1, dropoff_service=1, max_ride_time=15)
R1 = Request(2, 3, pickup_service=1, dropoff_service=1, load=2, max_ride_time=100)
CAR = Vehicle(seats=3, shift=(0, 200), max_duration=100)


def problem(r0: Request = R0, r1: Request = R1, vehicle: Vehicle = CAR) -> Problem:
    return make_problem(POINTS, [r0, r1], [vehicle])


def route(*stops: tuple[int, bool, float], departure: float = 0.0) -> Route:
    stop_list = tuple(Stop(r, p, t) for r, p, t in stops)
    last = stop_list[-1]
    arrival = last.time + 1 + {1: 10, 2: 20, 3: 30}[3 if last.request == 1 else 2]
    return Route(0, stop_list, departure, arrival)


# Depart 0, pick up 0 at 10, drop it at 21, pick up 1 at 22, drop it at 33, back at 64.
GOOD = route((0, True, 10), (0, False, 21), (1, True, 22), (1, False, 33))


def test_it_accepts_a_feasible_plan_and_computes_its_distance() -> None:
    report = check(problem(), Plan((GOOD,)))
    assert report.violations == ()
    assert report.cost == pytest.approx(60.0)
    assert report.served == 2


def test_it_counts_no_distance_for_an_idle_vehicle() -> None:
    two = make_problem(POINTS, [R0, R1], [CAR, CAR])
    assert check(two, Plan((GOOD, Route(1)))).cost == pytest.approx(60.0)


@pytest.mark.parametrize(
    ("kind", "the_problem", "plan"),
    [
        (
            "window",
            problem(),
            Plan((route((0, True, 25), (0, False, 36), (1, True, 37), (1, False, 48)),)),
        ),
        (
            "ride_time",
            problem(),
            Plan((route((0, True, 10), (0, False, 30), (1, True, 31), (1, False, 42)),)),
        ),
        (
            "capacity",
            problem(vehicle=replace(CAR, seats=2)),
            Plan((route((0, True, 10), (1, True, 21), (0, False, 22), (1, False, 33)),)),
        ),
        ("wheelchair", problem(r0=replace(R0, load=0, wheelchair=1)), Plan((GOOD,))),
        ("duration", problem(vehicle=replace(CAR, max_duration=50)), Plan((GOOD,))),
        (
            "precedence",
            problem(),
            Plan((route((0, True, 10), (0, False, 21), (1, False, 32), (1, True, 43)),)),
        ),
        (
            "missing",
            problem(),
            Plan((Route(0, (Stop(0, True, 10), Stop(0, False, 21)), 0, 42),)),
        ),
        (
            "travel",
            problem(),
            Plan((route((0, True, 10), (0, False, 15), (1, True, 22), (1, False, 33)),)),
        ),
        ("shift", problem(vehicle=replace(CAR, shift=(5, 200))), Plan((GOOD,))),
        ("duplicate", problem(), Plan((GOOD,), (Unserved(0, "no room"),))),
        ("vehicle", problem(), Plan((replace(GOOD, vehicle=3),))),
    ],
)
def test_it_flags_each_broken_rule(kind: str, the_problem: Problem, plan: Plan) -> None:
    report = check(the_problem, plan)
    assert not report.feasible
    assert kind in report.kinds()
    # "missing" also follows from a route the checker cannot read; the others come alone.
    if kind != "vehicle":
        assert report.kinds() == {kind}


def test_it_flags_a_request_split_over_two_vehicles() -> None:
    two = make_problem(POINTS, [R0, R1], [CAR, CAR])
    first = Route(0, (Stop(0, True, 10), Stop(1, True, 21), Stop(1, False, 32)), 0, 63)
    second = Route(1, (Stop(0, False, 25),), 0, 46)
    assert check(two, Plan((first, second))).kinds() == {"precedence"}


def test_it_accepts_a_request_reported_unserved() -> None:
    plan = Plan((Route(0, (Stop(0, True, 10), Stop(0, False, 21)), 0, 42),), (Unserved(1, "x"),))
    report = check(problem(), plan)
    assert report.feasible
    assert report.served == 1
