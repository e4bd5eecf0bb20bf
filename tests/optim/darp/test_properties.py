"""Property tests (hypothesis): every insertion and removal result passes the checker.

Random small instances (heterogeneous seats and wheelchair places, windows on either end,
ride-time limits, route durations) are filled request by request with ``insert_request``, then
emptied in a random order with ``remove_request``. After every step the independent checker
must find no violation other than the requests not placed yet.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from smartvillage.optim.darp import (
    Plan,
    Problem,
    Request,
    Unserved,
    Vehicle,
    check,
    insert_request,
    remove_request,
)

HORIZON = 600.0
coordinate = st.tuples(st.integers(0, 60), st.integers(0, 60))


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n_requests = draw(st.integers(1, 7))
    depot = draw(coordinate)
    points = [depot]
    requests = []
    for _ in range(n_requests):
        points += [draw(coordinate), draw(coordinate)]
        pickup, dropoff = len(points) - 2, len(points) - 1
        start = float(draw(st.integers(0, 400)))
        window = (start, start + draw(st.sampled_from([15.0, 30.0, 60.0])))
        tight_at_pickup = draw(st.booleans())
        wheelchair = draw(st.sampled_from([0, 0, 0, 1]))
        requests.append(
            Request(
                pickup,
                dropoff,
                pickup_window=window if tight_at_pickup else (0.0, math.inf),
                dropoff_window=(0.0, math.inf) if tight_at_pickup else window,
                pickup_service=draw(st.sampled_from([0.0, 2.0, 5.0])),
                dropoff_service=draw(st.sampled_from([0.0, 2.0])),
                load=0 if wheelchair else draw(st.integers(1, 3)),
                wheelchair=wheelchair,
                max_ride_time=draw(st.sampled_from([math.inf, 60.0, 90.0])),
            )
        )
    vehicles = [
        Vehicle(
            seats=draw(st.integers(1, 4)),
            wheelchair_places=draw(st.integers(0, 1)),
            shift=(0.0, HORIZON),
            max_duration=draw(st.sampled_from([math.inf, 300.0])),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    xy = np.array(points, dtype=float)
    matrix = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    return Problem(tuple(requests), tuple(vehicles), matrix, matrix)


def only_pending_missing(problem: Problem, plan: Plan, pending: set[int]) -> None:
    report = check(problem, plan)
    assert report.kinds() <= {"missing"}, report.violations
    placed = {stop.request for route in plan.routes for stop in route.stops}
    assert placed.isdisjoint(pending)
    assert report.served == len(placed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=problems(), data=st.data())
def test_every_insertion_and_removal_passes_the_checker(problem: Problem, data: st.DataObject):
    order = data.draw(st.permutations(range(len(problem.requests))), label="insertion order")
    plan = Plan.empty(problem)
    pending = set(order)
    for request in order:
        pending.discard(request)
        result = insert_request(problem, plan, request)
        event("inserted" if result else "rejected")
        if result:
            stops = {(s.request, s.pickup): s.time for r in result.plan.routes for s in r.stops}
            assert stops[request, True] == result.pickup_time
            assert stops[request, False] == result.dropoff_time
            plan = result.plan
        else:
            assert result.reason, "a rejection says why"
            plan = replace(plan, unserved=(*plan.unserved, Unserved(request, result.reason)))
        only_pending_missing(problem, plan, pending)
    assert check(problem, plan).violations == ()

    served = [s.request for r in plan.routes for s in r.stops if s.pickup]
    for request in data.draw(st.permutations(served), label="cancellation order"):
        before = check(problem, plan).cost
        plan = remove_request(problem, plan, request)
        report = check(problem, plan)
        assert report.violations == (), report.violations
        assert plan.route_of(request) is None
        assert report.cost <= before + 1e-6  # leaving out stops never lengthens a route
