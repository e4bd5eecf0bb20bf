"""Car sharing in the indicators interface (core/indicators.py).

Finished trips (checked in) count, in the month of check-out and the commune of the car's
station: trips and the km driven (``passenger_km``, the driver at least). No car-km or CO2
avoided is claimed: the shared car still drives; its gain (fewer cars owned) is not measured
here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

from django.db.models import Count, F, Sum
from django.utils import timezone

from smartvillage.carsharing.models import Trip
from smartvillage.core import indicators


class CarsharingIndicators:
    def monthly(self, start: date, end: date) -> Iterator[indicators.Activity]:
        # One query per month (no per-row month truncation: SQLite runs it in Python).
        tz = timezone.get_current_timezone()
        month = start
        while month < end:
            following = indicators.next_month(month)
            rows = (
                Trip.objects.filter(
                    checked_out_at__gte=datetime.combine(month, time(), tzinfo=tz),
                    checked_out_at__lt=datetime.combine(following, time(), tzinfo=tz),
                    odometer_end__isnull=False,
                )
                .values(commune=F("booking__vehicle__station__commune__insee_code"),
                        member=F("booking__member_id"), user=F("booking__member__user_id"))
                .annotate(n=Count("pk"), km=Sum(F("odometer_end") - F("odometer_start")))
                .order_by()
            )  # fmt: skip
            for row in rows:
                yield indicators.Activity(
                    service="carsharing", month=month, commune=row["commune"] or "",
                    user_id=row["user"], person=f"carsharing.member:{row['member']}",
                    trips=row["n"], passenger_km=float(row["km"] or 0),
                )  # fmt: skip
            month = following


indicators.registry.register("carsharing.trips", CarsharingIndicators())
