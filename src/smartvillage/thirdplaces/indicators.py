"""Third places in the indicators interface (core/indicators.py).

Desk-days up to today (a person at a place on a date, as in ``impact.summary``): each is a
commute avoided; the car-km avoided are the ones stored on the booking (``avoided_km``, only for
members who stated their workplace). The commune is the third place's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from smartvillage.core import indicators
from smartvillage.thirdplaces.models import Booking


class ThirdPlaceIndicators:
    def monthly(self, start: date, end: date) -> Iterator[indicators.Activity]:
        tz = timezone.get_current_timezone()
        today = timezone.localdate()
        rows = Booking.objects.filter(
            space__kind="desks", status="confirmed",
            starts_at__gte=datetime.combine(start, time(), tzinfo=tz),
            starts_at__lt=datetime.combine(end, time(), tzinfo=tz),
        ).values_list("user_id", "starts_at", "avoided_km", "space__third_place_id",
                      "space__third_place__commune__insee_code")  # fmt: skip
        days: dict[tuple[int, date, int], Decimal | None] = {}
        communes: dict[int, str] = {}
        for user, starts_at, km, place, insee in rows:
            day = timezone.localdate(starts_at)
            if day > today:
                continue
            communes[place] = insee or ""
            key = (user, day, place)
            previous = days.get(key)
            days[key] = km if previous is None else max(previous, km or Decimal("0"))
        acc: dict[tuple[date, str, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for (user, day, place), avoided in days.items():
            line = acc[(day.replace(day=1), communes[place], user)]
            line[0] += 1
            line[1] += float(avoided or 0)
        for (month, insee, user), (n, total_km) in acc.items():
            yield indicators.Activity(
                service="thirdplaces", month=month, commune=insee, user_id=user,
                person=f"user:{user}", desk_days=int(n), car_km_avoided=total_km,
            )  # fmt: skip


indicators.registry.register("thirdplaces.desk_days", ThirdPlaceIndicators())
