from __future__ import annotations

from datetime import date

import pytest

from smartvillage.ondemand import stats
from smartvillage.ondemand.models import Booking, Run
from smartvillage.ondemand.services import booking as service_booking

from .conftest import NOW, WEDNESDAY


def test_it_counts_served_refused_cancelled_and_distances(trip, driver, operator_user):
    a = service_booking.book(operator_user, trip(passengers=1), now=NOW)
    b = service_booking.book(operator_user, trip(companion=True), now=NOW)
    with pytest.raises(service_booking.Unservable):
        service_booking.book(operator_user, trip(passengers=1), now=NOW)  # car full
    c = service_booking.book(
        operator_user, trip(requested_time=WEDNESDAY.replace(hour=15)), now=NOW
    )
    service_booking.cancel(operator_user, c, now=NOW)
    (row,) = stats.daily(a.service, date(2026, 3, 1), date(2026, 3, 31))
    assert (row.served, row.refused, row.cancelled) == (2, 1, 1)
    assert row.passengers == 3
    direct_km = (a.direct_distance_m + b.direct_distance_m) / 1000
    assert row.car_km_avoided == pytest.approx(direct_km, abs=0.1)
    assert row.passenger_km == pytest.approx(
        (a.direct_distance_m + b.direct_distance_m * 2) / 1000, abs=0.1
    )
    run_km = sum(Run.objects.values_list("distance_m", flat=True)) / 1000
    assert row.vehicle_km == pytest.approx(run_km, abs=0.1)
    assert row.occupancy == pytest.approx(row.passenger_km / row.vehicle_km, abs=0.01)
    assert Booking.objects.count() == 4
