"""Impact workflows: recomputing the monthly indicators, switching the emission-factor version.

The monthly rows are a cache of what the services did, rebuilt from their indicator providers
(core/indicators.py) by ``recompute`` inside one transaction: a reader sees the old rows or
the new ones, never half of each.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from smartvillage.core import audit, emissions, indicators
from smartvillage.impact.models import EmissionFactorSet, MemberMonthlyIndicator, MonthlyIndicator

TENTH = Decimal("0.1")
COUNTERS = ("trips", "shared_trips", "vehicle_trips", "occupants", "desk_days")
KMS = ("passenger_km", "car_km_avoided", "co2_avoided_kg")


@dataclass
class Recomputed:
    start: date
    end: date
    rows: int
    member_rows: int
    factor_version: str


def default_range(today: date | None = None) -> tuple[date, date]:
    """From January of last year to the end of this month, widened to the rows that exist."""
    today = today or timezone.localdate()
    start, end = date(today.year - 1, 1, 1), indicators.next_month(today)
    span = MonthlyIndicator.objects.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] and span["first"] < start:
        start = span["first"]
    if span["last"] and span["last"] >= end:
        end = indicators.next_month(span["last"])
    return start, end


def _co2(row: indicators.Activity, table: dict[str, emissions.Factor]) -> float:
    co2 = row.car_km_avoided * float(table[row.avoided_mode].kg_per_km)
    if row.emitted_km and row.emitted_mode:
        co2 -= row.emitted_km * float(table[row.emitted_mode].kg_per_km)
    return co2


def _tenth(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _new() -> dict[str, float]:
    return dict.fromkeys(COUNTERS + KMS, 0.0)


def _add(acc: dict[str, float], row: indicators.Activity, co2: float) -> None:
    for name in COUNTERS + KMS[:2]:
        acc[name] += getattr(row, name)
    acc["co2_avoided_kg"] += co2


def _fields(acc: dict[str, float], version: str) -> dict[str, Any]:
    fields: dict[str, Any] = {name: int(acc[name]) for name in COUNTERS}
    fields.update({name: _tenth(acc[name]) for name in KMS})
    fields["factor_version"] = version
    return fields


def recompute(start: date | None = None, end: date | None = None) -> Recomputed:
    """Rebuild the monthly rows of the months in [start, end) from every provider."""
    if start is None or end is None:
        start, end = default_range()
    start, end = indicators.month_start(start), indicators.month_start(end)
    table = emissions.current()
    version = table["car_thermal"].version
    by_commune: dict[tuple[str, str, date], dict[str, float]] = defaultdict(_new)
    people: dict[tuple[str, str, date], set[str]] = defaultdict(set)
    by_member: dict[tuple[int, str, date], dict[str, float]] = defaultdict(_new)
    member_commune: dict[tuple[int, str, date], str] = {}
    for row in indicators.activity(start, end):
        co2 = _co2(row, table)
        key = (row.service, row.commune, row.month)
        _add(by_commune[key], row, co2)
        if row.person and row.trips + row.desk_days:
            people[key].add(row.person)
        if row.user_id is not None:
            member_key = (row.user_id, row.service, row.month)
            _add(by_member[member_key], row, co2)
            member_commune.setdefault(member_key, row.commune)
    with transaction.atomic():
        MonthlyIndicator.objects.filter(month__gte=start, month__lt=end).delete()
        MemberMonthlyIndicator.objects.filter(month__gte=start, month__lt=end).delete()
        MonthlyIndicator.objects.bulk_create(
            [
                MonthlyIndicator(
                    service=service,
                    commune_insee=commune,
                    month=month,
                    people_served=len(people.get((service, commune, month), ())),
                    **_fields(acc, version),
                )  # fmt: skip
                for (service, commune, month), acc in by_commune.items()
            ],
            batch_size=2000,
        )
        MemberMonthlyIndicator.objects.bulk_create(
            [
                MemberMonthlyIndicator(
                    user_id=user_id,
                    service=service,
                    month=month,
                    commune_insee=member_commune[(user_id, service, month)],
                    **_fields(acc, version),
                )  # fmt: skip
                for (user_id, service, month), acc in by_member.items()
            ],
            batch_size=2000,
        )
    return Recomputed(start, end, len(by_commune), len(by_member), version)


def make_current(factor_set: EmissionFactorSet, *, actor: Any = None) -> Recomputed:
    """Switch the current emission-factor version and recompute every figure with it."""
    with transaction.atomic():
        locked = EmissionFactorSet.objects.select_for_update().get(pk=factor_set.pk)
        EmissionFactorSet.objects.filter(is_current=True).exclude(pk=locked.pk).update(
            is_current=False
        )
        if not locked.is_current:
            locked.is_current = True
            locked.save(update_fields=["is_current"])
        result = recompute()
        audit.record(actor, "impact.factors.made_current", locked, version=locked.version)
    return result
