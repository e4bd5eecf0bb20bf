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

from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from smartvillage.core.providers import Registry

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
