from __future__ import annotations

from pathlib import Path

import pytest

from smartvillage.optim.traveltime import (
    OsmDataError,
    OsmRoadGraph,
    OsrmTable,
    StraightLine,
    provider_from_config,
)


def test_it_defaults_to_straight_lines() -> None:
    assert provider_from_config() == StraightLine()


def test_it_passes_options_to_the_provider() -> None:
    provider = provider_from_config("straight_line", detour_factor=1.2, speed_kmh=50)

    assert provider == StraightLine(detour_factor=1.2, speed_kmh=50)


def test_it_builds_an_osm_provider(andorra_pbf: Path, tmp_path: Path) -> None:
    provider = provider_from_config(
        "osm",
        pbf_path=andorra_pbf,
        cache_dir=tmp_path,
        max_snap_m=200,
        profile={"speeds_kmh": {"primary": 50.0, "secondary": 40.0}},
    )

    assert isinstance(provider, OsmRoadGraph)
    assert provider.max_snap_m == 200
    assert provider.graph.n_nodes > 1000


def test_it_builds_an_osrm_client() -> None:
    provider = provider_from_config("osrm", base_url="http://127.0.0.1:5000", timeout=5)

    assert provider == OsrmTable("http://127.0.0.1:5000", timeout=5)


def test_it_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown travel-time provider 'valhalla'; choose one"):
        provider_from_config("valhalla")


def test_it_rejects_an_unknown_option() -> None:
    with pytest.raises(ValueError, match="invalid options for travel-time provider 'osrm'"):
        provider_from_config("osrm", base_url="http://x", speed=3)


def test_it_requires_the_osm_extract() -> None:
    with pytest.raises(ValueError, match="pbf_path"):
        provider_from_config("osm")


def test_it_reports_a_missing_extract(tmp_path: Path) -> None:
    with pytest.raises(OsmDataError, match="not found"):
        provider_from_config("osm", pbf_path=tmp_path / "missing.osm.pbf")
