"""Adapter between the ORM and the dial-a-ride engine (``smartvillage.optim.darp``).

ORM rows → optim dataclasses → engine → results written back. One *day model* holds the
runs (vehicles) and the live bookings (requests) of one service on one date:

- times are seconds since the local midnight of the date, measured in real (UTC) time so that
  a daylight-saving night does not shift the day;
- a booking's request window is the passenger's wish ("leave at 9:00" → pick-up between 9:00
  and 9:00 + the service's flexibility; "arrive by 11:00" → drop-off in the flexibility before
  11:00), narrowed for a confirmed booking to the pick-up window promised to the passenger: the
  engine may move a confirmed passenger only inside their promise;
- a run's shift is its driver's availability within the service hours (widened by an hour to
  drive from and back to the home base).

Nothing here locks or commits: the services (``services.py``) call these functions inside
their transactions, after locking the service day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from smartvillage.core.traveltime import provider
from smartvillage.ondemand.models import Booking, Run, RunStop, Service, ServiceDay
from smartvillage.optim import darp
from smartvillage.optim.darp.model import route_distance

# Unreachable pairs (a road graph may have some) become a long but finite time: the engine
# needs finite matrices, and no window can absorb two days of driving.
UNREACHABLE = 2 * 86400.0
SHIFT_MARGIN = timedelta(hours=1)


def midnight(day: date) -> datetime:
    """Local midnight of ``day`` as a UTC instant: the origin of the day's times."""
    tz = timezone.get_default_timezone()
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def seconds(origin: datetime, moment: datetime) -> float:
    return (moment.astimezone(UTC) - origin).total_seconds()


def instant(origin: datetime, value: float) -> datetime:
    return origin + timedelta(seconds=round(value))


def local_instant(day: date, clock: time) -> datetime:
    tz = timezone.get_default_timezone()
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


@dataclass
class DayModel:
    """The engine's view of one service day, and the way back to the rows."""

    service: Service
    day: ServiceDay
    runs: list[Run]
    bookings: list[Booking]
    problem: darp.Problem
    plan: darp.Plan
    origin: datetime
    index: dict[int, int] = field(default_factory=dict)  # booking pk → request index

    def request_of(self, booking: Booking) -> int:
        return self.index[booking.pk]

    def distance(self, plan: darp.Plan | None = None) -> float:
        return darp.plan_distance(self.problem, plan or self.plan)


def usable_runs(day: ServiceDay) -> list[Run]:
    return list(
        Run.objects.filter(day=day)
        .exclude(status=Run.Status.DECLINED)
        .select_related("vehicle__home_base", "driver__home")
        .order_by("pk")
    )


def _points(runs: Sequence[Run], bookings: Sequence[Booking]) -> list[tuple[float, float]]:
    points = [(r.vehicle.home_base.latitude, r.vehicle.home_base.longitude) for r in runs]
    for b in bookings:
        points.append((b.origin_lat, b.origin_lon))
        points.append((b.destination_lat, b.destination_lon))
    return points


def matrices(points: Sequence[tuple[float, float]]) -> tuple[Any, Any]:
    """Travel seconds and metres between distinct points (duplicates computed once)."""
    import numpy as np

    unique: dict[tuple[float, float], int] = {}
    where = [unique.setdefault((round(lat, 6), round(lon, 6)), len(unique)) for lat, lon in points]
    matrix = provider().matrix(list(unique))
    pick = np.array(where, dtype=np.int64)
    secs = np.where(np.isfinite(matrix.seconds), matrix.seconds, UNREACHABLE)[np.ix_(pick, pick)]
    metres = np.where(np.isfinite(matrix.metres), matrix.metres, UNREACHABLE * 30)[
        np.ix_(pick, pick)
    ]
    return secs, metres


def request_for(
    service: Service,
    booking: Booking,
    origin: datetime,
    pickup: int,
    dropoff: int,
    direct: float,
) -> darp.Request:
    """The engine's request for ``booking``: its wish, narrowed to its promise if confirmed."""
    flex = service.flexibility_minutes * 60.0
    t = seconds(origin, booking.requested_time)
    open_start = seconds(origin, local_instant(booking.date, service.start_time))
    open_end = seconds(origin, local_instant(booking.date, service.end_time))
    if booking.time_kind == Booking.TimeKind.LEAVE_AT:
        pickup_window = (t, t + flex)
        dropoff_window = (open_start, open_end)
    else:
        pickup_window = (open_start, open_end)
        dropoff_window = (t - flex, t)
    if booking.window_start and booking.window_end:  # the promise made to the passenger
        pickup_window = (
            seconds(origin, booking.window_start),
            seconds(origin, booking.window_end),
        )
    boarding = service.boarding_minutes * 60.0
    factor = float(service.max_detour_factor)
    return darp.Request(
        pickup=pickup,
        dropoff=dropoff,
        pickup_window=_clip(pickup_window, open_start, open_end),
        dropoff_window=_clip(dropoff_window, open_start, open_end),
        pickup_service=boarding,
        dropoff_service=boarding,
        load=booking.seats,
        wheelchair=int(booking.wheelchair),
        max_ride_time=max(direct * factor, direct + 600.0) + boarding,
        name=str(booking.pk or "new"),
    )


def _clip(window: tuple[float, float], low: float, high: float) -> tuple[float, float]:
    start, end = max(window[0], low), min(window[1], high)
    return (start, end) if start <= end else (window[0], window[0])


def vehicle_for(run: Run, origin: datetime, depot: int) -> darp.Vehicle:
    return darp.Vehicle(
        seats=run.vehicle.seats,
        wheelchair_places=run.vehicle.wheelchair_places,
        start_depot=depot,
        end_depot=depot,
        shift=(seconds(origin, run.shift_start), seconds(origin, run.shift_end)),
        name=run.vehicle.name,
    )


def build(
    service: Service,
    day: ServiceDay,
    *,
    extra: Sequence[Booking] = (),
    runs: Sequence[Run] | None = None,
    bookings: Sequence[Booking] | None = None,
) -> DayModel:
    """The day model of ``day``: its usable runs and live bookings, plus ``extra`` (new) ones.

    ``runs`` and ``bookings`` narrow the model (moving a trip by hand plans one run alone).
    """
    origin = midnight(day.date)
    runs = list(runs) if runs is not None else usable_runs(day)
    if bookings is None:
        bookings = list(
            Booking.objects.live().filter(service=service, date=day.date).order_by("pk")
        )
    every = list(bookings) + list(extra)
    secs, metres = matrices(_points(runs, every))
    nrun = len(runs)
    requests = []
    for i, booking in enumerate(every):
        p, d = nrun + 2 * i, nrun + 2 * i + 1
        requests.append(request_for(service, booking, origin, p, d, float(secs[p, d])))
    vehicles = [vehicle_for(run, origin, k) for k, run in enumerate(runs)]
    problem = darp.Problem(tuple(requests), tuple(vehicles), secs, metres, name=str(day))
    index = {b.pk: i for i, b in enumerate(every) if b.pk}
    plan = _stored_plan(runs, every, index, origin)
    return DayModel(service, day, runs, every, problem, plan, origin, index)


def _stored_plan(
    runs: Sequence[Run], bookings: Sequence[Booking], index: dict[int, int], origin: datetime
) -> darp.Plan:
    """The plan as written in the database (RunStop rows)."""
    position = {run.pk: k for k, run in enumerate(runs)}
    stops: dict[int, list[darp.Stop]] = {k: [] for k in range(len(runs))}
    rows = RunStop.objects.filter(run__in=[r.pk for r in runs], booking_id__in=list(index))
    for row in rows.order_by("run_id", "sequence"):
        stops[position[row.run_id]].append(
            darp.Stop(index[row.booking_id], row.is_pickup, seconds(origin, row.planned_time))
        )
    routes = []
    for k, run in enumerate(runs):
        if not stops[k]:
            routes.append(darp.Route(k))
            continue
        departure = seconds(origin, run.departure) if run.departure else stops[k][0].time
        arrival = seconds(origin, run.arrival) if run.arrival else stops[k][-1].time
        routes.append(darp.Route(k, tuple(stops[k]), departure, arrival))
    placed = {s.request for k in stops for s in stops[k]}
    unserved = tuple(
        darp.Unserved(i, "not placed") for i in range(len(bookings)) if i not in placed
    )
    return darp.Plan(tuple(routes), unserved)


def write_routes(model: DayModel, plan: darp.Plan, vehicles: set[int]) -> None:
    """Write the routes of ``vehicles`` (indices) of ``plan`` to their runs and bookings.

    Every booking of ``model`` must be saved. Call under the service-day lock.
    """
    origin = model.origin
    for k in sorted(vehicles):
        run, route = model.runs[k], plan.routes[k]
        RunStop.objects.filter(run=run).delete()
        rows = []
        for sequence, stop in enumerate(route.stops, start=1):
            booking = model.bookings[stop.request]
            moment = instant(origin, stop.time)
            rows.append(
                RunStop(
                    run=run,
                    booking=booking,
                    kind=RunStop.Kind.PICKUP if stop.pickup else RunStop.Kind.DROPOFF,
                    sequence=sequence,
                    planned_time=moment,
                )
            )
            if stop.pickup:
                booking.planned_pickup = moment
            else:
                booking.planned_dropoff = moment
            booking.run = run
        RunStop.objects.bulk_create(rows)
        served = {model.bookings[s.request].pk for s in route.stops}
        for booking in model.bookings:
            if booking.pk in served:
                booking.save(update_fields=["run", "planned_pickup", "planned_dropoff"])
        run.departure = instant(origin, route.departure) if route.stops else None
        run.arrival = instant(origin, route.arrival) if route.stops else None
        run.distance_m = route_distance(model.problem, route)
        run.save(update_fields=["departure", "arrival", "distance_m"])


def promise(service: Service, booking: Booking, pickup: datetime) -> tuple[datetime, datetime]:
    """The pick-up window promised to the passenger around the planned pick-up.

    Centred on the planned time, kept inside the passenger's own wish, so that later insertions
    and re-optimisation can move the pick-up a little without breaking the promise.
    """
    half = timedelta(minutes=service.pickup_window_minutes / 2)
    start, end = pickup - half, pickup + half
    if booking.time_kind == Booking.TimeKind.LEAVE_AT:
        start = max(start, booking.requested_time)
    return start, end


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


# --- Drivers' maximum distance from home ---------------------------------------------------------

Point = tuple[str, float, float]  # label, latitude, longitude
BEYOND_REACH = "driver distance: the drivers of the vehicles able to carry it live too far"


def beyond_reach(driver: Any, points: Sequence[Point]) -> tuple[str, float] | None:
    """The first point farther from the driver's home than their maximum, with its distance (km).

    None when the driver can go everywhere (no home or no maximum given).
    """
    if driver is None or driver.max_distance_km is None or driver.home is None:
        return None
    home = (driver.home.latitude, driver.home.longitude)
    for label, lat, lon in points:
        km = haversine_m(home, (lat, lon)) / 1000
        if km > driver.max_distance_km:
            return label, km
    return None


def booking_points(booking: Booking) -> list[Point]:
    return [
        (booking.origin_label, booking.origin_lat, booking.origin_lon),
        (booking.destination_label, booking.destination_lat, booking.destination_lon),
    ]


def run_points(run: Run, bookings: Sequence[Booking] = ()) -> list[Point]:
    base = run.vehicle.home_base
    points: list[Point] = [(base.name, base.latitude, base.longitude)]
    for booking in bookings:
        points.extend(booking_points(booking))
    return points


def reachable(model: DayModel, request: int) -> set[int]:
    """The runs (indices) whose driver may drive to both ends of ``request``."""
    points = booking_points(model.bookings[request])
    return {k for k, run in enumerate(model.runs) if beyond_reach(run.driver, points) is None}


def insert(
    model: DayModel, request: int, plan: darp.Plan | None = None
) -> darp.Insertion | darp.Rejection:
    """``darp.insert_request`` restricted to the runs whose driver may go to the trip's places.

    The engine has no vehicle-request compatibility; a vehicle the driver may not take there
    is shown to it with no capacity (no seat, no wheelchair place) for this one insertion, so
    the engine never chooses it. Every other rule is the engine's own.
    """
    plan = plan or model.plan
    allowed = reachable(model, request)
    if len(allowed) == len(model.runs):
        return darp.insert_request(model.problem, plan, request)
    if not allowed:
        return darp.Rejection(request, BEYOND_REACH)
    vehicles = tuple(
        v if k in allowed else replace(v, seats=0, wheelchair_places=0)
        for k, v in enumerate(model.problem.vehicles)
    )
    problem = darp.Problem(
        model.problem.requests,
        vehicles,
        model.problem.duration,
        model.problem.distance,
        name=model.problem.name,
    )
    result = darp.insert_request(problem, plan, request)
    if isinstance(result, darp.Rejection) and result.reason.startswith(("wheelchair", "load")):
        # Capacity was there, in vehicles whose driver may not go: say so.
        full = darp.insert_request(model.problem, plan, request)
        if isinstance(full, darp.Insertion):
            return darp.Rejection(request, BEYOND_REACH)
    return result


def reach_violations(model: DayModel, plan: darp.Plan) -> set[int]:
    """Requests that ``plan`` puts in a run whose driver may not go to their places."""
    bad = set()
    for k, route in enumerate(plan.routes):
        driver = model.runs[k].driver
        for stop in route.stops:
            if beyond_reach(driver, booking_points(model.bookings[stop.request])) is not None:
                bad.add(stop.request)
    return bad
