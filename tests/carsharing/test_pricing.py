"""Prices in Decimal, half-up to the cent (services/pricing.py), and the trip's final price."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    PricingPlan,
    Vehicle,
)
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import pricing

from .conftest import NOW, paris


def make_plan(hourly="2.00", per_km="0.20", cap=None) -> PricingPlan:
    return PricingPlan(
        hourly_rate=Decimal(hourly),
        per_km_rate=Decimal(per_km),
        daily_cap=Decimal(cap) if cap else None,
    )


def test_it_prices_by_the_minute_rounded_half_up():
    plan = make_plan()
    # 20 min at €2/h = 0.6666… → 0.67
    assert pricing.time_price(plan, paris(2026, 5, 4, 9), paris(2026, 5, 4, 9, 20)) == Decimal(
        "0.67"
    )


def test_it_rounds_half_up_not_to_even():
    plan = make_plan(hourly="0.25")
    # 30 min at €0.25/h = 0.125 → 0.13 (banker's rounding would give 0.12)
    price = pricing.time_price(plan, paris(2026, 5, 4, 9), paris(2026, 5, 4, 9, 30))
    assert price == Decimal("0.13")


def test_the_daily_cap_applies_per_24_hour_period():
    plan = make_plan(cap="20.00")
    start = paris(2026, 5, 4, 9)
    assert pricing.time_price(plan, start, start + timedelta(hours=9)) == Decimal("18.00")
    assert pricing.time_price(plan, start, start + timedelta(hours=10)) == Decimal("20.00")
    assert pricing.time_price(plan, start, start + timedelta(hours=24)) == Decimal("20.00")
    # A second period: 24 h capped + 6 h at €2.
    assert pricing.time_price(plan, start, start + timedelta(hours=30)) == Decimal("32.00")
    assert pricing.time_price(plan, start, start + timedelta(hours=48)) == Decimal("40.00")


def test_the_daily_cap_does_not_apply_to_kilometres():
    plan = make_plan(cap="20.00")
    start = paris(2026, 5, 4, 9)
    price = pricing.price(plan, start, start + timedelta(hours=24), km=150)
    assert (price.time, price.distance, price.total) == (
        Decimal("20.00"),
        Decimal("30.00"),
        Decimal("50.00"),
    )


def test_it_prices_kilometres_to_the_cent():
    assert pricing.distance_price(make_plan(per_km="0.37"), 3) == Decimal("1.11")
    assert pricing.distance_price(make_plan(per_km="0.37"), 0) == Decimal("0.00")
    with pytest.raises(ValueError, match="negative"):
        pricing.distance_price(make_plan(), -1)


def test_an_empty_or_reversed_slot_costs_nothing():
    t = paris(2026, 5, 4, 9)
    assert pricing.time_price(make_plan(), t, t) == Decimal("0.00")
    assert pricing.time_price(make_plan(), t, t - timedelta(hours=1)) == Decimal("0.00")


def test_a_night_across_the_spring_dst_change_costs_seven_hours():
    # 28 → 29 March 2026, 22:00 → 06:00 on the clock: 7 real hours (02:00 becomes 03:00).
    price = pricing.time_price(make_plan(), paris(2026, 3, 28, 22), paris(2026, 3, 29, 6))
    assert price == Decimal("14.00")


def test_a_night_across_the_autumn_dst_change_costs_nine_hours():
    # 24 → 25 October 2026, 22:00 → 06:00 on the clock: 9 real hours (03:00 becomes 02:00).
    price = pricing.time_price(make_plan(), paris(2026, 10, 24, 22), paris(2026, 10, 25, 6))
    assert price == Decimal("18.00")


def test_the_daily_cap_period_is_24_real_hours_across_dst():
    plan = make_plan(hourly="1.00", cap="20.00")
    # Saturday 12:00 → Sunday 13:00 on the clock is 24 real hours in spring: one period.
    assert pricing.time_price(plan, paris(2026, 3, 28, 12), paris(2026, 3, 29, 13)) == Decimal(
        "20.00"
    )
    # Saturday 12:00 → Sunday 12:00 in autumn is 25 real hours: 20.00 + 1.00.
    assert pricing.time_price(plan, paris(2026, 10, 24, 12), paris(2026, 10, 25, 12)) == Decimal(
        "21.00"
    )


def test_a_booking_across_dst_has_the_right_duration_and_price(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 28, 22), paris(2026, 3, 29, 6), now=NOW)
    booking.refresh_from_db()
    assert booking.ends_at - booking.starts_at == timedelta(hours=7)  # stored in UTC
    assert booking.estimated_price == Decimal("14.00")


def test_the_duration_limits_use_real_time_across_dst(zoe, driver, fleet):
    fleet.max_duration = timedelta(hours=8)
    fleet.save()
    # 23:00 → 08:00 on the clock in spring is 8 real hours: allowed.
    service.book(driver, zoe, paris(2026, 3, 28, 23), paris(2026, 3, 29, 8), now=NOW)
    # 23:00 → 07:00 on the clock in autumn is 9 real hours: too long.
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 10, 24, 23), paris(2026, 10, 25, 7), now=NOW)
    assert "end" in exc.value.message_dict


def test_late_cancellation_fee_is_rounded_half_up(zoe, driver, plan, fleet):
    plan.hourly_rate = Decimal("2.50")
    plan.save()
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 11, 30), now=NOW)
    assert booking.estimated_price == Decimal("6.25")
    service.cancel(driver, booking, now=paris(2026, 3, 5, 8))
    booking.refresh_from_db()
    assert booking.cancellation_fee == Decimal("3.13")  # 50 % of 6.25 = 3.125


def test_the_member_plan_wins_over_the_vehicle_plan(zoe, driver, coop):
    cheap = PricingPlan.objects.create(
        organisation=coop,
        name="Solidaire",
        hourly_rate=Decimal("1.00"),
        per_km_rate=Decimal("0.10"),
    )
    CarshareMember.objects.filter(user=driver).update(plan=cheap)
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    assert booking.estimated_price == Decimal("3.00")


def test_check_in_prices_the_kilometres_entered(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    trip = service.check_out(
        driver, booking, odometer=12345, battery=80, now=paris(2026, 3, 5, 9, 5)
    )
    trip = service.check_in(
        driver,
        trip,
        odometer=12400,
        battery=35,
        cleanliness="clean",
        damage="Scratch on the rear bumper",
        now=paris(2026, 3, 5, 11, 50),
    )
    assert (trip.time_price, trip.km_price, trip.total_price) == (
        Decimal("6.00"),
        Decimal("11.00"),
        Decimal("17.00"),
    )
    assert Vehicle.objects.get(pk=zoe.pk).charge_percent == 35
    assert DamageReport.objects.get().booking == booking


def test_a_late_return_is_charged_until_check_in(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    trip = service.check_out(driver, booking, odometer=100, battery=80, now=paris(2026, 3, 5, 9))
    trip = service.check_in(driver, trip, 100, 80, "clean", now=paris(2026, 3, 5, 13))
    assert trip.time_price == Decimal("8.00")


def test_check_in_refuses_a_lower_odometer(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    trip = service.check_out(driver, booking, odometer=100, battery=80, now=paris(2026, 3, 5, 9))
    with pytest.raises(ValidationError) as exc:
        service.check_in(driver, trip, 99, 80, "clean", now=paris(2026, 3, 5, 11))
    assert "odometer" in exc.value.message_dict


def test_check_out_waits_for_the_start(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    with pytest.raises(ValidationError):
        service.check_out(driver, booking, odometer=100, battery=80, now=paris(2026, 3, 5, 8))
    assert Booking.objects.get().status == Booking.Status.CONFIRMED
