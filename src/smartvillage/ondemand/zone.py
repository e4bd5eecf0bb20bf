"""Is a point in a service's zone? Communes (INSEE) or a GeoJSON polygon.

Point-in-polygon is the even-odd ray casting test, written here (a dozen lines) rather than
pulling GEOS through shapely for one function on a territory of a few hundred points.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

Ring = list[list[float]]


def polygons(geometry: dict[str, Any] | None) -> list[list[Ring]]:
    """The polygons (each a list of rings, [lon, lat] points) of a Polygon or MultiPolygon."""
    if not geometry:
        return []
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [coords]  # type: ignore[list-item]
    if kind == "MultiPolygon":
        return list(coords or [])
    return []


def validate_geometry(geometry: Any) -> None:
    """Raise a ValidationError unless ``geometry`` is a usable GeoJSON (Multi)Polygon."""
    if geometry in (None, "", {}):
        return
    message = _("Give a GeoJSON Polygon or MultiPolygon in longitude, latitude.")
    if not isinstance(geometry, dict) or not polygons(geometry):
        raise ValidationError(message, code="geometry")
    for polygon in polygons(geometry):
        for ring in polygon:
            ok = isinstance(ring, list) and len(ring) >= 4
            ok = ok and all(
                isinstance(p, list | tuple)
                and len(p) >= 2
                and -180 <= float(p[0]) <= 180
                and -90 <= float(p[1]) <= 90
                for p in ring
            )
            if not ok:
                raise ValidationError(message, code="geometry")


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict[str, Any] | None, lat: float, lon: float) -> bool:
    """Whether (lat, lon) is inside the polygon (outer ring, not in a hole)."""
    for polygon in polygons(geometry):
        inside = bool(polygon) and _in_ring(lon, lat, polygon[0])
        if inside and not any(_in_ring(lon, lat, hole) for hole in polygon[1:]):
            return True
    return False
