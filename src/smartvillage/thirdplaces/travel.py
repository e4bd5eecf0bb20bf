"""The travel-time provider chosen by settings (``TRAVEL_TIME_PROVIDER``), built once per process.

A thin adapter over ``smartvillage.optim.traveltime.provider_from_config``: settings values in,
a provider out. The OSM road graph is loaded (or built and cached) on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings

from smartvillage.optim.traveltime import TravelTimeProvider, provider_from_config


def _options(kind: str) -> dict[str, Any]:
    if kind == "osm":
        return {"pbf_path": settings.TRAVEL_TIME_OSM_PBF}
    if kind == "osrm":
        return {"base_url": settings.TRAVEL_TIME_OSRM_URL}
    return {}


@lru_cache(maxsize=1)
def provider() -> TravelTimeProvider:
    kind = getattr(settings, "TRAVEL_TIME_PROVIDER", "straight_line")
    return provider_from_config(kind, **_options(kind))
