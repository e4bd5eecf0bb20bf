from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse.csgraph import connected_components

from smartvillage.optim.traveltime import OsmDataError, OsmProfile, OsmRoadGraph, load_road_graph
from smartvillage.optim.traveltime import road_graph as road_graph_module

# A 1 km square 1-2-3-4 (0.009 deg of latitude ~ 1 km), plus ways that must be ignored.
SQUARE_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="smartvillage-tests">
  <node id="1" version="1" lat="45.000" lon="5.000"/>
  <node id="2" version="1" lat="45.009" lon="5.000"/>
  <node id="3" version="1" lat="45.009" lon="5.0127"/>
  <node id="4" version="1" lat="45.000" lon="5.0127"/>
  <node id="5" version="1" lat="44.995" lon="5.0127"/>
  <way id="10" version="1">
    <nd ref="1"/><nd ref="2"/>
    <tag k="highway" v="residential"/><tag k="oneway" v="yes"/>
  </way>
  <way id="11" version="1">
    <nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="highway" v="residential"/>
  </way>
  <way id="12" version="1">
    <nd ref="1"/><nd ref="3"/>
    <tag k="highway" v="service"/><tag k="access" v="private"/>
  </way>
  <way id="13" version="1">
    <nd ref="2"/><nd ref="4"/>
    <tag k="highway" v="footway"/>
  </way>
  <way id="14" version="1">
    <nd ref="4"/><nd ref="5"/>
    <tag k="highway" v="residential"/><tag k="oneway" v="yes"/>
  </way>
  <way id="15" version="1">
    <nd ref="3"/><nd ref="99"/>
    <tag k="highway" v="residential"/>
  </way>
</osm>
"""


@pytest.fixture
def square_osm(tmp_path: Path) -> Path:
    path = tmp_path / "square.osm"
    path.write_text(SQUARE_OSM)
    return path


def test_it_keeps_drivable_ways_of_the_main_component(square_osm: Path) -> None:
    graph = load_road_graph(square_osm, use_cache=False)

    # Node 5 is a oneway dead end (enter, never leave) and node 99 is not in the file.
    assert graph.n_nodes == 4
    pairs = {
        (round(graph.lat[s], 3), round(graph.lat[d], 3))
        for s, d in zip(graph.src, graph.dst, strict=True)
    }
    # 1 -> 2 oneway, 2 <-> 3 <-> 4 <-> 1: 7 edges; no private diagonal, no footway.
    assert graph.n_edges == 7
    assert (45.0, 45.009) in pairs  # 1 -> 2


def test_it_obeys_oneway(square_osm: Path) -> None:
    provider = OsmRoadGraph(load_road_graph(square_osm, use_cache=False))

    m = provider.matrix([(45.0, 5.0), (45.009, 5.0)])

    assert m.metres[0, 1] == pytest.approx(1000.8, rel=1e-3)  # direct, with the oneway
    assert m.metres[1, 0] == pytest.approx(3 * m.metres[0, 1], rel=5e-3)  # round the square
    assert m.seconds[0, 1] == pytest.approx(1000.8 / (25 / 3.6), rel=1e-3)


def test_it_builds_a_strongly_connected_andorra_graph(andorra: OsmRoadGraph) -> None:
    graph = andorra.graph

    n_parts, _ = connected_components(graph.csr(graph.seconds), connection="strong")
    speeds_kmh = graph.metres / graph.seconds * 3.6
    assert n_parts == 1
    assert 10_000 < graph.n_nodes < 30_000
    assert (graph.seconds > 0).all()
    assert speeds_kmh.min() >= 10.0 - 1e-9
    assert speeds_kmh.max() <= 110.0 * 1.25 + 1e-9
    assert 42.4 < graph.lat.min() < graph.lat.max() < 42.7
    assert 1.4 < graph.lon.min() < graph.lon.max() < 1.8


def test_it_reuses_the_cached_graph_without_parsing(
    andorra_pbf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_road_graph(andorra_pbf, cache_dir=tmp_path)

    def no_parsing(*args: object) -> None:
        raise AssertionError("the extract was parsed again")

    monkeypatch.setattr(road_graph_module, "_parse_ways", no_parsing)
    second = load_road_graph(andorra_pbf, cache_dir=tmp_path)

    assert len(list(tmp_path.glob("roadgraph-*.npz"))) == 1
    np.testing.assert_array_equal(first.src, second.src)
    np.testing.assert_array_equal(first.seconds, second.seconds)
    np.testing.assert_array_equal(first.lat, second.lat)


def test_it_rebuilds_when_the_profile_changes(andorra_pbf: Path, tmp_path: Path) -> None:
    slow = OsmProfile(speeds_kmh={**OsmProfile().speeds_kmh, "primary": 30.0})

    normal = load_road_graph(andorra_pbf, cache_dir=tmp_path)
    slower = load_road_graph(andorra_pbf, slow, cache_dir=tmp_path)

    assert len(list(tmp_path.glob("roadgraph-*.npz"))) == 2
    assert slower.seconds.sum() > normal.seconds.sum()


def test_it_rebuilds_a_corrupt_cache(
    andorra_pbf: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    load_road_graph(andorra_pbf, cache_dir=tmp_path)
    (cache_file,) = tmp_path.glob("roadgraph-*.npz")
    cache_file.write_bytes(b"not a zip file")

    with caplog.at_level(logging.WARNING):
        graph = load_road_graph(andorra_pbf, cache_dir=tmp_path)

    assert graph.n_nodes > 10_000
    assert "unreadable road graph cache" in caplog.text
    assert cache_file.stat().st_size > 1000  # rewritten


def test_it_writes_no_cache_when_disabled(andorra_pbf: Path, tmp_path: Path) -> None:
    load_road_graph(andorra_pbf, cache_dir=tmp_path, use_cache=False)

    assert list(tmp_path.iterdir()) == []


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OsmDataError, match="not found"):
        load_road_graph(tmp_path / "nowhere.osm.pbf", cache_dir=tmp_path)


def test_it_reports_a_truncated_file(andorra_pbf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.osm.pbf"
    broken.write_bytes(andorra_pbf.read_bytes()[:3000])

    with pytest.raises(OsmDataError, match=r"cannot read OSM extract .*broken\.osm\.pbf"):
        load_road_graph(broken, cache_dir=tmp_path)


def test_it_reports_an_extract_without_roads(tmp_path: Path) -> None:
    empty = tmp_path / "empty.osm"
    empty.write_text('<osm version="0.6"><node id="1" version="1" lat="45" lon="5"/></osm>')

    with pytest.raises(OsmDataError, match="no drivable road"):
        load_road_graph(empty, cache_dir=tmp_path)
