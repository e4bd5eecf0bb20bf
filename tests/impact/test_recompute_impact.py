"""recompute_impact: the services' activity summed into monthly rows, in one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from smartvillage.core import indicators
from smartvillage.impact import services
from smartvillage.impact.models import MemberMonthlyIndicator, MonthlyIndicator

from .conftest import APRIL, MARCH, carpool


def test_rows_are_summed_per_service_commune_and_month(db, provide, make_user):
    anna, ben = make_user("anna@example.org"), make_user("ben@example.org")
    provide(
        carpool(anna, km=10.0), carpool(anna, km=5.0), carpool(ben, km=20.0),
        carpool(ben, km=7.0, commune="38548"), carpool(anna, km=1.0, month=APRIL),
    )  # fmt: skip
    result = services.recompute(MARCH, date(2026, 5, 1))
    assert (result.rows, result.member_rows) == (3, 4)
    march = MonthlyIndicator.objects.get(month=MARCH, commune_insee="26074")
    assert (march.trips, march.people_served, march.car_km_avoided) == (3, 2, Decimal("35.0"))
    assert march.co2_avoided_kg == Decimal("7.6")  # 35 × 0.218 = 7.63
    assert march.occupancy == Decimal("2.00")
    ben_march = MemberMonthlyIndicator.objects.filter(user=ben, month=MARCH).aggregate(
        trips=Sum("trips"), car_km_avoided=Sum("car_km_avoided")
    )
    assert (ben_march["trips"], ben_march["car_km_avoided"]) == (2, Decimal("27.0"))


def test_emitted_km_are_subtracted_from_the_co2(db, provide):
    provide(carpool(km=100.0, emitted_km=20.0, emitted_mode="car_thermal"))
    services.recompute(MARCH, APRIL)
    assert MonthlyIndicator.objects.get().co2_avoided_kg == Decimal("17.4")  # 80 × 0.218


def test_recomputing_replaces_the_months_rows_only(db, provide):
    service = provide(carpool(km=10.0), carpool(km=3.0, month=APRIL))
    services.recompute(MARCH, date(2026, 5, 1))
    service.rows = [carpool(km=1.0)]
    services.recompute(MARCH, APRIL)
    assert MonthlyIndicator.objects.get(month=MARCH).car_km_avoided == Decimal("1.0")
    assert MonthlyIndicator.objects.get(month=APRIL).car_km_avoided == Decimal("3.0")


def test_a_failing_provider_leaves_the_old_rows(db, provide):
    service = provide(carpool(km=10.0))
    services.recompute(MARCH, APRIL)

    def broken(start, end):
        yield carpool(km=99.0)
        raise RuntimeError("the service's database went away")

    service.monthly = broken
    with pytest.raises(RuntimeError):
        services.recompute(MARCH, APRIL)
    assert MonthlyIndicator.objects.get().car_km_avoided == Decimal("10.0")


def test_the_command_recomputes_the_months_asked_for(db, provide):
    provide(carpool(km=10.0), carpool(km=3.0, month=APRIL))
    out = StringIO()
    call_command("recompute_impact", "--from", "2026-03", "--until", "2026-04", stdout=out)
    assert list(MonthlyIndicator.objects.values_list("month", flat=True)) == [MARCH]
    assert "ademe-impactco2-2026-12" in out.getvalue()


@pytest.mark.parametrize(
    "args",
    [["--from", "2026-13"], ["--from", "2026-03"], ["--from", "2026-04", "--until", "2026-03"]],
)
def test_the_command_rejects_bad_months(db, args):
    with pytest.raises(CommandError):
        call_command("recompute_impact", *args)


def test_every_service_provides_its_activity():
    names = {name for name, _ in indicators.registry.items()}
    assert {"rideshare.rides", "ondemand.bookings", "carsharing.trips",
            "thirdplaces.desk_days"} <= names  # fmt: skip
