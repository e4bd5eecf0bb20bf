"""Distances from the member's starting point, and what the find page's map needs.

Distances come from ``optim.traveltime.StraightLine`` (great-circle distance × the mountain
detour factor): no data is needed and it is the same estimate the other services show. One
matrix call for all the stations of the page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from smartvillage.carsharing.forms import Origin
from smartvillage.optim.traveltime import StraightLine


def add_distances(rows: list[dict[str, Any]], origin: Origin | None) -> None:
    """Set ``row["distance_km"]`` (road estimate, one decimal) from ``origin``, or None."""
    if origin is None or not rows:
        for row in rows:
            row["distance_km"] = None
        return
    points = [(origin.latitude, origin.longitude)] + [
        (row["vehicle"].station.latitude, row["vehicle"].station.longitude) for row in rows
    ]
    metres = StraightLine().matrix(points).metres[0]
    for i, row in enumerate(rows, start=1):
        row["distance_km"] = round(float(metres[i]) / 1000, 1)


def sort_key(row: dict[str, Any]) -> tuple[bool, float, str]:
    """Available cars first, then the nearest, then by name."""
    distance = row.get("distance_km")
    return (not row["available"], distance if distance is not None else 0.0, row["vehicle"].name)


def map_config(rows: list[dict[str, Any]], origin: Origin | None, form: Any) -> dict[str, Any]:
    """Stations with their cars for find.js (passed with json_script: no inline script)."""
    stations: dict[int, dict[str, Any]] = {}
    start = form.data.get("start", "") if form.is_bound else ""
    end = form.data.get("end", "") if form.is_bound else ""
    slot = urlencode({"start": start, "end": end})
    for row in rows:
        vehicle = row["vehicle"]
        station = vehicle.station
        entry = stations.setdefault(
            station.pk,
            {
                "name": station.name,
                "commune": station.commune.name if station.commune else "",
                "lat": station.latitude,
                "lon": station.longitude,
                "charging": station.has_charging_point,
                "vehicles": [],
            },
        )
        entry["vehicles"].append(
            {
                "name": vehicle.name,
                "model": f"{vehicle.make} {vehicle.model}",
                "available": row["available"],
                "reason": row["reason"],
                "price": str(row["estimated_price"]),
                "bookUrl": (
                    f"{reverse('carsharing:book', args=[vehicle.pk])}?{slot}"
                    if row["available"]
                    else ""
                ),
            }
        )
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "origin": (
            {"name": origin.name, "lat": origin.latitude, "lon": origin.longitude}
            if origin
            else None
        ),
        "stations": list(stations.values()),
        "labels": {
            "available": _("Available"),
            "unavailable": _("Unavailable"),
            "book": _("Book"),
            "price": _("Estimated price"),
            "charging": _("Charging point"),
            "origin": _("Your starting point"),
            "baseLayer": _("Map"),
        },
    }
