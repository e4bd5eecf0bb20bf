"""Choose a provider from plain settings values (no Django: the caller passes them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .matrix import TravelTimeProvider
from .osm import OsmRoadGraph
from .osm_profile import OsmProfile
from .osrm import OsrmTable
from .straight_line import StraightLine


def _osm(**options: Any) -> OsmRoadGraph:
    profile = options.pop("profile", None)
    if isinstance(profile, Mapping):
        profile = OsmProfile(**profile)
    if "pbf_path" not in options:
        raise TypeError("the 'pbf_path' of the OpenStreetMap extract is required")
    return OsmRoadGraph.from_pbf(options.pop("pbf_path"), profile=profile, **options)


_FACTORIES: Mapping[str, Callable[..., TravelTimeProvider]] = {
    "straight_line": StraightLine,
    "osm": _osm,
    "osrm": OsrmTable,
}

#: The provider used when settings choose none.
DEFAULT_KIND = "straight_line"


def provider_from_config(kind: str = DEFAULT_KIND, **options: Any) -> TravelTimeProvider:
    """Build the travel-time provider named by settings.

    Parameters
    ----------
    kind
        ``"straight_line"`` (default, no data), ``"osm"`` (road graph of an extract) or
        ``"osrm"`` (HTTP table service).
    **options
        Keyword arguments of the provider: :class:`StraightLine` fields;
        ``pbf_path`` plus :meth:`OsmRoadGraph.from_pbf` keywords (``profile`` may be a
        dict of :class:`OsmProfile` fields); :class:`OsrmTable` fields.

    Returns
    -------
    TravelTimeProvider
        The provider. ``"osm"`` loads (or builds and caches) the graph now: call this
        once per process, not per request.

    Raises
    ------
    ValueError
        If ``kind`` is unknown or an option is missing, unknown or invalid.
    OsmDataError
        If the ``"osm"`` extract cannot be read.

    Examples
    --------
    >>> provider_from_config("straight_line", speed_kmh=45.0)
    StraightLine(detour_factor=1.4, speed_kmh=45.0)
    """
    try:
        factory = _FACTORIES[kind]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise ValueError(f"unknown travel-time provider {kind!r}; choose one of {known}") from None
    try:
        return factory(**options)
    except TypeError as exc:
        # A misspelt or missing settings key: say which provider it was meant for.
        raise ValueError(f"invalid options for travel-time provider {kind!r}: {exc}") from exc
