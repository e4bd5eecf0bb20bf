"""One search over every mode: the timetable (RAPTOR), walking, and the services' providers.

1. Walking straight there when it is short.
2. The timetable with walks to and from stops near each end (rRAPTOR over a window).
3. The timetable with an on-demand first or last mile to a stop (the on-demand provider's
   window from the real insertion) for stops beyond a walk.
4. Whole-trip options of every registered provider (``core.mobility.journeys``): on-demand
   door to door, car sharing, carpool offers, hitchhiking stops.

The options are compared on arrival (departure for an arrive-by search), walking, transfers,
cost, CO2 and booking needed; the Pareto-best are kept, at most five. A drive estimate is
returned beside them as the reference the options are compared with (not as an option).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.core import geo, mobility
from smartvillage.core.mobility import FIRST_MILE, LAST_MILE, JourneyQuery, Leg, Option, Point
from smartvillage.optim.transit import Journey, RideLeg, Timetable, WalkLeg
from smartvillage.optim.traveltime import StraightLine
from smartvillage.planner import timetable

MAX_OPTIONS = 5
#: Walking straight there is offered up to this distance (straight line), metres.
WALK_ONLY_M = 3000
#: Stops within this straight-line distance of an end are reached on foot.
ACCESS_M = 800
#: Stops considered for an on-demand first or last mile (the nearest beyond a walk).
FEEDER_STOPS = 1
FEEDER_RADIUS_M = 20_000
#: The window of departures searched before the asked arrival time (arrive-by searches).
WINDOW = timedelta(hours=2)
#: Timetable journeys longer than this are not searched (the RAPTOR horizon).
MAX_DURATION = timedelta(hours=4)
DRIVE = StraightLine()
HORIZON = round(MAX_DURATION.total_seconds())
MIN_WALK_M = 30


@dataclass
class Result:
    query: JourneyQuery
    options: list[Option]
    drive: Leg | None = None  # the reference: the same trip by one's own car
    invented_timetable: bool = False
    notes: list[str] = field(default_factory=list)


def search(query: JourneyQuery) -> Result:
    when = timezone.localtime(query.when)
    query = replace(query, when=when)
    tt, invented_feeds = timetable.for_day(when.date(), wheelchair=query.needs.wheelchair)
    found: list[Option] = []
    direct = mobility.walk_leg(query.origin, query.destination, when)
    if direct.distance_m <= WALK_ONLY_M * mobility.WALK_DETOUR:
        found.append(Option((_shift(direct, query),)))
    transit = _Transit(tt, query, invented_feeds)
    found += transit.walk_options()
    found += transit.feeder_options()
    found += mobility.journey_options(query)
    found = [o for o in found if _fits(o, query)]
    used_invented = any(leg.note == transit.invented_note for o in found for leg in o.legs)
    return Result(query, best(found, arrive_by=query.arrive_by), drive_reference(query),
                  used_invented)  # fmt: skip


def _shift(leg: Leg, query: JourneyQuery) -> Leg:
    """An arrive-by walk leaves just in time."""
    if not query.arrive_by:
        return leg
    duration = leg.arrives - leg.departs
    return replace(leg, departs=query.when - duration, arrives=query.when)


def _fits(option: Option, query: JourneyQuery) -> bool:
    if query.arrive_by:
        return option.arrives <= query.when
    return option.departs >= query.when - timedelta(minutes=1)


def drive_reference(query: JourneyQuery) -> Leg:
    a, b = query.origin, query.destination
    m = DRIVE.matrix([(a.latitude, a.longitude), (b.latitude, b.longitude)])
    seconds, metres = float(m.seconds[0, 1]), round(float(m.metres[0, 1]))
    departs = query.when - timedelta(seconds=seconds) if query.arrive_by else query.when
    return Leg("drive", a, b, departs, departs + timedelta(seconds=seconds), metres,
               co2_mode="car_thermal", name=_("Your own car (estimate)"))  # fmt: skip


# --- Pareto-best options -------------------------------------------------------------------------


def _criteria(o: Option, arrive_by: bool) -> tuple[float, ...]:
    time_key = -o.departs.timestamp() if arrive_by else o.arrives.timestamp()
    return (
        time_key,
        o.walking_m,
        o.transfers,
        float(o.co2_kg),
        int(o.needs_booking),
        int(not o.guaranteed),
    )


def _dominates(a: Option, b: Option, arrive_by: bool) -> bool:
    ca, cb = _criteria(a, arrive_by), _criteria(b, arrive_by)
    cost_a, cost_b = a.cost, b.cost
    # An unknown cost (a bus fare the feed does not give) compares as equal to any cost.
    cost_le = cost_a is None or cost_b is None or cost_a <= cost_b
    cost_lt = cost_a is not None and cost_b is not None and cost_a < cost_b
    all_le = all(x <= y for x, y in zip(ca, cb, strict=True)) and cost_le
    return all_le and (ca != cb or cost_lt)


def best(options: list[Option], *, arrive_by: bool = False, limit: int = MAX_OPTIONS
         ) -> list[Option]:  # fmt: skip
    """The Pareto-best options (no other is as good on every criterion and better on one),
    at most ``limit``: the best of each criterion first, then by arrival."""
    unique: dict[tuple[object, ...], Option] = {}
    for o in options:
        unique.setdefault(
            tuple((leg.mode, leg.name, leg.departs, leg.arrives) for leg in o.legs), o
        )
    pool = list(unique.values())
    front = [o for o in pool if not any(_dominates(p, o, arrive_by) for p in pool if p is not o)]

    def by_time(o: Option) -> tuple[float, ...]:
        return _criteria(o, arrive_by)

    front.sort(key=by_time)
    if len(front) <= limit:
        return front
    chosen: list[Option] = []
    keys: list[Callable[[Option], Any]] = [
        by_time,
        lambda o: (float(o.co2_kg), by_time(o)),
        lambda o: (o.walking_m, by_time(o)),
        lambda o: (o.cost if o.cost is not None else Decimal("1e9"), by_time(o)),
        lambda o: (o.transfers, by_time(o)),
    ]
    for key in keys:
        chosen.append(min((o for o in front if o not in chosen), key=key))
    return sorted(chosen[:limit], key=by_time)


# --- The timetable -------------------------------------------------------------------------------


class _Transit:
    def __init__(self, tt: Timetable, query: JourneyQuery, invented: set[str]) -> None:
        self.tt, self.query, self.invented = tt, query, invented
        self.day = query.when.date()
        self.midnight = datetime.combine(self.day, time(0), tzinfo=query.when.tzinfo)
        self.invented_note = _("Demo timetable (invented times)")

    def at(self, seconds: int) -> datetime:
        return self.midnight + timedelta(seconds=seconds)

    def seconds(self, moment: datetime) -> int:
        return round((moment - self.midnight).total_seconds())

    def _near(self, point: Point, radius: float) -> dict[str, float]:
        return dict(self.tt.stops_near(point.latitude, point.longitude, radius))

    def _access(self, point: Point) -> dict[str, int]:
        return {s: _walk_seconds(m) for s, m in self._near(point, ACCESS_M).items()}

    def walk_options(self) -> list[Option]:
        q = self.query
        access, egress = self._access(q.origin), self._access(q.destination)
        if not access or not egress:
            return []
        return [self.option(j, access[j.first_stop], q.origin, q.destination)
                for j in self._profile(access, egress)]  # fmt: skip

    def _profile(self, access: dict[str, int], egress: dict[str, int]) -> list[Journey]:
        t = self.seconds(self.query.when)
        window = round(WINDOW.total_seconds())
        if self.query.arrive_by:
            found = self.tt.profile(access, egress, t - window, t, max_duration=HORIZON)
            found = [j for j in found if j.at_destination <= t]
            # The latest departure for each number of vehicles.
            latest: dict[int, Journey] = {}
            for j in found:
                if j.rides not in latest or j.departure > latest[j.rides].departure:
                    latest[j.rides] = j
            return list(latest.values())
        # Leaving at t: the earliest arrival for each number of vehicles (a range search would
        # add later departures that arrive later, which the comparison leaves out anyway).
        sources = {s: t + a for s, a in access.items()}
        return self.tt.earliest_arrival(sources, egress, max_duration=HORIZON)

    def option(self, j: Journey, access_s: int, origin: Point, destination: Point,
               first: Leg | None = None, last_mile: bool = True) -> Option:  # fmt: skip
        """Legs of a timetable journey: the walk (or ``first``) to the first stop, the rides and
        walks between, the walk from the last stop."""
        legs: list[Leg] = []
        first_ride = next(leg for leg in j.legs if isinstance(leg, RideLeg))
        board = self._point(first_ride.from_stop)
        if first is not None:
            legs.append(first)
        else:
            walk = mobility.walk_leg(origin, board, self.at(first_ride.departure - access_s))
            legs.append(replace(walk, arrives=self.at(first_ride.departure - access_s) +
                                timedelta(seconds=access_s)))  # fmt: skip
        clock = first_ride.departure
        for leg in j.legs:
            if isinstance(leg, RideLeg):
                a, b = self._point(leg.from_stop), self._point(leg.to_stop)
                feed = leg.route_id.split(":", 1)[0]
                legs.append(Leg(
                    "bus", a, b, self.at(leg.departure), self.at(leg.arrival),
                    round(geo.distance_m(a.latitude, a.longitude, b.latitude,
                                                  b.longitude) * 1.3),
                    name=self._route_name(leg.route_id), co2_mode="bus",
                    note=self.invented_note if feed in self.invented else "",
                ))  # fmt: skip
                clock = leg.arrival
            elif isinstance(leg, WalkLeg):
                a, b = self._point(leg.from_stop), self._point(leg.to_stop)
                w = mobility.walk_leg(a, b, self.at(clock))
                legs.append(replace(w, arrives=self.at(clock + leg.seconds)))
                clock += leg.seconds
        if last_mile:
            end = self._point(j.target)
            legs.append(mobility.walk_leg(end, destination, self.at(j.arrival)))
        # A walk of a few metres (the place is the stop) is no leg.
        kept = [leg for leg in legs if leg.mode != "walk" or leg.distance_m >= MIN_WALK_M]
        return Option(tuple(kept))

    def _point(self, stop_id: str) -> Point:
        i = self.tt.index[stop_id]
        lat, lon = self.tt.coords[i]
        return Point(float(lat), float(lon), self.tt.names[i])

    def _route_name(self, route_id: str) -> str:
        return self.tt.route_names.get(route_id, route_id.split(":", 1)[-1])

    # --- on-demand feeders ---------------------------------------------------------------------

    def _hubs(self, point: Point) -> list[tuple[str, float]]:
        near = self.tt.stops_near(point.latitude, point.longitude, FEEDER_RADIUS_M)
        return [(s, m) for s, m in near if m > ACCESS_M][:FEEDER_STOPS]

    def feeder_options(self) -> list[Option]:
        q = self.query
        found: list[Option] = []
        egress = self._access(q.destination)
        access = self._access(q.origin)
        if egress and not q.arrive_by:
            for stop, _m in self._hubs(q.origin):
                hub = self._point(stop)
                feeder_query = replace(q, destination=hub, purpose=FIRST_MILE)
                for feeder in mobility.journey_options(feeder_query):
                    if not feeder.legs or feeder.legs[0].mode != "ondemand":
                        continue
                    ready = self.seconds(feeder.arrives) + self.tt.change_s[self.tt.index[stop]]
                    found_j = self.tt.earliest_arrival({stop: ready}, egress, max_duration=HORIZON)
                    for j in found_j[:1]:
                        found.append(self.option(j, 0, q.origin, q.destination,
                                                 first=feeder.legs[0]))  # fmt: skip
        if access and not q.arrive_by:
            hubs = dict(self._hubs(q.destination))
            if hubs:
                targets = dict.fromkeys(hubs, 0)
                start = self.seconds(q.when)
                sources = {s: start + a for s, a in access.items()}
                for j in self.tt.earliest_arrival(sources, targets, max_duration=HORIZON)[:1]:
                    hub = self._point(j.target)
                    base = self.option(j, access[j.first_stop], q.origin, hub, last_mile=False)
                    feeder_query = replace(q, origin=hub, when=self.at(j.arrival + 120),
                                           purpose=LAST_MILE)  # fmt: skip
                    for feeder in mobility.journey_options(feeder_query):
                        if feeder.legs and feeder.legs[0].mode == "ondemand":
                            found.append(Option(base.legs + feeder.legs[:1]))
        return found


def _walk_seconds(straight_m: float) -> int:
    """Access time to a stop (the walk estimate of ``core.mobility.walk_leg``)."""
    return round(straight_m * mobility.WALK_DETOUR / mobility.WALK_SPEED_M_S)
