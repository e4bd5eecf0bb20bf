"""On-demand transport in the mobility interface (core/mobility.py): a point in a service's zone."""

from __future__ import annotations

from django.urls import reverse

from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.ondemand import zone
from smartvillage.ondemand.models import Service
from smartvillage.territory.models import Commune


def _nearest_commune_id(latitude: float, longitude: float) -> int | None:
    # The commune of a point is the one with the nearest centroid (no outlines are shipped);
    # a box of ~15 km keeps the candidates few.
    lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, 15_000)
    candidates = Commune.objects.filter(
        latitude__range=(lat0, lat1), longitude__range=(lon0, lon1)
    ).values_list("pk", "latitude", "longitude")
    best = min(candidates, key=lambda c: distance_m(latitude, longitude, c[1], c[2]), default=None)
    return best[0] if best else None


class OndemandAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        commune_id = _nearest_commune_id(latitude, longitude)
        found = []
        for service in Service.objects.filter(is_active=True).prefetch_related("communes"):
            inside = commune_id is not None and commune_id in service.zone_commune_ids()
            if inside or zone.contains(service.zone_geojson, latitude, longitude):
                found.append(
                    mobility.Access(
                        mode="ondemand",
                        name=service.name,
                        latitude=latitude,
                        longitude=longitude,
                        distance_m=0,  # door to door inside the zone
                        url=reverse("ondemand:service", args=[service.slug]),
                        guaranteed=True,
                    )
                )
        return found


mobility.registry.register("ondemand.zones", OndemandAccess())
