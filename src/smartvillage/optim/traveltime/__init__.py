"""Travel-time providers: turn ``(lat, lon)`` points into time and distance matrices.

One interface, :class:`TravelTimeProvider` (``matrix(points) -> TravelMatrix``), three
providers:

- :class:`StraightLine`: great-circle distance x detour factor at a speed (no data);
- :class:`OsmRoadGraph`: fastest paths on a road graph built from an OpenStreetMap
  extract, cached on disk;
- :class:`OsrmTable`: client of an OSRM-compatible HTTP table service.

:func:`provider_from_config` picks one from settings values. See docs/traveltime.md.
"""

from .config import provider_from_config
from .matrix import Point, TravelMatrix, TravelTimeError, TravelTimeProvider
from .osm import OsmRoadGraph
from .osm_profile import OsmProfile
from .osrm import OsrmError, OsrmTable
from .road_graph import OsmDataError, RoadGraph, load_road_graph
from .straight_line import StraightLine

__all__ = [
    "OsmDataError",
    "OsmProfile",
    "OsmRoadGraph",
    "OsrmError",
    "OsrmTable",
    "Point",
    "RoadGraph",
    "StraightLine",
    "TravelMatrix",
    "TravelTimeError",
    "TravelTimeProvider",
    "load_road_graph",
    "provider_from_config",
]
