"""The mobility interface: what each transport service offers at a point, without a private car.

Every mobility app (on-demand transport, car sharing, carpool and hitchhiking, bus timetables
in the planner) ships ``<app>/mobility.py`` that registers a provider here (see
``core/providers.py``). Other apps ask through this module and never import a service app:

- :func:`access_near` — the ways to travel without a car from (or to) a point: an on-demand
  service whose zone holds it, a car-share station, a hitchhiking stop or a bus stop within
  walking distance. Seasonal work uses it to tell whether a workplace is reachable without a
  car; the planner to pick first and last miles.

A provider may offer more methods (journey options, bookings); this module states only what
every provider must answer. Distances are straight lines: a walking estimate, honest about
being one.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from smartvillage.core import emissions, geo
from smartvillage.core.providers import Registry

logger = logging.getLogger(__name__)

#: How far people are asked to walk to a stop or a car, in metres (about 10 minutes).
WALK_RADIUS_M = 800

MODES = {
    "bus": _("Bus or coach"),
    "ondemand": _("On-demand transport"),
    "carsharing": _("Car sharing"),
    "carpool": _("Carpool"),
    "hitchhiking": _("Organised hitchhiking"),
}


@dataclass(frozen=True)
class Access:
    """One way to travel without a car from a point."""

    mode: str  # a key of MODES
    name: str  # the service, station or stop, as people know it
    latitude: float
    longitude: float
    distance_m: int  # straight-line walk from the point; 0 inside an on-demand zone
    url: str  # the public page of the service or the access point
    guaranteed: bool  # a seat or a car can be booked (False for hitchhiking: a chance)


class MobilityProvider(Protocol):
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[Access]: ...


registry: Registry[MobilityProvider] = Registry("mobility")


def access_near(latitude: float, longitude: float, radius_m: float = WALK_RADIUS_M) -> list[Access]:
    """Every way to travel without a car from the point, nearest first."""
    found = [a for p in registry.all() for a in p.access(latitude, longitude, radius_m)]
    return sorted(found, key=lambda a: (a.distance_m, a.mode, a.name))


def reachable_without_car(
    latitude: float, longitude: float, radius_m: float = WALK_RADIUS_M, *, guaranteed: bool = False
) -> bool:
    """Is there a way without a car? ``guaranteed`` leaves out hitchhiking-only places."""
    return any(a.guaranteed or not guaranteed for a in access_near(latitude, longitude, radius_m))


# --- Journeys: what the planner asks every mobility service -------------------------------------
#
# The journey planner (the ``planner`` app) asks each registered JourneyProvider for options
# between two points; each service app answers in its ``<app>/mobility.py`` with legs it can
# really offer (an on-demand window from the insertion, an available car, a carpool offer) and
# a pre-filled link to its own booking page. The planner composes them with the timetable and
# keeps the Pareto-best options; it never imports a service app.

#: Purposes of a journey query: the whole trip, or a feeder to or from a public transport stop.
WHOLE, FIRST_MILE, LAST_MILE = "whole", "first_mile", "last_mile"


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str = ""


@dataclass(frozen=True)
class Needs:
    wheelchair: bool = False
    luggage: bool = False
    companion: bool = False


@dataclass(frozen=True)
class JourneyQuery:
    """From ``origin`` to ``destination``, leaving at ``when`` (or arriving by it)."""

    origin: Point
    destination: Point
    when: datetime  # aware
    arrive_by: bool = False
    needs: Needs = Needs()
    purpose: str = WHOLE
    user: Any = None  # the traveller when known (memberships, prices); never required
    operator: bool = False  # staff booking for a resident: links go to the operator's pages


@dataclass(frozen=True)
class Leg:
    """One part of an option: a walk, a bus, a car-share car, a seat in a car..."""

    mode: str  # a key of MODES, or "walk", "drive"
    origin: Point
    destination: Point
    departs: datetime
    arrives: datetime
    distance_m: int
    cost: Decimal | None = None  # None when unknown (shown as such), 0 when free
    guaranteed: bool = True  # False: a chance (hitchhiking), never a promise
    needs_booking: bool = False
    booking_url: str = ""  # the service's booking page, pre-filled ("" when nothing to book)
    name: str = ""  # the line, the service, the car, the driver's first name
    note: str = ""  # "pick-up window 9:05-9:20", "wait about 15 minutes (not guaranteed)"
    co2_mode: str = ""  # the emissions mode of the leg ("bus", "car_thermal"...)

    @property
    def minutes(self) -> int:
        return round((self.arrives - self.departs).total_seconds() / 60)

    @property
    def co2_kg(self) -> Decimal:
        if not self.co2_mode:
            return Decimal(0)
        f = emissions.factor(self.co2_mode)
        return (f.kg_per_km * Decimal(self.distance_m) / 1000).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Option:
    legs: tuple[Leg, ...]

    @property
    def departs(self) -> datetime:
        return self.legs[0].departs

    @property
    def arrives(self) -> datetime:
        return self.legs[-1].arrives

    @property
    def walking_m(self) -> int:
        return sum(leg.distance_m for leg in self.legs if leg.mode == "walk")

    @property
    def transfers(self) -> int:
        return max(0, sum(leg.mode != "walk" for leg in self.legs) - 1)

    @property
    def cost(self) -> Decimal | None:
        total = Decimal(0)
        for leg in self.legs:
            if leg.mode == "walk":
                continue
            if leg.cost is None:
                return None
            total += leg.cost
        return total

    @property
    def co2_kg(self) -> Decimal:
        return sum((leg.co2_kg for leg in self.legs), Decimal(0))

    @property
    def needs_booking(self) -> bool:
        return any(leg.needs_booking for leg in self.legs)

    @property
    def guaranteed(self) -> bool:
        return all(leg.guaranteed for leg in self.legs)

    @property
    def modes(self) -> list[str]:
        return [leg.mode for leg in self.legs if leg.mode != "walk"] or ["walk"]


class JourneyProvider(Protocol):
    def options(self, query: JourneyQuery) -> list[Option]:
        """Options this service really offers for the query (empty when none)."""
        ...


journeys: Registry[JourneyProvider] = Registry("mobility")


def journey_options(query: JourneyQuery) -> list[Option]:
    """Every registered provider's options; a provider that fails is left out, not fatal."""
    found: list[Option] = []
    for name, provider in journeys.items():
        try:
            found.extend(provider.options(query))
        except Exception:  # noqa: BLE001 - one service's failure must not break the search
            logger.exception("journey provider %s failed", name)
    return found


def walk_leg(origin: Point, destination: Point, departs: datetime, *, metres: float | None = None
             ) -> Leg:  # fmt: skip
    """A walk on a straight line x 1.3 at 4.3 km/h: an estimate, said so in the docs."""
    straight = (
        metres
        if metres is not None
        else geo.distance_m(
            origin.latitude, origin.longitude, destination.latitude, destination.longitude
        )
    )
    distance = round(straight * WALK_DETOUR)
    arrives = departs + timedelta(seconds=math.ceil(distance / WALK_SPEED_M_S))
    return Leg("walk", origin, destination, departs, arrives, distance, cost=Decimal(0))


#: Walking figures shared by every provider (the timetable's footpaths use the same).
WALK_SPEED_M_S = 1.2
WALK_DETOUR = 1.3
