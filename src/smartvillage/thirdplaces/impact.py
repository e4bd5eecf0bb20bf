"""Telework impact: the commute a member avoids on each desk-day at a third place.

For a member who stated a usual workplace (``Workplace``), one desk-day avoids the round trip
home → workplace and costs the round trip home → third place:
``avoided = 2 × (d(home, workplace) − d(home, third place))`` km, never below zero, with road
distances from the travel-time provider of settings (``smartvillage.optim.traveltime``). Home
is the workplace form's home commune, else the profile's commune, else the third place's own
commune (the member lives nearby). The figure is computed once when a desk is booked and stored
on the booking, so a report does not change when the provider or the workplace changes.

CO2: ``km ×`` the factor of a thermal car with one occupant ("car_thermal") of the platform's
versioned emission-factor table (core/emissions.py); the figures say which version made them.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from smartvillage.core import emissions, traveltime


def co2_factor() -> emissions.Factor:
    return emissions.factor("car_thermal")


def co2_kg_per_km() -> Decimal:
    return co2_factor().kg_per_km


def _km(metres: float) -> Decimal:
    return (Decimal(str(metres)) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def avoided_km(
    home: tuple[float, float], workplace: tuple[float, float], third_place: tuple[float, float]
) -> Decimal:
    """Round-trip km avoided by working at ``third_place`` instead of ``workplace``."""
    metres = traveltime.provider().matrix([home, workplace, third_place]).metres
    saved = 2 * (float(metres[0, 1]) - float(metres[0, 2]))
    if saved != saved or saved == float("inf"):  # NaN or unreachable: no claim
        return Decimal("0.0")
    return max(_km(saved), Decimal("0.0"))


def avoided_km_for(user: Any, place: Any) -> Decimal | None:
    """The commute avoided by ``user`` on one desk-day at ``place``; None without a workplace."""
    from smartvillage.thirdplaces.models import Workplace

    workplace = (
        Workplace.objects.select_related("commune", "home_commune").filter(user=user).first()
    )
    if workplace is None:
        return None
    home = workplace.home_commune or getattr(user, "commune", None) or place.commune
    return avoided_km(
        (home.latitude, home.longitude),
        (workplace.commune.latitude, workplace.commune.longitude),
        (place.latitude, place.longitude),
    )


@dataclass
class Impact:
    desk_days: int = 0
    desk_days_with_workplace: int = 0
    km: Decimal = Decimal("0.0")
    places: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def co2_kg(self) -> Decimal:
        return (self.km * co2_kg_per_km()).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def summary(bookings: QuerySet[Any], *, until: date | None = None) -> Impact:
    """Desk-days, km and CO2 avoided by the live desk bookings of ``bookings``.

    A desk-day is one person at one place on one date: a morning and an afternoon the same day
    avoid one commute, not two. Only days up to ``until`` (default today) count.
    """
    until = until or timezone.localdate()
    rows = (
        bookings.filter(space__kind="desks", status="confirmed")
        .select_related("space__third_place")
        .values_list("user_id", "starts_at", "avoided_km", "space__third_place__slug",
                     "space__third_place__name", "space__third_place__commune__insee_code")
    )  # fmt: skip
    days: dict[tuple[int, date, str], Decimal | None] = {}
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for user_id, starts_at, km, slug, name, insee_code in rows:
        day = timezone.localdate(starts_at)
        if day > until:
            continue
        key = (user_id, day, slug)
        names[slug] = name
        codes[slug] = insee_code
        previous = days.get(key)
        days[key] = km if previous is None else max(previous, km or Decimal("0"))
    result = Impact()
    per_place: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for (_user, _day, slug), km in days.items():
        result.desk_days += 1
        per_place[slug][0] += 1
        if km is not None:
            result.desk_days_with_workplace += 1
            result.km += km
            per_place[slug][1] += 1
            per_place[slug][2] += km
    factor = co2_kg_per_km()
    for slug, (n, with_workplace, km) in sorted(per_place.items(), key=lambda kv: names[kv[0]]):
        result.places[slug] = {
            "name": names[slug],
            "insee_code": codes[slug],
            "desk_days": int(n),
            "desk_days_with_workplace": int(with_workplace),
            "km": km,
            "co2_kg": (km * factor).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        }
    return result


def for_period(bookings: QuerySet[Any], start: date | None, end: date | None) -> Impact:
    """The figures of the impact page for the days between ``start`` and ``end`` (each may be
    open); the monthly open-data CSV calls it for each month, so both show the same figures."""
    if start is not None:
        bookings = bookings.filter(starts_at__date__gte=start)
    if end is not None:
        bookings = bookings.filter(starts_at__date__lte=end)
    today = timezone.localdate()
    return summary(bookings, until=min(end, today) if end else today)


def monthly(bookings: QuerySet[Any], today: date | None = None) -> list[tuple[date, Impact]]:
    """Each month's figures, from the first desk booking's month to today's."""
    from smartvillage.core import datasets

    today = today or timezone.localdate()
    desks = bookings.filter(space__kind="desks", status="confirmed").order_by("starts_at")
    first = desks.values_list("starts_at", flat=True).first()
    if first is None:
        return []
    return [
        (month, for_period(bookings, month, datasets.month_end(month)))
        for month in datasets.months(timezone.localdate(first), today)
    ]


MONTHLY_COLUMNS = [
    "month", "third_place", "name", "insee_code", "desk_days", "desk_days_with_workplace",
    "km_avoided", "co2_avoided_kg",
]  # fmt: skip


def monthly_csv(rows: list[tuple[date, Impact]]) -> str:
    """UTF-8 CSV, one line per month and third place with desk-days (INSEE code of its
    commune); a month without any desk-day has no line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MONTHLY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for month, result in rows:
        for slug, place in result.places.items():
            writer.writerow(
                {
                    "month": f"{month:%Y-%m}",
                    "third_place": slug,
                    "name": place["name"],
                    "insee_code": place["insee_code"],
                    "desk_days": place["desk_days"],
                    "desk_days_with_workplace": place["desk_days_with_workplace"],
                    "km_avoided": place["km"],
                    "co2_avoided_kg": place["co2_kg"],
                }
            )
    return out.getvalue()
