"""Hitchhiking in the mobility interface (core/mobility.py): signed stops within a walk."""

from __future__ import annotations

from django.urls import reverse

from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.rideshare.models import Stop


class HitchhikingAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, radius_m)
        stops = (
            Stop.objects.active()
            .select_related("place")
            .filter(place__latitude__range=(lat0, lat1), place__longitude__range=(lon0, lon1))
        )
        found = []
        for stop in stops:
            metres = distance_m(latitude, longitude, stop.place.latitude, stop.place.longitude)
            if metres <= radius_m:
                found.append(
                    mobility.Access(
                        mode="hitchhiking",
                        name=stop.place.name,
                        latitude=stop.place.latitude,
                        longitude=stop.place.longitude,
                        distance_m=round(metres),
                        url=reverse("rideshare:stops"),
                        guaranteed=False,  # a chance of a ride, never a promise
                    )
                )
        return found


mobility.registry.register("rideshare.stops", HitchhikingAccess())
