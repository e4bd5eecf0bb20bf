"""Helpers for the DARP tests: small hand-made problems and an LP-based scheduler.

The LP scheduler (scipy's ``linprog``) decides whether a fixed stop sequence has feasible times.
It shares nothing with the solver's route evaluation, so brute-force tests built on it check the
solver independently.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from smartvillage.optim.darp import Plan, Problem, Request, Route, Stop, Vehicle, check

DATA = Path(__file__).parent / "data"


def euclidean(points: list[tuple[float, float]]) -> np.ndarray:
    xy = np.array(points, dtype=float)
    return np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))


def make_problem(
    points: list[tuple[float, float]],
    requests: list[Request],
    vehicles: list[Vehicle],
) -> Problem:
    matrix = euclidean(points)
    return Problem(tuple(requests), tuple(vehicles), matrix, matrix)


def schedule(problem: Problem, vehicle: int, stops: list[tuple[int, bool]]) -> Route | None:
    """Feasible times for ``stops`` on ``vehicle`` by linear programming, or None.

    Variables: departure, one service start per stop, return. Minimises the sum of the times
    (any feasible point would do; the checker validates the outcome).
    """
    veh = problem.vehicles[vehicle]
    if not stops:
        return Route(vehicle)
    places = [veh.start_depot]
    windows = [veh.shift]
    services = [0.0]
    for request, pickup in stops:
        req = problem.requests[request]
        places.append(req.pickup if pickup else req.dropoff)
        windows.append(req.pickup_window if pickup else req.dropoff_window)
        services.append(req.pickup_service if pickup else req.dropoff_service)
    places.append(veh.end_depot)
    windows.append(veh.shift)
    services.append(0.0)
    size = len(places)
    rows, rhs = [], []

    def leq(coefs: dict[int, float], bound: float) -> None:
        row = np.zeros(size)
        for index, value in coefs.items():
            row[index] += value
        rows.append(row)
        rhs.append(bound)

    for x in range(size - 1):  # B[x] + s + t <= B[x+1]
        travel = problem.duration[places[x], places[x + 1]]
        leq({x: 1.0, x + 1: -1.0}, -(services[x] + travel))
    where = {(r, p): x + 1 for x, (r, p) in enumerate(stops)}
    for (request, pickup), x in where.items():
        if pickup and (request, False) in where:
            limit = problem.requests[request].max_ride_time
            if math.isfinite(limit):
                leq({where[request, False]: 1.0, x: -1.0}, limit + services[x])
    if math.isfinite(veh.max_duration):
        leq({size - 1: 1.0, 0: -1.0}, veh.max_duration)
    bounds = [(w[0], w[1] if math.isfinite(w[1]) else None) for w in windows]
    result = linprog(np.ones(size), A_ub=np.array(rows), b_ub=np.array(rhs), bounds=bounds)
    if result.status != 0:
        return None
    times = result.x
    return Route(
        vehicle,
        tuple(Stop(r, p, float(times[x + 1])) for x, (r, p) in enumerate(stops)),
        float(times[0]),
        float(times[-1]),
    )


def assert_feasible(problem: Problem, plan: Plan) -> float:
    report = check(problem, plan)
    assert report.violations == ()
    return report.cost


@pytest.fixture
def data_dir() -> Path:
    return DATA
