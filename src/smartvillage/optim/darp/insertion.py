"""Booking-time operations on an existing plan: insert one request, cancel one request.

:func:`insert_request` answers a resident on the phone: the cheapest feasible place for a new
trip over every vehicle and pair of positions, with the proposed pick-up and drop-off times.
Other passengers of the chosen vehicle may see their times move, always inside their windows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from . import _kernels as kern
from ._arrays import State, arrays_of
from .check import Violation, _check_route
from .model import Plan, Problem, Route, Stop, Unserved
from .solver import request_compatibility

CANCELLED = "cancelled"


@dataclass(frozen=True)
class Insertion:
    """Where and when a new request goes; ``plan`` is the plan with it inserted."""

    request: int
    vehicle: int
    pickup_time: float
    dropoff_time: float
    added_distance: float
    plan: Plan

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True)
class Rejection:
    """Why a request cannot be inserted; falsy, so ``if insert_request(...)`` reads naturally."""

    request: int
    reason: str

    def __bool__(self) -> bool:
        return False


def insert_request(problem: Problem, plan: Plan, request: int) -> Insertion | Rejection:
    """Cheapest feasible insertion of ``request`` into ``plan``.

    Parameters
    ----------
    problem
        The instance, including the new request.
    plan
        A feasible plan that does not serve ``request`` yet (it may list it as unserved).
    request
        Index of the new request in ``problem.requests``.

    Returns
    -------
    Insertion or Rejection
        The least added distance over all vehicles and positions with the new plan and the
        proposed times, or the reason why no vehicle can take the request.
    """
    if not 0 <= request < problem.num_requests:
        raise ValueError(f"unknown request {request}")
    if plan.route_of(request) is not None:
        raise ValueError(f"request {request} is already in the plan")
    arrays = arrays_of(problem)
    compat, reason = request_compatibility(problem, arrays, request)
    if reason is not None:
        return Rejection(request, reason)
    state = State.of_plan(arrays, plan)
    best = (kern.INF, -1, -1, -1)
    for k in np.flatnonzero(compat):
        delta, i, j = state.best_insertion(request, int(k))
        if delta < best[0]:
            best = (delta, int(k), i, j)
    delta, vehicle, i, j = best
    if vehicle < 0:
        return Rejection(
            request, "no feasible position: the vehicles able to carry it are busy at that time"
        )
    state.insert(request, vehicle, i, j)
    route = state.to_route(vehicle)
    times = {(s.request, s.pickup): s.time for s in route.stops}
    routes = list(plan.routes)
    routes[vehicle] = route
    unserved = tuple(u for u in plan.unserved if u.request != request)
    return Insertion(
        request,
        vehicle,
        times[request, True],
        times[request, False],
        float(delta),
        Plan(tuple(routes), unserved),
    )


def remove_request(problem: Problem, plan: Plan, request: int) -> Plan:
    """Cancel ``request``: take it out of its route and keep the rest feasible.

    The other passengers keep their times when these stay valid (they usually do: leaving out
    a stop only shortens the route); otherwise the route is rescheduled. The request is then
    listed as unserved with the reason ``"cancelled"``.
    """
    index = plan.route_of(request)
    unserved = tuple(u for u in plan.unserved if u.request != request)
    unserved += (Unserved(request, CANCELLED),)
    if index is None:
        return replace(plan, unserved=unserved)
    old = plan.routes[index]
    stops = tuple(s for s in old.stops if s.request != request)
    route = _keep_times(problem, old, stops)
    if route is None:
        arrays = arrays_of(problem)
        state = State(arrays)
        if not state.set_route(index, [arrays.node(s) for s in stops]):
            raise ValueError("the route is infeasible without the request (non-metric times?)")
        route = state.to_route(index)
    routes = list(plan.routes)
    routes[index] = route
    return Plan(tuple(routes), unserved)


def _keep_times(problem: Problem, old: Route, stops: tuple[Stop, ...]) -> Route | None:
    """``stops`` at their old times with tightened depot times, or None if that is invalid."""
    if not stops:
        return Route(old.vehicle)
    vehicle = problem.vehicles[old.vehicle]
    first, last = problem.requests[stops[0].request], problem.requests[stops[-1].request]
    first_place = first.pickup  # a route always begins with a pick-up
    last_place = last.dropoff if not stops[-1].pickup else last.pickup
    departure = max(
        old.departure, stops[0].time - float(problem.duration[vehicle.start_depot, first_place])
    )
    arrival = (
        stops[-1].time
        + last.dropoff_service
        + float(problem.duration[last_place, vehicle.end_depot])
    )
    route = Route(old.vehicle, stops, departure, arrival)
    problems: list[Violation] = []
    _check_route(problem, route, problems)
    return route if not problems else None
