"""The guaranteed-ride-home interface: a priority on-demand trip for a member left stranded.

A carpool or hitchhiking member whose return fell through asks the ``impact`` app for a ride
home; the app checks the yearly quota and asks here for a trip, which the on-demand transport
service (``ondemand/ridehome.py``) inserts into its day like any booking, without the usual
advance notice. No provider, or no service covering both ends: the request is refused with a
reason the member can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from smartvillage.core.providers import Registry


@dataclass(frozen=True)
class Point:
    label: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Outcome:
    ok: bool
    reference: str = ""  # "ondemand.booking:42" when booked
    pickup_at: datetime | None = None
    reason: str = ""  # translated, shown to the member when not ok


class RideHomeProvider(Protocol):
    def request(self, user: Any, origin: Point, destination: Point, at: datetime) -> Outcome:
        """Book the ride, or say why not (``ok=False``: try the next provider)."""
        ...

    def cancel(self, reference: str) -> bool: ...


registry: Registry[RideHomeProvider] = Registry("ridehome")


def request(user: Any, origin: Point, destination: Point, at: datetime) -> Outcome:
    """The first provider that books the ride, else the last refusal."""
    outcome = Outcome(ok=False)
    for provider in registry.all():
        outcome = provider.request(user, origin, destination, at)
        if outcome.ok:
            return outcome
    return outcome
