"""Bus stops in the mobility interface (core/mobility.py): stops of the imported timetables
within walking distance. The planner's own journey search is in ``search.py``."""

from __future__ import annotations

from django.urls import reverse

from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.planner.models import TransitStop


class BusStopAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, radius_m)
        stops = TransitStop.objects.filter(
            feed__is_active=True, latitude__range=(lat0, lat1), longitude__range=(lon0, lon1)
        )
        found = []
        for stop in stops:
            metres = distance_m(latitude, longitude, stop.latitude, stop.longitude)
            if metres <= radius_m:
                found.append(mobility.Access(
                    mode="bus", name=stop.name, latitude=stop.latitude, longitude=stop.longitude,
                    distance_m=round(metres), url=reverse("planner:journey"), guaranteed=True,
                ))  # fmt: skip
        return found


mobility.registry.register("planner.stops", BusStopAccess())
