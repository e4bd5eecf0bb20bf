"""Independent feasibility checker and cost evaluator of a plan.

Written apart from the solver on purpose: it trusts nothing but the problem and the times the
plan reports, walks every route stop by stop and lists every broken rule. The tests run it on
every result the solver returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan, Problem, Route

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Violation:
    """One broken rule; ``kind`` is one of :data:`KINDS`."""

    kind: str
    message: str


KINDS = (
    "vehicle",  # route for an unknown vehicle, or two routes for one vehicle
    "travel",  # a stop starts before the vehicle can be there
    "window",  # service starts outside the stop's time window
    "shift",  # departure or return outside the vehicle's shift
    "duration",  # route longer than the vehicle's maximum duration
    "capacity",  # more seated passengers than seats
    "wheelchair",  # more wheelchairs than wheelchair places
    "precedence",  # drop-off before pick-up, on another vehicle, or pick-up without drop-off
    "ride_time",  # a passenger rides longer than allowed
    "missing",  # a request neither served nor reported unserved
    "duplicate",  # a request served twice, or both served and reported unserved
)


@dataclass(frozen=True)
class Report:
    """What :func:`check` found: the violations and the plan's total distance."""

    violations: tuple[Violation, ...]
    cost: float
    served: int

    @property
    def feasible(self) -> bool:
        return not self.violations

    def kinds(self) -> set[str]:
        return {v.kind for v in self.violations}


def check(problem: Problem, plan: Plan) -> Report:
    """Check every constraint of ``plan`` and compute its cost.

    Parameters
    ----------
    problem
        The instance the plan answers.
    plan
        Routes with reported service start times, depot departure and return times, and the
        requests reported unserved.

    Returns
    -------
    Report
        The violations (empty when the plan is feasible), the total distance and the number of
        requests served.
    """
    found: list[Violation] = []
    seen_vehicles: set[int] = set()
    served: dict[int, int] = {}
    cost = 0.0
    for route in plan.routes:
        if not 0 <= route.vehicle < problem.num_vehicles or route.vehicle in seen_vehicles:
            found.append(Violation("vehicle", f"route for vehicle {route.vehicle}"))
            continue
        seen_vehicles.add(route.vehicle)
        if not route.stops:
            continue
        cost += _check_route(problem, route, found)
        for stop in route.stops:
            if stop.pickup:
                if stop.request in served:
                    found.append(Violation("duplicate", f"request {stop.request} served twice"))
                served[stop.request] = route.vehicle
    for item in plan.unserved:
        if item.request in served:
            found.append(
                Violation("duplicate", f"request {item.request} served and reported unserved")
            )
    reported = {item.request for item in plan.unserved} | set(served)
    for request in range(problem.num_requests):
        if request not in reported:
            found.append(Violation("missing", f"request {request} neither served nor reported"))
    return Report(tuple(found), cost, len(served))


def _check_route(problem: Problem, route: Route, found: list[Violation]) -> float:
    """Walk one route; append its violations to ``found`` and return its distance."""
    vehicle = problem.vehicles[route.vehicle]
    tag = f"vehicle {route.vehicle}"
    if route.departure < vehicle.shift[0] - TOLERANCE:
        found.append(Violation("shift", f"{tag} leaves at {route.departure} before its shift"))
    if route.arrival > vehicle.shift[1] + TOLERANCE:
        found.append(Violation("shift", f"{tag} returns at {route.arrival} after its shift"))
    if route.arrival - route.departure > vehicle.max_duration + TOLERANCE:
        found.append(
            Violation(
                "duration",
                f"{tag} route lasts {route.arrival - route.departure:.3f} > {vehicle.max_duration}",
            )
        )
    place = vehicle.start_depot
    ready = route.departure  # when the vehicle can leave its current place
    distance = 0.0
    seats = chairs = 0
    picked: dict[int, float] = {}  # request -> end of pick-up service
    dropped: set[int] = set()
    for stop in route.stops:
        if not 0 <= stop.request < problem.num_requests:
            found.append(Violation("vehicle", f"{tag} visits unknown request {stop.request}"))
            continue
        request = problem.requests[stop.request]
        here = request.pickup if stop.pickup else request.dropoff
        window = request.pickup_window if stop.pickup else request.dropoff_window
        service = request.pickup_service if stop.pickup else request.dropoff_service
        what = f"{tag} {'pick-up' if stop.pickup else 'drop-off'} of request {stop.request}"
        distance += float(problem.distance[place, here])
        earliest = ready + float(problem.duration[place, here])
        if stop.time < earliest - TOLERANCE:
            found.append(Violation("travel", f"{what} at {stop.time} but reachable at {earliest}"))
        if not window[0] - TOLERANCE <= stop.time <= window[1] + TOLERANCE:
            found.append(Violation("window", f"{what} at {stop.time} outside {window}"))
        if stop.pickup:
            if stop.request in picked:
                found.append(Violation("duplicate", f"{what} twice"))
            picked[stop.request] = stop.time + service
            seats += request.load
            chairs += request.wheelchair
        else:
            if stop.request not in picked:
                found.append(Violation("precedence", f"{what} before its pick-up"))
            elif stop.request in dropped:
                found.append(Violation("duplicate", f"{what} twice"))
            else:
                ride = stop.time - picked[stop.request]
                if ride > request.max_ride_time + TOLERANCE:
                    found.append(
                        Violation(
                            "ride_time",
                            f"{what}: ride {ride:.3f} > {request.max_ride_time}",
                        )
                    )
                seats -= request.load
                chairs -= request.wheelchair
            dropped.add(stop.request)
        if seats > vehicle.seats:
            found.append(Violation("capacity", f"{what}: {seats} seated > {vehicle.seats}"))
        if chairs > vehicle.wheelchair_places:
            found.append(
                Violation(
                    "wheelchair",
                    f"{what}: {chairs} wheelchairs > {vehicle.wheelchair_places}",
                )
            )
        place = here
        ready = stop.time + service
    for left in sorted(set(picked) - dropped):
        found.append(Violation("precedence", f"{tag} never drops off request {left}"))
    distance += float(problem.distance[place, vehicle.end_depot])
    back = ready + float(problem.duration[place, vehicle.end_depot])
    if route.arrival < back - TOLERANCE:
        found.append(Violation("travel", f"{tag} returns at {route.arrival}, reachable at {back}"))
    return distance
