"""Impact fixtures: a fake service providing activity through core/indicators.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartvillage.core import indicators
from smartvillage.impact.models import EmissionFactor, EmissionFactorSet

MARCH = date(2026, 3, 1)
APRIL = date(2026, 4, 1)


class FakeService:
    """Activity rows handed to the registry as a service app would."""

    def __init__(self, rows: list[indicators.Activity]) -> None:
        self.rows = rows

    def monthly(self, start, end):
        return [r for r in self.rows if start <= r.month < end]


@pytest.fixture
def provide():
    """``provide(rows...)``: only these rows are the services' activity while the test runs."""
    stack = []

    def install(*rows: indicators.Activity) -> FakeService:
        service = FakeService(list(rows))
        context = indicators.registry.only(fake__service=service)
        context.__enter__()
        stack.append(context)
        return service

    yield install
    for context in reversed(stack):
        context.__exit__(None, None, None)


@pytest.fixture
def second_version(db) -> EmissionFactorSet:
    factor_set = EmissionFactorSet.objects.create(
        version="test-2027", source="Test", source_url="https://example.org/",
        source_date=date(2027, 1, 1),
    )  # fmt: skip
    EmissionFactor.objects.create(
        factor_set=factor_set, mode="car_thermal", label="voiture", kg_per_km=Decimal("0.2"),
        unit="vehicle-km",
    )  # fmt: skip
    return factor_set


def carpool(user=None, km=10.0, commune="26074", month=MARCH, **extra) -> indicators.Activity:
    return indicators.Activity(
        service="rideshare", month=month, commune=commune,
        user_id=user.pk if user else None, person=f"p{user.pk if user else 0}", trips=1,
        passenger_km=km, shared_trips=1, vehicle_trips=1, occupants=2, car_km_avoided=km,
        **extra,
    )  # fmt: skip
