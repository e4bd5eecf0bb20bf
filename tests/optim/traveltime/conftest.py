"""Fixtures of the travel-time tests: the Andorra extract and a stand-in OSRM server."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from smartvillage.optim.traveltime import OsmRoadGraph

ANDORRA_PBF = Path(__file__).parent / "data" / "andorra.osm.pbf"


@pytest.fixture(scope="session")
def andorra_pbf() -> Path:
    return ANDORRA_PBF


@pytest.fixture(scope="session")
def andorra(tmp_path_factory: pytest.TempPathFactory) -> OsmRoadGraph:
    """Road-graph provider on Andorra, built once per session in a private cache."""
    return OsmRoadGraph.from_pbf(ANDORRA_PBF, cache_dir=tmp_path_factory.mktemp("graphs"))


@pytest.fixture(scope="session")
def andorra_points(andorra: OsmRoadGraph) -> list[tuple[float, float]]:
    """50 points drawn deterministically from the graph's nodes, nudged off them by ~20 m."""
    rng = np.random.default_rng(20240601)
    nodes = rng.choice(andorra.graph.n_nodes, size=50, replace=False)
    jitter = rng.uniform(-0.0002, 0.0002, size=(50, 2))
    lat = andorra.graph.lat[nodes] + jitter[:, 0]
    lon = andorra.graph.lon[nodes] + jitter[:, 1]
    return [(float(a), float(b)) for a, b in zip(lat, lon, strict=True)]
