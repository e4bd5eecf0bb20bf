"""On-demand transport in the indicators interface: completed bookings, net of the run's km."""

from __future__ import annotations

from datetime import date

import pytest

from smartvillage.ondemand.indicators import OndemandIndicators
from smartvillage.ondemand.models import Booking
from smartvillage.ondemand.services import booking as service_booking

from .conftest import NOW


def test_completed_bookings_count_with_their_share_of_the_run(
    trip, driver, operator_user, beneficiary, commune
):
    booking = service_booking.book(operator_user, trip(passengers=2), now=NOW)
    booking.run.distance_m = 30_000
    booking.run.save(update_fields=["distance_m"])
    rows = list(OndemandIndicators().monthly(date(2026, 3, 1), date(2026, 4, 1)))
    assert rows == []  # confirmed, not yet travelled
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.COMPLETED)
    [row] = OndemandIndicators().monthly(date(2026, 3, 1), date(2026, 4, 1))
    direct_km = booking.direct_distance_m / 1000
    assert row.trips == 1
    assert row.commune == commune.insee_code
    assert row.person == f"ondemand.beneficiary:{beneficiary.pk}"
    assert row.passenger_km == pytest.approx(2 * direct_km)
    assert row.car_km_avoided == pytest.approx(direct_km)
    assert row.emitted_km == pytest.approx(30.0)  # the run's only booking
