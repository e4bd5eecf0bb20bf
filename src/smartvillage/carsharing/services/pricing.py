"""Prices in Decimal euros, rounded half-up to the cent.

- Time: the hourly rate, pro rata to the minute, on the real elapsed time (a night that crosses
  the change to summer time lasts one hour less, and costs less).
- Daily cap: the time price of each 24-hour period from the start (not each calendar day) is
  capped; the last, partial period too. The cap applies to the time price only.
- Distance: the per-km rate on the kilometres entered at check-in (odometer difference).
- Each part is rounded to the cent, and the total is their sum, so statements add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from smartvillage.carsharing.models import Booking, Fleet, PricingPlan
from smartvillage.core.booking import duration, utc

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
DAY = timedelta(hours=24)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Price:
    time: Decimal
    distance: Decimal

    @property
    def total(self) -> Decimal:
        return self.time + self.distance


def time_price(plan: PricingPlan, start: datetime, end: datetime) -> Decimal:
    remaining = duration(start, end)
    if remaining <= timedelta(0):
        return ZERO
    total = Decimal(0)
    while remaining > timedelta(0):
        period = min(remaining, DAY)
        minutes = Decimal(int(period.total_seconds())) / 60
        cost = plan.hourly_rate * minutes / 60
        if plan.daily_cap is not None:
            cost = min(cost, plan.daily_cap)
        total += cost
        remaining -= period
    return to_cents(total)


def distance_price(plan: PricingPlan, km: int) -> Decimal:
    if km < 0:
        raise ValueError("A distance cannot be negative")
    return to_cents(plan.per_km_rate * km)


def price(plan: PricingPlan, start: datetime, end: datetime, km: int = 0) -> Price:
    return Price(time=time_price(plan, start, end), distance=distance_price(plan, km))


def cancellation_fee(fleet: Fleet, booking: Booking, now: datetime) -> Decimal:
    """Free until the deadline before the start, then a share of the estimated price."""
    if now <= utc(booking.starts_at) - fleet.cancellation_deadline:
        return ZERO
    return to_cents(booking.estimated_price * fleet.late_cancellation_fee_percent / 100)
