"""Open-data exports of the network (CSV and GeoJSON with INSEE codes) and monthly statements.

CSV: UTF-8, comma-separated, one row per third place, keyed by the commune's INSEE code (the
"socle commun des données locales" habit). GeoJSON (RFC 7946): one Point feature per place,
``[longitude, latitude]``. Licence Ouverte 2.0 is the expected licence of the published data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from smartvillage.thirdplaces.models import SERVICES, Booking, MemberPass, OpeningHours, ThirdPlace

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def opening_hours_osm(place: ThirdPlace) -> str:
    """Opening hours in OpenStreetMap's ``opening_hours`` syntax ("Mo 09:00-12:00,14:00-18:00")."""
    by_day: dict[int, list[OpeningHours]] = {}
    for h in place.opening_hours.all():
        by_day.setdefault(h.weekday, []).append(h)
    parts = []
    for weekday, rows in sorted(by_day.items()):
        spans = ",".join(
            f"{h.opens:%H:%M}-{'24:00' if h.closes == time(0) else h.closes.strftime('%H:%M')}"
            for h in sorted(rows, key=lambda r: r.opens)
        )
        parts.append(f"{DAYS[weekday]} {spans}")
    return "; ".join(parts)


def _record(place: ThirdPlace) -> dict[str, Any]:
    return {
        "id": place.slug,
        "name": place.name,
        "organisation": place.organisation.name,
        "insee_code": place.commune.insee_code,
        "commune": place.commune.name,
        "address": place.address,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "services": " ".join(place.services),
        "opening_hours": opening_hours_osm(place),
        "wheelchair_accessible": place.wheelchair_accessible,
        "accessibility": place.accessibility,
        "email": place.email,
        "phone": place.phone,
        "website": place.website,
    }


COLUMNS = [
    "id", "name", "organisation", "insee_code", "commune", "address", "latitude", "longitude",
    "services", "opening_hours", "wheelchair_accessible", "accessibility", "email", "phone",
    "website",
]  # fmt: skip


def places_csv(places: Iterable[ThirdPlace]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for place in places:
        row = _record(place)
        row["wheelchair_accessible"] = "yes" if row["wheelchair_accessible"] else "no"
        writer.writerow(row)
    return out.getvalue()


def places_geojson(places: Iterable[ThirdPlace]) -> str:
    features = []
    for place in places:
        properties = _record(place)
        properties["services"] = place.services
        properties["url"] = f"/third-places/{place.slug}/"
        del properties["latitude"], properties["longitude"]
        features.append(
            {
                "type": "Feature",
                "id": place.slug,
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": properties,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


SERVICE_KEYS = list(SERVICES)


# --- Monthly statement ---------------------------------------------------------------------------


@dataclass
class Statement:
    month: date
    bookings: list[Booking] = field(default_factory=list)
    passes: list[MemberPass] = field(default_factory=list)
    bookings_total: Decimal = Decimal("0.00")
    passes_total: Decimal = Decimal("0.00")
    desk_units: int = 0
    room_hours: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.bookings_total + self.passes_total


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first = month.replace(day=1)
    following = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )
    return datetime.combine(first, time.min, tzinfo=tz), datetime.combine(
        following, time.min, tzinfo=tz
    )


def statement(place: ThirdPlace, month: date) -> Statement:
    """The month's confirmed bookings (by start) and the passes sold (by purchase date)."""
    start, end = _month_bounds(month)
    result = Statement(month=month.replace(day=1))
    result.bookings = list(
        Booking.objects.live()
        .filter(space__third_place=place, starts_at__gte=start, starts_at__lt=end)
        .select_related("space", "user", "member_pass__product")
        .order_by("starts_at", "pk")
    )
    result.passes = list(
        MemberPass.objects.filter(third_place=place, created__gte=start, created__lt=end)
        .select_related("product", "user")
        .order_by("created", "pk")
    )
    from smartvillage.core.booking import duration

    for b in result.bookings:
        result.bookings_total += b.price
        if b.exclusive:
            result.room_hours += Decimal(duration(b.starts_at, b.ends_at).total_seconds()) / 3600
        else:
            result.desk_units += b.quantity
    result.passes_total = sum((p.price_paid for p in result.passes), Decimal("0.00"))
    return result


def statement_csv(data: Statement) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["type", "date", "member", "item", "period", "quantity", "pass", "price_eur"])
    for b in data.bookings:
        writer.writerow(
            [
                "booking",
                timezone.localtime(b.starts_at).strftime("%Y-%m-%d %H:%M"),
                b.user.get_full_name() or b.user.email,
                b.space.name,
                b.period,
                b.quantity,
                b.member_pass.product.name if b.member_pass else "",
                f"{b.price:.2f}",
            ]
        )
    for p in data.passes:
        writer.writerow(
            [
                "pass",
                timezone.localtime(p.created).strftime("%Y-%m-%d %H:%M"),
                p.user.get_full_name() or p.user.email,
                p.product.name,
                f"{p.valid_from}/{p.valid_until}",
                1,
                "",
                f"{p.price_paid:.2f}",
            ]
        )
    writer.writerow(["total", "", "", "", "", "", "", f"{data.total:.2f}"])
    return out.getvalue()
