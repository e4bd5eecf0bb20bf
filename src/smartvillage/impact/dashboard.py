"""The figures of the dashboards, read from the pre-aggregated monthly rows only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import indicators
from smartvillage.impact import charts
from smartvillage.impact.models import EmissionFactorSet, MemberMonthlyIndicator, MonthlyIndicator
from smartvillage.territory.models import Commune

SERVICES = {
    "rideshare": _("Carpool and hitchhiking"),
    "ondemand": _("On-demand transport"),
    "carsharing": _("Car sharing"),
    "thirdplaces": _("Third places"),
}
SUMS = ("trips", "shared_trips", "vehicle_trips", "occupants", "desk_days", "passenger_km",
        "car_km_avoided", "co2_avoided_kg")  # fmt: skip


def service_label(service: str) -> str:
    return str(SERVICES.get(service, service))


def months(count: int, today: date | None = None) -> list[date]:
    """The ``count`` months ending with this one, oldest first."""
    month = indicators.month_start(today or timezone.localdate())
    found = []
    for _i in range(count):
        found.append(month)
        month = indicators.month_start(month - timedelta(days=1))
    return found[::-1]


def month_label(month: date) -> str:
    return formats.date_format(month, "M Y")


@dataclass
class Totals:
    trips: int = 0
    shared_trips: int = 0
    vehicle_trips: int = 0
    occupants: int = 0
    desk_days: int = 0
    people_served: int = 0
    passenger_km: Decimal = Decimal("0.0")
    car_km_avoided: Decimal = Decimal("0.0")
    co2_avoided_kg: Decimal = Decimal("0.0")

    @property
    def occupancy(self) -> Decimal | None:
        if not self.vehicle_trips:
            return None
        return (Decimal(self.occupants) / self.vehicle_trips).quantize(Decimal("0.01"))


def _totals(row: Any) -> Totals:
    values: dict[str, Any] = {k: (row.get(k) or 0) for k in Totals.__dataclass_fields__ if k in row}
    return Totals(**values)


def versions(rows: QuerySet[Any]) -> list[EmissionFactorSet | str]:
    """The factor versions that made the figures of ``rows`` (with their source when known)."""
    names = sorted(set(rows.values_list("factor_version", flat=True).distinct()))
    known = {s.version: s for s in EmissionFactorSet.objects.filter(version__in=names)}
    return [known.get(name, name) for name in names]


@dataclass
class Territory:
    months: list[date]
    totals: Totals
    per_service: list[tuple[str, str, Totals]]
    per_commune: list[tuple[str, str, Totals]]
    over_time: charts.Chart
    communes_chart: charts.Chart
    versions: list[EmissionFactorSet | str]
    map_points: list[dict[str, Any]]


def territory(
    month_list: list[date], *, service: str = "", communes: list[str] | None = None
) -> Territory:
    """The territory's figures, cached until the next recompute (display only: the rows are
    the pre-aggregated cache of the services' activity anyway)."""
    from django.core.cache import cache

    from smartvillage.impact import services

    key = "impact:territory:{}:{}:{}:{}:{}".format(
        services.generation(), month_list[0], month_list[-1], service, ",".join(communes or ())
    )
    found: Territory | None = cache.get(key)
    if found is None:
        found = _territory(month_list, service=service, communes=communes)
        cache.set(key, found, timeout=600)
    return found


def _territory(
    month_list: list[date], *, service: str = "", communes: list[str] | None = None
) -> Territory:
    rows = MonthlyIndicator.objects.filter(month__gte=month_list[0], month__lte=month_list[-1])
    if service:
        rows = rows.filter(service=service)
    if communes:
        rows = rows.filter(commune_insee__in=communes)
    sums = {name: Sum(name) for name in (*SUMS, "people_served")}
    totals = _totals(rows.aggregate(**sums))
    per_service = [
        (r["service"], service_label(r["service"]), _totals(r))
        for r in rows.values("service").annotate(**sums).order_by("service")
    ]
    commune_rows = list(rows.values("commune_insee").annotate(**sums).order_by("-car_km_avoided"))
    names = {
        c.insee_code: c
        for c in Commune.objects.filter(insee_code__in=[r["commune_insee"] for r in commune_rows])
    }
    per_commune = [
        (r["commune_insee"], names[r["commune_insee"]].name if r["commune_insee"] in names
         else str(_("Unknown commune")), _totals(r))
        for r in commune_rows
    ]  # fmt: skip
    series: dict[str, dict[str, Decimal]] = defaultdict(dict)
    labels = [month_label(m) for m in month_list]
    for r in rows.values("month", "service").annotate(km=Sum("car_km_avoided")).order_by():
        series[service_label(r["service"])][month_label(r["month"])] = r["km"] or Decimal(0)
    over_time = charts.stacked(str(_("Car km avoided per month")), "km", labels, series)
    top = per_commune[:10]
    communes_chart = charts.stacked(
        str(_("Car km avoided per commune (the ten first)")), "km", [name for _c, name, _t in top],
        {str(_("Car km avoided")): {name: t.car_km_avoided for _c, name, t in top}},
    )  # fmt: skip
    map_points = [
        {"name": names[code].name, "lat": names[code].latitude, "lon": names[code].longitude,
         "km": float(t.car_km_avoided), "co2": float(t.co2_avoided_kg), "trips": t.trips,
         "deskDays": t.desk_days}
        for code, _name, t in per_commune if code in names
    ]  # fmt: skip
    return Territory(
        month_list, totals, per_service, per_commune, over_time, communes_chart,
        versions(rows), map_points,
    )  # fmt: skip


@dataclass
class Mine:
    months: list[date]
    totals: Totals
    per_service: list[tuple[str, str, Totals]]
    over_time: charts.Chart
    versions: list[EmissionFactorSet | str]


def member(user: Any, month_list: list[date]) -> Mine:
    rows = MemberMonthlyIndicator.objects.filter(
        user=user, month__gte=month_list[0], month__lte=month_list[-1]
    )
    sums = {name: Sum(name) for name in SUMS}
    per_service = [
        (r["service"], service_label(r["service"]), _totals(r))
        for r in rows.values("service").annotate(**sums).order_by("service")
    ]
    series: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for r in rows.values("month", "service", "car_km_avoided"):
        series[service_label(r["service"])][month_label(r["month"])] = r["car_km_avoided"]
    chart = charts.stacked(
        str(_("My car km avoided per month")), "km", [month_label(m) for m in month_list], series
    )
    return Mine(month_list, _totals(rows.aggregate(**sums)), per_service, chart, versions(rows))
