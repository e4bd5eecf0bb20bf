"""On-demand transport in the indicators interface (core/indicators.py).

Completed bookings count. A booking is a trip of its passengers: passenger-km = direct
distance × passengers; car-km avoided = the direct distance (one car trip the household did
not make); the run's vehicle-km are shared among its completed bookings in proportion to their
direct distance and counted as emitted with a thermal car's factor (the minibus still runs),
so the CO2 avoided is net. The commune is the beneficiary's; people served are counted by
beneficiary, with or without an account.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from smartvillage.core import indicators
from smartvillage.ondemand.models import Booking


class OndemandIndicators:
    def monthly(self, start: date, end: date) -> Iterator[indicators.Activity]:
        rows = list(
            Booking.objects.filter(
                status=Booking.Status.COMPLETED, date__gte=start, date__lt=end
            ).values_list("date", "beneficiary_id", "beneficiary__user_id",
                          "beneficiary__commune__insee_code", "passengers",
                          "direct_distance_m", "run_id", "run__distance_m")
        )  # fmt: skip
        run_direct: dict[int, float] = defaultdict(float)
        for *_, direct, run_id, _run_m in rows:
            if run_id is not None:
                run_direct[run_id] += direct
        acc: dict[tuple[date, str, int, int | None], list[float]] = defaultdict(lambda: [0.0] * 4)
        for day, person, user, insee, passengers, direct, run_id, run_m in rows:
            line = acc[(day.replace(day=1), insee or "", person, user)]
            line[0] += 1
            line[1] += direct * passengers / 1000
            line[2] += direct / 1000
            if run_id is not None and run_direct[run_id]:
                line[3] += (run_m or 0) * direct / run_direct[run_id] / 1000
        for (month, insee, beneficiary, account), (n, pkm, avoided, emitted) in acc.items():
            yield indicators.Activity(
                service="ondemand", month=month, commune=insee, user_id=account,
                person=f"ondemand.beneficiary:{beneficiary}", trips=int(n), passenger_km=pkm,
                car_km_avoided=avoided, emitted_km=emitted, emitted_mode="car_thermal",
            )  # fmt: skip


indicators.registry.register("ondemand.bookings", OndemandIndicators())
