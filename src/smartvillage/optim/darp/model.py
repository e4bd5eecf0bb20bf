"""Problem and solution model of the dial-a-ride problem (plain frozen dataclasses).

Places are integer *locations*: indices into the problem's travel-time and distance matrices.
Times are in the unit of the travel-time matrix (minutes for Cordeau's instances, seconds for
the travel-time providers of :mod:`smartvillage.optim.traveltime`), distances in the unit of the
distance matrix; the objective is the total distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

INF = math.inf

FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Request:
    """One trip asked for by a resident.

    Parameters
    ----------
    pickup, dropoff
        Locations (matrix indices) of the pick-up and the drop-off.
    pickup_window, dropoff_window
        ``(earliest, latest)`` start of service at the pick-up and at the drop-off. Give a tight
        window on either or both; the default is open.
    pickup_service, dropoff_service
        Service durations (boarding, alighting).
    load
        Seats taken (the passenger and companions who sit).
    wheelchair
        Wheelchair places taken; a wheelchair user does not take a seat.
    max_ride_time
        Longest allowed ride: drop-off service start minus pick-up service end.
    name
        Free label kept for the caller.
    """

    pickup: int
    dropoff: int
    pickup_window: tuple[float, float] = (0.0, INF)
    dropoff_window: tuple[float, float] = (0.0, INF)
    pickup_service: float = 0.0
    dropoff_service: float = 0.0
    load: int = 1
    wheelchair: int = 0
    max_ride_time: float = INF
    name: str = ""

    def __post_init__(self) -> None:
        for label, (early, late) in (
            ("pickup_window", self.pickup_window),
            ("dropoff_window", self.dropoff_window),
        ):
            if not early <= late:
                raise ValueError(f"{label} {early, late}: earliest is after latest")
        if self.load < 0 or self.wheelchair < 0 or self.load + self.wheelchair == 0:
            raise ValueError("a request takes at least one seat or wheelchair place")
        if self.pickup_service < 0 or self.dropoff_service < 0 or self.max_ride_time < 0:
            raise ValueError("service durations and max_ride_time must not be negative")


@dataclass(frozen=True)
class Vehicle:
    """One vehicle and its driver's shift.

    Parameters
    ----------
    seats, wheelchair_places
        Capacities, checked separately (a 4-seat car has no wheelchair place; a minibus may have
        eight seats and one wheelchair place).
    start_depot, end_depot
        Locations where the shift starts and ends.
    shift
        ``(earliest departure, latest return)``.
    max_duration
        Longest route: return time minus departure time.
    name
        Free label kept for the caller.
    """

    seats: int
    wheelchair_places: int = 0
    start_depot: int = 0
    end_depot: int = 0
    shift: tuple[float, float] = (0.0, INF)
    max_duration: float = INF
    name: str = ""

    def __post_init__(self) -> None:
        if self.seats < 0 or self.wheelchair_places < 0:
            raise ValueError("capacities must not be negative")
        if not self.shift[0] <= self.shift[1]:
            raise ValueError(f"shift {self.shift}: start is after end")
        if self.max_duration < 0:
            raise ValueError("max_duration must not be negative")


@dataclass(frozen=True, eq=False)
class Problem:
    """A dial-a-ride instance: requests, vehicles and the two matrices.

    ``duration[a, b]`` is the travel time and ``distance[a, b]`` the distance from location ``a``
    to ``b``; the objective is the total distance driven. The matrices are copied read-only.
    """

    requests: tuple[Request, ...]
    vehicles: tuple[Vehicle, ...]
    duration: FloatMatrix
    distance: FloatMatrix
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "requests", tuple(self.requests))
        object.__setattr__(self, "vehicles", tuple(self.vehicles))
        for label in ("duration", "distance"):
            matrix = np.array(getattr(self, label), dtype=np.float64)
            if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
                raise ValueError(f"{label} must be a square matrix")
            if not np.all(np.isfinite(matrix)) or np.any(matrix < 0):
                raise ValueError(f"{label} must hold finite, non-negative values")
            matrix.setflags(write=False)
            object.__setattr__(self, label, matrix)
        if self.duration.shape != self.distance.shape:
            raise ValueError("duration and distance matrices differ in shape")
        size = self.duration.shape[0]
        places = [loc for r in self.requests for loc in (r.pickup, r.dropoff)]
        places += [loc for v in self.vehicles for loc in (v.start_depot, v.end_depot)]
        bad = [loc for loc in places if not 0 <= loc < size]
        if bad:
            raise ValueError(f"location {bad[0]} outside the {size}x{size} matrices")

    @property
    def num_requests(self) -> int:
        return len(self.requests)

    @property
    def num_vehicles(self) -> int:
        return len(self.vehicles)

    @cached_property
    def is_metric(self) -> bool:
        """Whether travel times obey the triangle inequality (enables the fast prefilters)."""
        from ._kernels import satisfies_triangle

        return bool(satisfies_triangle(np.ascontiguousarray(self.duration)))


@dataclass(frozen=True)
class Stop:
    """A pick-up (``pickup=True``) or drop-off of ``request`` with its service start ``time``."""

    request: int
    pickup: bool
    time: float


@dataclass(frozen=True)
class Route:
    """The stops of one vehicle, with the depot departure and return times.

    An unused vehicle has no stops; its departure and arrival are then meaningless.
    """

    vehicle: int
    stops: tuple[Stop, ...] = ()
    departure: float = 0.0
    arrival: float = 0.0


@dataclass(frozen=True)
class Unserved:
    """A request left out of the plan, with the reason when it is clear."""

    request: int
    reason: str


@dataclass(frozen=True)
class Plan:
    """Routes (one per vehicle, ``routes[k].vehicle == k``) and the unserved requests."""

    routes: tuple[Route, ...]
    unserved: tuple[Unserved, ...] = field(default=())

    def route_of(self, request: int) -> int | None:
        """Index of the route serving ``request``, or ``None``."""
        for index, route in enumerate(self.routes):
            if any(stop.request == request for stop in route.stops):
                return index
        return None

    @staticmethod
    def empty(problem: Problem) -> Plan:
        """A plan with every vehicle idle and nothing unserved (yet)."""
        return Plan(tuple(Route(k) for k in range(problem.num_vehicles)))


def route_distance(problem: Problem, route: Route) -> float:
    """Distance driven on ``route``; an unused vehicle drives nothing."""
    if not route.stops:
        return 0.0
    vehicle = problem.vehicles[route.vehicle]
    places = [vehicle.start_depot]
    for stop in route.stops:
        request = problem.requests[stop.request]
        places.append(request.pickup if stop.pickup else request.dropoff)
    places.append(vehicle.end_depot)
    return float(sum(problem.distance[a, b] for a, b in zip(places, places[1:], strict=False)))


def plan_distance(problem: Problem, plan: Plan) -> float:
    """Total distance of ``plan``."""
    return sum(route_distance(problem, route) for route in plan.routes)
