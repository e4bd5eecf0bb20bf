"""Car sharing in the indicators interface: finished trips and km, no CO2 claimed."""

from __future__ import annotations

from datetime import date

import time_machine

from smartvillage.carsharing.indicators import CarsharingIndicators
from smartvillage.carsharing.services import booking as service

from .conftest import paris


def test_finished_trips_count_in_the_month_of_check_out(zoe, driver, station):
    with time_machine.travel(paris(2026, 3, 1, 8), tick=False):
        b1 = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12))
        b2 = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12))
    with time_machine.travel(paris(2026, 3, 3, 9), tick=False):
        trip = service.check_out(driver, b1, 41000, 90)
    with time_machine.travel(paris(2026, 3, 3, 11, 50), tick=False):
        service.check_in(driver, trip, 41050, 40, "clean")
    with time_machine.travel(paris(2026, 3, 5, 9), tick=False):
        service.check_out(driver, b2, 41050, 90)  # not back yet: does not count
    rows = list(CarsharingIndicators().monthly(date(2026, 3, 1), date(2026, 4, 1)))
    assert len(rows) == 1
    row = rows[0]
    assert (row.user_id, row.trips, row.passenger_km) == (driver.pk, 1, 50.0)
    assert row.commune == station.commune.insee_code
    assert row.car_km_avoided == 0
