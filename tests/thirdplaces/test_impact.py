"""Telework impact: commute avoided per desk-day, in km and CO2, per place and for the network."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from smartvillage.core import emissions
from smartvillage.optim.traveltime import StraightLine
from smartvillage.thirdplaces import impact
from smartvillage.thirdplaces.models import Workplace
from smartvillage.thirdplaces.services import booking as service

from .conftest import NOW


@pytest.fixture
def commuter(coworker, grenoble, autrans):
    Workplace.objects.create(user=coworker, label="Bureaux", commune=grenoble, home_commune=autrans)
    return coworker


def expected_km(home, work, place) -> Decimal:
    metres = StraightLine().matrix([home, work, place]).metres
    return Decimal(str(2 * (metres[0, 1] - metres[0, 2]) / 1000)).quantize(Decimal("0.1"))


def test_a_desk_day_stores_the_round_trip_avoided(desks, commuter, grenoble, autrans, colo):
    booking = service.book_desk(commuter, desks, date(2026, 3, 3), "day", now=NOW)
    km = expected_km(
        (autrans.latitude, autrans.longitude),
        (grenoble.latitude, grenoble.longitude),
        (colo.latitude, colo.longitude),
    )
    assert km > Decimal("25")  # Autrans -> Grenoble is ~14 km as the crow flies, x 1.4, x 2
    assert booking.avoided_km == km


def test_no_workplace_no_claim(desks, coworker):
    booking = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    assert booking.avoided_km is None


def test_a_place_further_than_the_workplace_avoids_nothing():
    home, work, place = (45.18, 5.72), (45.19, 5.73), (45.0, 5.4)
    assert impact.avoided_km(home, work, place) == Decimal("0.0")


def test_a_morning_and_an_afternoon_the_same_day_count_one_commute(desks, commuter):
    morning = service.book_desk(commuter, desks, date(2026, 3, 3), "morning", now=NOW)
    service.book_desk(commuter, desks, date(2026, 3, 3), "afternoon", now=NOW)
    service.book_desk(commuter, desks, date(2026, 3, 4), "day", now=NOW)
    result = impact.summary(desks.bookings.all(), until=date(2026, 3, 31))
    assert result.desk_days == 2
    assert result.km == 2 * morning.avoided_km
    assert result.places["la-jolie-colo"]["desk_days"] == 2
    assert result.co2_kg == (result.km * Decimal("0.218")).quantize(Decimal("0.1"))


def test_future_and_cancelled_days_do_not_count(desks, commuter):
    booking = service.book_desk(commuter, desks, date(2026, 3, 3), "day", now=NOW)
    service.book_desk(commuter, desks, date(2026, 3, 4), "day", now=NOW)
    assert impact.summary(desks.bookings.all(), until=date(2026, 3, 3)).desk_days == 1
    service.cancel(commuter, booking, now=NOW)
    assert impact.summary(desks.bookings.all(), until=date(2026, 3, 3)).desk_days == 0


class _Table:
    def factors(self):
        car = emissions.Factor("car_thermal", Decimal("0.1"), "vehicle-km", "test", "v-test")
        return {"car_thermal": car}


def test_the_emission_factor_comes_from_the_versioned_table(desks, commuter):
    service.book_desk(commuter, desks, date(2026, 3, 3), "day", now=NOW)
    with emissions.registry.only(test__table=_Table()):
        result = impact.summary(desks.bookings.all(), until=date(2026, 3, 31))
        assert result.km > 0
        assert result.co2_kg == (result.km * Decimal("0.1")).quantize(Decimal("0.1"))


def test_the_impact_page_shows_the_network_figures(client, desks, commuter):
    service.book_desk(commuter, desks, date(2026, 3, 3), "day", now=NOW)
    response = client.get(reverse("thirdplaces:impact"))
    assert response.status_code == 200
    assert response.context["impact"].desk_days == 1
    assert client.post(reverse("thirdplaces:impact")).status_code == 405
