"""Statistics of a service: trips served, refused and cancelled, passengers, vehicle-km,
passenger-km, occupancy and car-km avoided, per day, with a CSV export.

Definitions (docs/ondemand.md):
- *served*: trips in a run (planned for a future day) or completed; no-shows apart;
- *passengers*: the travellers of served trips (passengers and companions);
- *vehicle-km*: distance driven by the day's runs, depot to depot;
- *passenger-km*: each served trip's direct distance × its travellers;
- *occupancy*: passenger-km / vehicle-km (average travellers on board per km driven);
- *car-km avoided*: the direct distance of each served trip, the car trip it replaces (a
  conservative figure: a relative driving the person there and back would drive twice that).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from smartvillage.core import datasets
from smartvillage.ondemand.models import Booking, Run, Service

SERVED = Q(status=Booking.Status.COMPLETED) | Q(
    status__in=[Booking.Status.CONFIRMED, Booking.Status.PICKED_UP], run__isnull=False
)


@dataclass
class Row:
    date: date | str
    served: int = 0
    refused: int = 0
    cancelled: int = 0
    late_cancellations: int = 0
    no_shows: int = 0
    passengers: int = 0
    vehicle_km: float = 0.0
    passenger_km: float = 0.0
    occupancy: float = 0.0
    car_km_avoided: float = 0.0


def daily(service: Service, start: date, end: date) -> list[Row]:
    rows = []
    bookings = Booking.objects.filter(service=service, date__gte=start, date__lte=end)
    runs = Run.objects.filter(day__service=service, day__date__gte=start, day__date__lte=end)
    km = dict(
        runs.exclude(status=Run.Status.DECLINED)
        .values_list("day__date")
        .annotate(total=Sum("distance_m"))
        .values_list("day__date", "total")
    )
    by_day: dict[date, list[Booking]] = {}
    for b in bookings.only(
        "date", "status", "run_id", "passengers", "companion", "direct_distance_m",
        "late_cancellation",
    ):  # fmt: skip
        by_day.setdefault(b.date, []).append(b)
    served_ids = set(bookings.filter(SERVED).values_list("pk", flat=True))
    day = start
    while day <= end:
        row = Row(day)
        for b in by_day.get(day, []):
            if b.pk in served_ids:
                travellers = b.passengers + int(b.companion)
                row.served += 1
                row.passengers += travellers
                row.passenger_km += b.direct_distance_m * travellers / 1000
                row.car_km_avoided += b.direct_distance_m / 1000
            elif b.status == Booking.Status.UNSERVED:
                row.refused += 1
            elif b.status == Booking.Status.CANCELLED:
                row.cancelled += 1
                row.late_cancellations += int(b.late_cancellation)
            elif b.status == Booking.Status.NO_SHOW:
                row.no_shows += 1
        row.vehicle_km = (km.get(day) or 0.0) / 1000
        row.occupancy = row.passenger_km / row.vehicle_km if row.vehicle_km else 0.0
        if by_day.get(day) or row.vehicle_km:
            rows.append(_rounded(row))
        day += timedelta(days=1)
    return rows


def _rounded(row: Row) -> Row:
    for name in ("vehicle_km", "passenger_km", "car_km_avoided"):
        setattr(row, name, round(getattr(row, name), 1))
    row.occupancy = round(row.occupancy, 2)
    return row


def total(rows: list[Row]) -> Row:
    out = Row("total")
    for row in rows:
        for f in fields(Row)[1:]:
            if f.name != "occupancy":
                setattr(out, f.name, getattr(out, f.name) + getattr(row, f.name))
    out.occupancy = out.passenger_km / out.vehicle_km if out.vehicle_km else 0.0
    return _rounded(out)


def summary(service: Service, start: date, end: date) -> tuple[list[Row], Row]:
    """The figures of the statistics page for a period: the days and their total. The monthly
    open-data CSV calls this same function for each month, so both show the same figures."""
    rows = daily(service, start, end)
    return rows, total(rows)


def months(service: Service, today: date) -> list[date]:
    """First days of the months from the service's first booking (or creation) to today's."""
    first = Booking.objects.filter(service=service).order_by("date").values_list("date", flat=True)
    return datasets.months(first.first() or timezone.localdate(service.created), today)


def zone_insee_codes(service: Service) -> list[str]:
    """The INSEE codes of the communes of a service's zone (its list and its area)."""
    codes = {c.insee_code for c in service.communes.all()}
    if service.area is not None:
        codes |= {c.insee_code for c in service.area.communes.all()}
    return sorted(codes)


def monthly(service: Service, today: date | None = None) -> list[tuple[date, Row]]:
    today = today or timezone.localdate()
    return [
        (month, summary(service, month, datasets.month_end(month))[1])
        for month in months(service, today)
    ]


MONTHLY_COLUMNS = ["service", "month", "insee_codes", *(f.name for f in fields(Row)[1:])]


def monthly_csv(service: Service, rows: list[tuple[date, Row]]) -> str:
    """UTF-8 CSV, one line per month: the service's slug, the month (YYYY-MM), the INSEE codes
    of its zone (space-separated) and the month's totals."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MONTHLY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    codes = " ".join(zone_insee_codes(service))
    for month, row in rows:
        values = asdict(row)
        del values["date"]
        writer.writerow(
            {"service": service.slug, "month": f"{month:%Y-%m}", "insee_codes": codes, **values}
        )
    return buffer.getvalue()


def to_csv(service: Service, rows: list[Row]) -> str:
    """UTF-8 CSV, one line per day and a total line; the service's slug on every line."""
    buffer = io.StringIO()
    names = [f.name for f in fields(Row)]
    writer = csv.DictWriter(buffer, fieldnames=["service", *names])
    writer.writeheader()
    for row in [*rows, total(rows)]:
        writer.writerow({"service": service.slug, **asdict(row)})
    return buffer.getvalue()
