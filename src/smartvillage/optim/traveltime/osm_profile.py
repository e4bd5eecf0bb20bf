"""Car profile for OpenStreetMap ways: which ways are drivable, in which direction, how fast.

Pure functions of a way's tags, so they are tested without any OSM file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

#: Bump when the rules below change in a way that changes built graphs: it is part of the
#: cache key, so stale cached graphs are rebuilt.
PROFILE_VERSION = 1

#: Effective car speeds (km/h) per ``highway`` value, used when ``maxspeed`` is absent or
#: not numeric. Rural mountain figures: below the legal limits, because of bends and
#: gradients (see docs/traveltime.md, "Speeds").
DEFAULT_SPEEDS_KMH: Mapping[str, float] = MappingProxyType(
    {
        "motorway": 110.0,
        "motorway_link": 60.0,
        "trunk": 85.0,
        "trunk_link": 50.0,
        "primary": 65.0,
        "primary_link": 40.0,
        "secondary": 55.0,
        "secondary_link": 35.0,
        "tertiary": 45.0,
        "tertiary_link": 30.0,
        "unclassified": 35.0,
        "residential": 25.0,
        "living_street": 10.0,
        "service": 15.0,
    }
)

# Most specific key first: ``motorcar=yes`` overrides ``access=no``.
_ACCESS_KEYS = ("motorcar", "motor_vehicle", "vehicle", "access")
_DENIED = frozenset({"no", "private", "agricultural", "forestry", "emergency", "military"})
_MAXSPEED_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km/h|kmh|kph|mph)?\s*$")


class Direction(Enum):
    """Directions in which a way may be driven, relative to its node order."""

    BOTH = 0
    FORWARD = 1
    BACKWARD = 2


@dataclass(frozen=True)
class OsmProfile:
    """Parameters of the car profile.

    Parameters
    ----------
    speeds_kmh
        Effective speed per ``highway`` value; only these highway values are drivable.
    maxspeed_factor
        A numeric ``maxspeed`` is a legal limit, rarely sustained on mountain roads: the
        speed used is ``maxspeed * maxspeed_factor``, never above the type's default
        speed times 1.25 (so a ``maxspeed=90`` lane does not beat the network).
    """

    speeds_kmh: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_SPEEDS_KMH))
    maxspeed_factor: float = 0.8

    def __post_init__(self) -> None:
        bad = {k: v for k, v in self.speeds_kmh.items() if not 0 < v < float("inf")}
        if bad:
            raise ValueError(f"speeds must be positive and finite, got {bad}")
        if not 0 < self.maxspeed_factor <= 1.5:
            raise ValueError(f"maxspeed_factor must be in (0, 1.5], got {self.maxspeed_factor}")
        # Freeze the mapping: the profile is part of the cache key.
        object.__setattr__(self, "speeds_kmh", MappingProxyType(dict(self.speeds_kmh)))

    def cache_token(self) -> str:
        """Return a stable text identifying the rules and parameters, for cache keys."""
        speeds = ",".join(f"{k}={v:g}" for k, v in sorted(self.speeds_kmh.items()))
        return f"v{PROFILE_VERSION};{speeds};maxspeed_factor={self.maxspeed_factor:g}"

    def is_drivable(self, tags: Mapping[str, str]) -> bool:
        """Return whether a car may use a way with these tags."""
        highway = tags.get("highway")
        if highway not in self.speeds_kmh or tags.get("area") == "yes":
            return False
        for key in _ACCESS_KEYS:
            value = tags.get(key)
            if value is not None:
                return value not in _DENIED
        return True

    def speed_kmh(self, tags: Mapping[str, str]) -> float:
        """Return the speed on a drivable way: from ``maxspeed`` if numeric, else by type."""
        default = self.speeds_kmh[tags["highway"]]
        legal = parse_maxspeed(tags.get("maxspeed"))
        if legal is None:
            return default
        return min(legal * self.maxspeed_factor, default * 1.25)


def parse_maxspeed(value: str | None) -> float | None:
    """Parse a numeric ``maxspeed`` tag into km/h.

    Parameters
    ----------
    value
        The tag value, e.g. ``"50"``, ``"50 km/h"``, ``"30 mph"``.

    Returns
    -------
    float or None
        The speed in km/h, or ``None`` for absent, zero or symbolic values
        (``"FR:rural"``, ``"none"``, ``"walk"``, lists like ``"50;30"``).
    """
    if value is None:
        return None
    match = _MAXSPEED_RE.match(value)
    if match is None:
        return None
    speed = float(match.group(1))
    if match.group(2) == "mph":
        speed *= 1.609344
    return speed if speed > 0 else None


def direction(tags: Mapping[str, str]) -> Direction | None:
    """Return the allowed driving direction of a way, or ``None`` if it cannot be timed.

    ``oneway=yes/true/1`` and roundabouts (unless ``oneway=no``) are forward only;
    ``oneway=-1/reverse`` backward only; motorways and their links imply ``oneway=yes``.
    ``oneway=reversible/alternating`` ways change direction during the day: ``None``.
    """
    oneway = tags.get("oneway")
    if oneway in ("yes", "true", "1"):
        return Direction.FORWARD
    if oneway in ("-1", "reverse"):
        return Direction.BACKWARD
    if oneway in ("reversible", "alternating"):
        return None
    if oneway == "no":
        return Direction.BOTH
    if tags.get("junction") in ("roundabout", "circular"):
        return Direction.FORWARD
    if tags.get("highway") in ("motorway", "motorway_link"):
        return Direction.FORWARD
    return Direction.BOTH
