from __future__ import annotations

import heapq

import numpy as np
import pytest

from smartvillage.optim.traveltime import OsmRoadGraph, StraightLine, TravelTimeProvider

Point = tuple[float, float]
BARCELONA = (41.3874, 2.1686)
WEST_OF_ANDORRA = (42.50, 1.20)  # ~17 km west of the extract's last road


def _reference_paths(graph_provider: OsmRoadGraph, source: int) -> dict[int, tuple[float, float]]:
    """Textbook Dijkstra on (seconds, metres) pairs, independent of scipy."""
    g = graph_provider.graph
    out: dict[int, list[tuple[int, float, float]]] = {}
    for s, d, sec, met in zip(g.src, g.dst, g.seconds, g.metres, strict=True):
        out.setdefault(int(s), []).append((int(d), float(sec), float(met)))
    best: dict[int, tuple[float, float]] = {}
    heap = [(0.0, 0.0, source)]
    while heap:
        sec, met, node = heapq.heappop(heap)
        if node in best:
            continue
        best[node] = (sec, met)
        for nxt, s2, m2 in out.get(node, []):
            if nxt not in best:
                heapq.heappush(heap, (sec + s2, met + m2, nxt))
    return best


def _snapped(provider: OsmRoadGraph, points: list[Point]) -> np.ndarray:
    nodes, _ = provider.snap(points)
    return np.column_stack([provider.graph.lat[nodes], provider.graph.lon[nodes]])


def test_it_is_a_travel_time_provider(andorra: OsmRoadGraph) -> None:
    assert isinstance(andorra, TravelTimeProvider)


def test_it_gives_a_sane_50_point_matrix(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    m = andorra.matrix(andorra_points)

    # Snap legs are not counted: compare with the great-circle between the snapped nodes.
    crow = StraightLine(detour_factor=1.0).matrix(
        [tuple(p) for p in _snapped(andorra, andorra_points)]
    )
    top_speed = float(np.max(andorra.graph.metres / andorra.graph.seconds))
    off = ~np.eye(50, dtype=bool)
    assert m.seconds.shape == m.metres.shape == (50, 50)
    assert np.isfinite(m.seconds).all()
    assert m.unreachable_points == frozenset()
    assert (np.diag(m.seconds) == 0).all()
    assert (np.diag(m.metres) == 0).all()
    assert (m.metres[off] >= crow.metres[off] - 1e-6).all()
    assert (m.seconds[off] >= crow.metres[off] / top_speed - 1e-6).all()
    assert (m.seconds[off] > 0).all()
    assert m.snap_metres is not None
    assert m.snap_metres.max() < 40.0
    # Andorra is small: no trip between two road nodes should take more than 1.5 h.
    assert m.seconds.max() < 5400


def test_its_times_obey_the_triangle_inequality(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    s = andorra.matrix(andorra_points).seconds

    # Shortest times between nodes: s[i, k] <= s[i, j] + s[j, k] for every j.
    via = (s[:, :, None] + s[None, :, :]).min(axis=1)
    assert (s <= via + 1e-6).all()


def test_its_metres_follow_the_fastest_path(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    m = andorra.matrix(andorra_points)
    nodes, _ = andorra.snap(andorra_points)

    for i in (0, 17, 42):
        reference = _reference_paths(andorra, int(nodes[i]))
        for j in range(50):
            sec, met = reference[int(nodes[j])]
            assert m.seconds[i, j] == pytest.approx(sec, rel=1e-9, abs=1e-9)
            assert m.metres[i, j] == pytest.approx(met, rel=1e-6, abs=1e-6)


def test_it_is_asymmetric_where_oneways_are(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    s = andorra.matrix(andorra_points).seconds

    assert not np.allclose(s, s.T)


def test_it_reports_points_far_from_the_roads(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    points = [*andorra_points[:10], BARCELONA, WEST_OF_ANDORRA]

    m = andorra.matrix(points)

    assert m.unreachable_points == {10, 11}
    assert np.isinf(m.seconds[10, :10]).all()
    assert np.isinf(m.metres[:10, 11]).all()
    assert m.seconds[10, 10] == 0
    assert (10, 11) in m.unreachable_pairs
    assert (0, 1) not in m.unreachable_pairs
    assert m.snap_metres is not None
    assert m.snap_metres[10] > 100_000
    np.testing.assert_array_equal(m.seconds[:10, :10], andorra.matrix(andorra_points[:10]).seconds)


def test_it_honours_the_max_snap_distance(
    andorra: OsmRoadGraph, andorra_points: list[Point]
) -> None:
    strict = OsmRoadGraph(andorra.graph, max_snap_m=0.0)
    exact_node = (float(andorra.graph.lat[7]), float(andorra.graph.lon[7]))

    m = strict.matrix([andorra_points[0], exact_node])

    assert m.unreachable_points == {0}


def test_it_gives_zero_between_points_on_the_same_node(andorra: OsmRoadGraph) -> None:
    node = (float(andorra.graph.lat[3]), float(andorra.graph.lon[3]))
    near = (node[0] + 0.00001, node[1])

    m = andorra.matrix([node, near, node])

    assert m.seconds.tolist() == [[0.0] * 3] * 3


def test_it_handles_no_point(andorra: OsmRoadGraph) -> None:
    assert andorra.matrix([]).seconds.shape == (0, 0)


def test_it_is_deterministic(andorra: OsmRoadGraph, andorra_points: list[Point]) -> None:
    first, again = andorra.matrix(andorra_points), andorra.matrix(andorra_points)

    np.testing.assert_array_equal(first.seconds, again.seconds)
    np.testing.assert_array_equal(first.metres, again.metres)
