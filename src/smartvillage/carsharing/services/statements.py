"""Monthly statements: what each member owes for a calendar month (Europe/Paris).

A trip belongs to the month it was checked in (when its price became final); a late-cancellation
fee to the month of the cancellation. Amounts are the Decimal prices stored at that moment, so a
statement never changes when a pricing plan changes later. The yearly membership fee and the
deposit are not monthly charges and are not on the statement (shown as information).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.carsharing.models import Booking, CarshareMember, Trip
from smartvillage.core.booking import duration

ZERO = Decimal("0.00")


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next one, in the local time zone."""
    tz = timezone.get_current_timezone()
    first = datetime(month.year, month.month, 1, tzinfo=tz)
    after = (
        datetime(month.year + 1, 1, 1, tzinfo=tz)
        if month.month == 12
        else datetime(month.year, month.month + 1, 1, tzinfo=tz)
    )
    return first, after


def parse_month(value: str | None, default: date) -> date:
    """``YYYY-MM`` to the first day of that month; ``default`` when missing or malformed."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return default.replace(day=1)


@dataclass
class Line:
    kind: str  # "trip" or "cancellation"
    booking: Booking
    when: datetime
    hours: Decimal
    km: int
    time_price: Decimal
    km_price: Decimal
    fee: Decimal

    @property
    def total(self) -> Decimal:
        return self.time_price + self.km_price + self.fee

    @property
    def label(self) -> str:
        return str(_("Trip") if self.kind == "trip" else _("Late cancellation"))


@dataclass
class Statement:
    member: CarshareMember
    month: date
    lines: list[Line] = field(default_factory=list)

    @property
    def km(self) -> int:
        return sum(line.km for line in self.lines)

    @property
    def time_price(self) -> Decimal:
        return sum((line.time_price for line in self.lines), ZERO)

    @property
    def km_price(self) -> Decimal:
        return sum((line.km_price for line in self.lines), ZERO)

    @property
    def fees(self) -> Decimal:
        return sum((line.fee for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)


def _hours(start: datetime, end: datetime) -> Decimal:
    return (Decimal(int(duration(start, end).total_seconds())) / 3600).quantize(Decimal("0.01"))


def statements(members: Any, month: date) -> list[Statement]:
    """One statement per member of ``members`` (a queryset) who has something in ``month``;
    two queries whatever the number of members."""
    first, after = month_bounds(month)
    by_member: dict[int, Statement] = {}
    members = {m.pk: m for m in members.select_related("user", "organisation")}
    trips = (
        Trip.objects.filter(
            booking__member_id__in=members, checked_in_at__gte=first, checked_in_at__lt=after
        )
        .select_related("booking__vehicle__station__commune")
        .order_by("checked_in_at")
    )
    for trip in trips:
        booking = trip.booking
        assert trip.checked_in_at is not None
        statement = by_member.setdefault(
            booking.member_id, Statement(members[booking.member_id], month)
        )
        statement.lines.append(
            Line(
                "trip",
                booking,
                trip.checked_in_at,
                _hours(booking.starts_at, max(booking.ends_at, trip.checked_in_at)),
                trip.distance_km or 0,
                trip.time_price or ZERO,
                trip.km_price or ZERO,
                ZERO,
            )
        )
    fees = (
        Booking.objects.filter(
            Q(cancellation_fee__gt=0),
            member_id__in=members,
            status=Booking.Status.CANCELLED,
            cancelled_at__gte=first,
            cancelled_at__lt=after,
        )
        .select_related("vehicle__station__commune")
        .order_by("cancelled_at")
    )
    for booking in fees:
        assert booking.cancelled_at is not None
        assert booking.cancellation_fee is not None
        statement = by_member.setdefault(
            booking.member_id, Statement(members[booking.member_id], month)
        )
        statement.lines.append(
            Line(
                "cancellation",
                booking,
                booking.cancelled_at,
                ZERO,
                0,
                ZERO,
                ZERO,
                booking.cancellation_fee,
            )
        )
    for statement in by_member.values():
        statement.lines.sort(key=lambda line: line.when)
    return sorted(by_member.values(), key=lambda s: (s.member.user.last_name, s.member.user.email))


def statement_for(member: CarshareMember, month: date) -> Statement:
    found = statements(CarshareMember.objects.filter(pk=member.pk), month)
    return found[0] if found else Statement(member, month)


CSV_HEADER = [
    "month",
    "organisation",
    "member_name",
    "member_email",
    "line",
    "date",
    "vehicle",
    "station",
    "station_insee_code",
    "booked_from",
    "booked_until",
    "hours",
    "km",
    "time_price_eur",
    "km_price_eur",
    "fee_eur",
    "total_eur",
]


def to_csv(items: list[Statement]) -> str:
    """One row per line of each statement (UTF-8, comma-separated, INSEE code of the station's
    commune, local times in ISO 8601, amounts with a dot)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for statement in items:
        user = statement.member.user
        for line in statement.lines:
            booking = line.booking
            station = booking.vehicle.station
            writer.writerow(
                [
                    statement.month.strftime("%Y-%m"),
                    statement.member.organisation.name,
                    f"{user.first_name} {user.last_name}".strip(),
                    user.email,
                    line.kind,
                    timezone.localtime(line.when).isoformat(timespec="minutes"),
                    booking.vehicle.name,
                    station.name,
                    station.commune.insee_code if station.commune else "",
                    timezone.localtime(booking.starts_at).isoformat(timespec="minutes"),
                    timezone.localtime(booking.ends_at).isoformat(timespec="minutes"),
                    line.hours,
                    line.km,
                    line.time_price,
                    line.km_price,
                    line.fee,
                    line.total,
                ]
            )
    return out.getvalue()
