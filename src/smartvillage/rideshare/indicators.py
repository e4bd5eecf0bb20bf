"""Carpool and hitchhiking in the indicators interface (core/indicators.py).

Only proven rides count (both sides confirmed, as for the proof registry). A ride gives two
rows: the passenger's (a trip, passenger-km = distance × seats, and as many car-km avoided:
each passenger-km is a car-km the passenger did not drive alone) and the driver's (one shared
trip, the driver's contribution). Occupancy: 1 + seats people in the car. The commune is
where the ride started (INSEE code recorded on the ride).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.db.models import Count, F, Sum
from django.utils import timezone

from smartvillage.core import indicators
from smartvillage.rideshare.models import Ride


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time(), tzinfo=tz), datetime.combine(end, time(), tzinfo=tz)


class RideshareIndicators:
    def monthly(self, start: date, end: date) -> Iterator[indicators.Activity]:
        # One query per month (no per-row month truncation: SQLite runs it in Python).
        month = start
        while month < end:
            yield from self._month(month)
            month = indicators.next_month(month)

    def _month(self, month: date) -> Iterator[indicators.Activity]:
        since, until = _bounds(month, indicators.next_month(month))
        rides = Ride.objects.proven().filter(started_at__gte=since, started_at__lt=until)
        taken = (
            rides.values(commune=F("start_insee"), member=F("passenger_id"),
                         user=F("passenger__user_id"))
            .annotate(n=Count("pk"), seat_sum=Sum("seats"),
                      metres=Sum(F("distance_m") * F("seats")))
            .order_by()
        )  # fmt: skip
        for row in taken:
            km = (row["metres"] or 0) / 1000
            yield indicators.Activity(
                service="rideshare", month=month, commune=row["commune"],
                user_id=row["user"], person=f"rideshare.member:{row['member']}",
                trips=row["n"], passenger_km=km, vehicle_trips=row["n"],
                occupants=row["n"] + row["seat_sum"], car_km_avoided=km,
            )  # fmt: skip
        driven = (
            rides.values(commune=F("start_insee"), member=F("driver_id"),
                         user=F("driver__user_id"))
            .annotate(n=Count("pk"))
            .order_by()
        )  # fmt: skip
        for line in driven:
            yield indicators.Activity(
                service="rideshare", month=month, commune=line["commune"],
                user_id=line["user"], person=f"rideshare.member:{line['member']}",
                shared_trips=line["n"],
            )  # fmt: skip


indicators.registry.register("rideshare.rides", RideshareIndicators())
