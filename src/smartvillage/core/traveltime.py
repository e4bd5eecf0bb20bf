"""The travel-time provider chosen by settings, built once per process, for every app.

A thin adapter over ``smartvillage.optim.traveltime.provider_from_config`` (which knows no
Django): ``TRAVEL_TIME_PROVIDER`` (``straight_line``, ``osm`` or ``osrm``) with
``TRAVEL_TIME_OSM_PBF`` or ``TRAVEL_TIME_OSRM_URL``. The OSM road graph is loaded (or built and
cached) on first use. See docs/traveltime.md.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings

from smartvillage.optim.traveltime import TravelTimeProvider, provider_from_config
from smartvillage.optim.traveltime.config import DEFAULT_KIND


def config() -> tuple[str, dict[str, Any]]:
    """The provider's kind and options, read from settings."""
    kind = getattr(settings, "TRAVEL_TIME_PROVIDER", "") or DEFAULT_KIND
    if kind == "osm":
        return kind, {"pbf_path": settings.TRAVEL_TIME_OSM_PBF}
    if kind == "osrm":
        return kind, {"base_url": settings.TRAVEL_TIME_OSRM_URL}
    return kind, {}


@lru_cache(maxsize=1)
def provider() -> TravelTimeProvider:
    """The provider of settings, shared by every caller of the process (``provider.cache_clear()``
    after changing the settings, e.g. in a test)."""
    kind, options = config()
    return provider_from_config(kind, **options)
