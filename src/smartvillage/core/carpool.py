"""The carpool interface: drivers' offers that match a journey, from the rideshare service.

The event carpooling kit (``impact``) shows, next to the offers and requests posted for an
event, the matching offers of the carpool network, without importing it: the rideshare app
registers a provider in ``rideshare/carpool.py`` (see ``core/providers.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from smartvillage.core.providers import Registry


@dataclass(frozen=True)
class Journey:
    origin: tuple[float, float]  # (latitude, longitude)
    destination: tuple[float, float]
    departure_at: datetime  # aware
    flex_minutes: int = 30
    seats: int = 1


@dataclass(frozen=True)
class Offer:
    key: str  # "rideshare.trip:12"
    label: str  # "Villard-de-Lans → Grenoble, 8:00"
    departure_at: datetime
    seats: int
    url: str  # where a member asks the driver for a seat


class CarpoolProvider(Protocol):
    def matching_offers(self, journey: Journey, limit: int = 5) -> list[Offer]: ...


registry: Registry[CarpoolProvider] = Registry("carpool")


def matching_offers(journey: Journey, limit: int = 5) -> list[Offer]:
    """Offers of every carpool provider for the journey, earliest departure first."""
    found = [o for p in registry.all() for o in p.matching_offers(journey, limit)]
    return sorted(found, key=lambda o: (o.departure_at, o.key))[:limit]
