"""Rideshare in the indicators interface: proven rides only, passenger and driver rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from smartvillage.core import indicators
from smartvillage.rideshare.indicators import RideshareIndicators
from smartvillage.rideshare.models import Ride

PARIS = ZoneInfo("Europe/Paris")


def _ride(driver, passenger, car, at, *, proven=True, metres=12_000, seats=2):
    done = at + timedelta(minutes=20)
    return Ride.objects.create(
        driver=driver, passenger=passenger, vehicle=car, seats=seats, start_label="A",
        end_label="B", start_insee="26074", end_insee="38548", started_at=at, ended_at=done,
        distance_m=metres, status=Ride.Status.COMPLETED, driver_confirmed_at=done,
        passenger_confirmed_at=done if proven else None,
    )  # fmt: skip


def test_proven_rides_give_passenger_km_and_shared_trips(driver, passenger, car):
    _ride(driver, passenger, car, datetime(2026, 3, 3, 8, tzinfo=PARIS))
    _ride(driver, passenger, car, datetime(2026, 3, 4, 8, tzinfo=PARIS), proven=False)
    _ride(driver, passenger, car, datetime(2026, 4, 1, 8, tzinfo=PARIS))  # April
    rows = list(RideshareIndicators().monthly(date(2026, 3, 1), date(2026, 4, 1)))
    by_user = {r.user_id: r for r in rows}
    taken = by_user[passenger.user_id]
    assert (taken.month, taken.commune, taken.trips) == (date(2026, 3, 1), "26074", 1)
    assert taken.passenger_km == taken.car_km_avoided == 24.0  # 12 km × 2 seats
    assert (taken.vehicle_trips, taken.occupants) == (1, 3)
    given = by_user[driver.user_id]
    assert (given.shared_trips, given.trips, given.car_km_avoided) == (1, 0, 0.0)


def test_the_registry_lists_the_rideshare_provider():
    names = [name for name, _ in indicators.registry.items()]
    assert "rideshare.rides" in names
