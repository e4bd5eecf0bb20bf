"""Car sharing in the mobility interface (core/mobility.py): stations within walking distance."""

from __future__ import annotations

from django.urls import reverse

from smartvillage.carsharing.models import Station, Vehicle
from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m


class CarsharingAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, radius_m)
        stations = Station.objects.filter(
            is_active=True,
            latitude__range=(lat0, lat1),
            longitude__range=(lon0, lon1),
            vehicles__status=Vehicle.Status.AVAILABLE,
        ).distinct()
        found = []
        for station in stations:
            metres = distance_m(latitude, longitude, station.latitude, station.longitude)
            if metres <= radius_m:
                found.append(
                    mobility.Access(
                        mode="carsharing",
                        name=station.name,
                        latitude=station.latitude,
                        longitude=station.longitude,
                        distance_m=round(metres),
                        url=reverse("carsharing:find"),
                        guaranteed=True,
                    )
                )
        return found


mobility.registry.register("carsharing.stations", CarsharingAccess())
