"""The indicators interface: each service's monthly raw activity, for the impact dashboards.

Service apps ship ``<app>/indicators.py`` registering a provider (see ``core/providers.py``);
the ``impact`` app reads the rows here and never imports a service app. A row is the activity
of one person (``user_id``, None for someone without an account) with one service, in one
commune (INSEE code of where the trip starts, or of the third place), in one month. The
impact app sums rows into service × commune × month and member × month tables and turns
``car_km_avoided`` into CO2 with the current emission-factor version (``core.emissions``).

What each field counts is the provider's to say in its module docstring; the conventions:

- ``trips``: journeys made with the service (a desk-day is not a trip);
- ``passenger_km``: km travelled by people with the service;
- ``shared_trips``: trips in which a car was shared by several people;
- ``vehicle_trips`` / ``occupants``: for the average occupancy (occupants ÷ vehicle trips);
- ``desk_days``: a person at a third place on one day (a commute avoided);
- ``car_km_avoided``: km a private car did not drive thanks to the service, counted with
  ``avoided_mode``'s factor; ``emitted_km`` of ``emitted_mode`` are subtracted (the on-demand
  minibus still runs);
- ``person``: a stable key of the person within the service ("ondemand.beneficiary:7"), so that
  the people served are counted once a month even without an account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from smartvillage.core.providers import Registry


@dataclass(slots=True)  # not frozen: a recompute makes ~10^5 of them, frozen costs 2x
class Activity:
    service: str  # the providing app's label: "rideshare", "ondemand", ...
    month: date  # first day of the month
    commune: str  # INSEE code, "" when unknown
    user_id: int | None
    person: str = ""
    trips: int = 0
    passenger_km: float = 0.0
    shared_trips: int = 0
    vehicle_trips: int = 0
    occupants: int = 0
    desk_days: int = 0
    car_km_avoided: float = 0.0
    avoided_mode: str = "car_thermal"
    emitted_km: float = 0.0
    emitted_mode: str = ""


class IndicatorProvider(Protocol):
    def monthly(self, start: date, end: date) -> Iterable[Activity]:
        """Activity of the months in [start, end) (``start`` and ``end`` are first days)."""
        ...


registry: Registry[IndicatorProvider] = Registry("indicators")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def activity(start: date, end: date) -> Iterable[Activity]:
    """Every provider's rows for the months in [start, end)."""
    for provider in registry.all():
        yield from provider.monthly(start, end)
