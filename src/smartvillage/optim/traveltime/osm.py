"""Road-graph provider: shortest travel times on an OpenStreetMap extract."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.sparse.csgraph import dijkstra, reconstruct_path
from scipy.spatial import cKDTree

from ._geo import as_points, haversine_m, local_xy_m
from .matrix import Point, TravelMatrix
from .osm_profile import OsmProfile
from .road_graph import RoadGraph, load_road_graph

#: Default maximum distance from a point to the road network. A farm up a private track
#: (tracks are not drivable here) is usually within a few hundred metres of a road.
DEFAULT_MAX_SNAP_M = 1000.0


class OsmRoadGraph:
    """Travel times along the fastest road path of a :class:`RoadGraph`.

    Each point is snapped to the nearest graph node (the graph only holds its largest
    strongly connected component, so any two snapped points are mutually reachable).
    Points farther than ``max_snap_m`` from every node are unreachable.

    Parameters
    ----------
    graph
        The road graph, usually from :meth:`from_pbf`.
    max_snap_m
        Largest accepted distance between a point and its graph node, metres.
    """

    def __init__(self, graph: RoadGraph, *, max_snap_m: float = DEFAULT_MAX_SNAP_M) -> None:
        if not max_snap_m >= 0:
            raise ValueError(f"max_snap_m must be >= 0, got {max_snap_m}")
        self.graph = graph
        self.max_snap_m = float(max_snap_m)
        self._ref_lat = float(np.mean(graph.lat))
        nodes = np.column_stack([graph.lat, graph.lon])
        self._tree = cKDTree(local_xy_m(nodes, self._ref_lat))
        self._seconds_csr = graph.csr(graph.seconds)
        self._metres_csr = graph.csr(graph.metres)

    @classmethod
    def from_pbf(
        cls,
        pbf_path: str | os.PathLike[str],
        *,
        profile: OsmProfile | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        use_cache: bool = True,
        max_snap_m: float = DEFAULT_MAX_SNAP_M,
    ) -> OsmRoadGraph:
        """Build (or load from the disk cache) the graph of an extract.

        Parameters
        ----------
        pbf_path
            OpenStreetMap extract of the territory.
        profile, cache_dir, use_cache
            See :func:`~smartvillage.optim.traveltime.road_graph.load_road_graph`.
        max_snap_m
            See :class:`OsmRoadGraph`.

        Returns
        -------
        OsmRoadGraph
            The provider.

        Raises
        ------
        OsmDataError
            If the extract is missing, unreadable or has no drivable road.
        """
        graph = load_road_graph(pbf_path, profile, cache_dir=cache_dir, use_cache=use_cache)
        return cls(graph, max_snap_m=max_snap_m)

    def snap(self, points: Sequence[Point]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Return each point's nearest graph node and the great-circle distance to it.

        Parameters
        ----------
        points
            ``(lat, lon)`` pairs in degrees.

        Returns
        -------
        nodes : numpy.ndarray
            Node index per point, ``-1`` when farther than ``max_snap_m``.
        distances : numpy.ndarray
            Distance in metres from each point to its nearest node (even when too far).
        """
        pts = as_points(points)
        if len(pts) == 0:
            return np.empty(0, np.int64), np.empty(0, np.float64)
        _, idx = self._tree.query(local_xy_m(pts, self._ref_lat))
        nodes = np.asarray(idx, dtype=np.int64)
        g = self.graph
        dist = haversine_m(pts[:, 0], pts[:, 1], g.lat[nodes], g.lon[nodes])
        return np.where(dist <= self.max_snap_m, nodes, -1), dist

    def matrix(self, points: Sequence[Point]) -> TravelMatrix:
        """Return fastest-path travel times and the lengths of those paths.

        Parameters
        ----------
        points
            ``(lat, lon)`` pairs in degrees.

        Returns
        -------
        TravelMatrix
            ``inf`` rows and columns for points too far from the roads (listed in
            ``unreachable_points``); ``snap_metres`` holds each point's snap distance.
            The time and distance of the snap legs themselves are not included.
        """
        nodes, snap_m = self.snap(points)
        n = len(nodes)
        seconds = np.full((n, n), np.inf)
        metres = np.full((n, n), np.inf)
        ok = np.flatnonzero(nodes >= 0)
        uniq, inverse = np.unique(nodes[ok], return_inverse=True)
        if len(uniq):
            sec_u, met_u = self._node_matrix(uniq)
            seconds[np.ix_(ok, ok)] = sec_u[np.ix_(inverse, inverse)]
            metres[np.ix_(ok, ok)] = met_u[np.ix_(inverse, inverse)]
        np.fill_diagonal(seconds, 0.0)
        np.fill_diagonal(metres, 0.0)
        return TravelMatrix(
            seconds=seconds,
            metres=metres,
            unreachable_points=frozenset(int(i) for i in np.flatnonzero(nodes < 0)),
            snap_metres=snap_m,
        )

    def _node_matrix(
        self, nodes: NDArray[np.int64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Seconds and metres between distinct graph nodes.

        Metres are measured along the *fastest* path, not the shortest: for each source,
        the time-shortest-path tree is rebuilt with edge lengths as weights, and the
        unique tree path to each target is measured by a second search on the tree.
        """
        k = len(nodes)
        seconds = np.empty((k, k))
        metres = np.empty((k, k))
        for row, source in enumerate(nodes):
            dist, pred = dijkstra(self._seconds_csr, indices=source, return_predecessors=True)
            tree = reconstruct_path(self._metres_csr, pred, directed=True)
            seconds[row] = dist[nodes]
            metres[row] = dijkstra(tree, indices=source)[nodes]
        return seconds, metres
