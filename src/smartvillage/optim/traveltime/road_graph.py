"""Build a car road graph from an OpenStreetMap ``.osm.pbf`` extract, with a disk cache."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import osmium
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from ._geo import haversine_m
from .matrix import TravelTimeError
from .osm_profile import Direction, OsmProfile, direction

logger = logging.getLogger(__name__)

#: Layout of the cached ``.npz``; part of the cache key.
GRAPH_FORMAT = 1
# Two distinct OSM nodes may share coordinates: keep every edge strictly positive so
# shortest-path trees are well-founded and sparse matrices keep the edge.
_MIN_EDGE_M = 0.01


class OsmDataError(TravelTimeError):
    """The OSM extract is missing, unreadable, or has no drivable road."""


@dataclass(frozen=True, eq=False)
class RoadGraph:
    """A directed car road graph: the largest strongly connected part of an extract.

    Attributes
    ----------
    lat, lon
        Node coordinates in degrees, shape ``(n_nodes,)``.
    src, dst
        Edge endpoints (node indices), shape ``(n_edges,)``; at most one edge per
        ordered pair, the fastest.
    seconds, metres
        Travel time and length of each edge.
    """

    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    src: NDArray[np.int32]
    dst: NDArray[np.int32]
    seconds: NDArray[np.float64]
    metres: NDArray[np.float64]

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return int(self.lat.shape[0])

    @property
    def n_edges(self) -> int:
        """Number of directed edges."""
        return int(self.src.shape[0])

    def csr(self, weights: NDArray[np.float64]) -> csr_matrix:
        """Return the graph as an ``n x n`` CSR matrix with the given edge weights."""
        n = self.n_nodes
        return csr_matrix((weights, (self.src, self.dst)), shape=(n, n))


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def default_cache_dir() -> Path:
    """Return ``$XDG_CACHE_HOME/smartvillage/traveltime`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "smartvillage" / "traveltime"


def load_road_graph(
    pbf_path: str | os.PathLike[str],
    profile: OsmProfile | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
) -> RoadGraph:
    """Return the road graph of an extract, from the disk cache when possible.

    Parameters
    ----------
    pbf_path
        OpenStreetMap extract (``.osm.pbf``, or any format osmium reads).
    profile
        Car profile; the default :class:`OsmProfile` if ``None``.
    cache_dir
        Where built graphs are kept; :func:`default_cache_dir` if ``None``.
    use_cache
        Set to ``False`` to always parse and never write the cache.

    Returns
    -------
    RoadGraph
        The graph. The cache key is the file's SHA-256 plus the profile and graph
        format, so an updated extract or profile is rebuilt, never served stale.

    Raises
    ------
    OsmDataError
        If the file is missing, unreadable or has no drivable road.
    """
    path = Path(pbf_path)
    profile = profile or OsmProfile()
    if not path.is_file():
        raise OsmDataError(f"OSM extract not found: {path}")
    if not use_cache:
        return build_road_graph(path, profile)
    key = hashlib.sha256(
        f"{file_sha256(path)}|{profile.cache_token()}|format={GRAPH_FORMAT}".encode()
    ).hexdigest()
    cache_file = Path(cache_dir or default_cache_dir()) / f"roadgraph-{key[:32]}.npz"
    graph = _read_cache(cache_file)
    if graph is None:
        graph = build_road_graph(path, profile)
        _write_cache(cache_file, graph)
    return graph


def build_road_graph(path: Path, profile: OsmProfile) -> RoadGraph:
    """Parse an extract and build its road graph (no cache; see :func:`load_road_graph`).

    Raises
    ------
    OsmDataError
        If osmium cannot read the file or it holds no drivable road.
    """
    try:
        ways = _parse_ways(path, profile)
    except (RuntimeError, ValueError, OSError) as exc:
        # osmium reports truncated or non-OSM files as RuntimeError.
        raise OsmDataError(f"cannot read OSM extract {path}: {exc}") from exc
    uniq, first = np.unique(ways.node_ids, return_index=True)
    lat, lon = ways.lat[first], ways.lon[first]
    src = np.searchsorted(uniq, ways.u_ids).astype(np.int32)
    dst = np.searchsorted(uniq, ways.v_ids).astype(np.int32)
    metres = np.maximum(haversine_m(lat[src], lon[src], lat[dst], lon[dst]), _MIN_EDGE_M)
    graph = _largest_component(lat, lon, src, dst, metres / (ways.kmh / 3.6), metres)
    logger.info("built road graph from %s: %d nodes, %d edges", path, graph.n_nodes, graph.n_edges)
    return graph


@dataclass(frozen=True)
class _Ways:
    """Drivable ways as directed segments (OSM node ids, speed) plus node coordinates."""

    u_ids: NDArray[np.int64]
    v_ids: NDArray[np.int64]
    kmh: NDArray[np.float64]
    node_ids: NDArray[np.int64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]


def _parse_ways(path: Path, profile: OsmProfile) -> _Ways:
    """Read the drivable ways of an extract."""
    u_parts: list[NDArray[np.int64]] = []
    v_parts: list[NDArray[np.int64]] = []
    kmh_parts: list[NDArray[np.float64]] = []
    id_parts: list[NDArray[np.int64]] = []
    lat_parts: list[NDArray[np.float64]] = []
    lon_parts: list[NDArray[np.float64]] = []
    processor = (
        osmium.FileProcessor(str(path))
        .with_locations()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
        .with_filter(osmium.filter.KeyFilter("highway"))
    )
    for way in processor:
        if not isinstance(way, osmium.osm.Way):  # the entity filter lets only ways through
            continue
        tags = {tag.k: tag.v for tag in way.tags}
        way_dir = direction(tags)
        if way_dir is None or not profile.is_drivable(tags):
            continue
        ids, lat, lon, ok = _way_nodes(way)
        seg_ok = ok[:-1] & ok[1:]  # a node missing from the extract cuts the way
        if not seg_ok.any():
            continue
        u, v = ids[:-1][seg_ok], ids[1:][seg_ok]
        if way_dir is Direction.BACKWARD:
            u, v = v, u
        elif way_dir is Direction.BOTH:
            u, v = np.concatenate([u, v]), np.concatenate([v, u])
        u_parts.append(u)
        v_parts.append(v)
        kmh_parts.append(np.full(u.shape, profile.speed_kmh(tags)))
        id_parts.append(ids[ok])
        lat_parts.append(lat[ok])
        lon_parts.append(lon[ok])
    if not u_parts:
        raise OsmDataError(f"no drivable road in OSM extract {path}")
    cat = np.concatenate
    return _Ways(
        u_ids=cat(u_parts),
        v_ids=cat(v_parts),
        kmh=cat(kmh_parts),
        node_ids=cat(id_parts),
        lat=cat(lat_parts),
        lon=cat(lon_parts),
    )


def _way_nodes(
    way: osmium.osm.Way,
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    """Return a way's node ids, coordinates and which nodes have a valid location."""
    k = len(way.nodes)
    ids = np.empty(k, np.int64)
    lat = np.zeros(k, np.float64)
    lon = np.zeros(k, np.float64)
    ok = np.zeros(k, np.bool_)
    for i, node in enumerate(way.nodes):
        ids[i] = node.ref
        loc = node.location
        if loc.valid():
            lat[i], lon[i], ok[i] = loc.lat, loc.lon, True
    return ids, lat, lon, ok


def _largest_component(
    lat: NDArray[np.float64],
    lon: NDArray[np.float64],
    src: NDArray[np.int32],
    dst: NDArray[np.int32],
    seconds: NDArray[np.float64],
    metres: NDArray[np.float64],
) -> RoadGraph:
    """Keep the fastest edge per ordered pair, then the largest strongly connected part.

    Snapping onto a small island (a car park whose exit is a oneway mapped the wrong way,
    a road cut by the extract's border) would make a point unreachable from everywhere;
    dropping islands makes it snap to the nearest road that connects to the network.
    """
    keep = src != dst
    src, dst, seconds, metres = src[keep], dst[keep], seconds[keep], metres[keep]
    order = np.lexsort((seconds, dst, src))
    src, dst, seconds, metres = src[order], dst[order], seconds[order], metres[order]
    first = np.ones(src.shape, np.bool_)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    src, dst, seconds, metres = src[first], dst[first], seconds[first], metres[first]

    n = lat.shape[0]
    adjacency = csr_matrix((seconds, (src, dst)), shape=(n, n))
    _, labels = connected_components(adjacency, directed=True, connection="strong")
    main = labels == np.argmax(np.bincount(labels))
    new_index = np.cumsum(main) - 1
    keep = main[src] & main[dst]
    return RoadGraph(
        lat=lat[main],
        lon=lon[main],
        src=new_index[src[keep]].astype(np.int32),
        dst=new_index[dst[keep]].astype(np.int32),
        seconds=seconds[keep],
        metres=metres[keep],
    )


def _read_cache(cache_file: Path) -> RoadGraph | None:
    """Return the cached graph, or ``None`` if absent or unreadable (it is rebuilt)."""
    if not cache_file.is_file():
        return None
    try:
        with np.load(cache_file, allow_pickle=False) as data:
            if int(data["format"]) != GRAPH_FORMAT:
                return None
            return RoadGraph(
                lat=data["lat"],
                lon=data["lon"],
                src=data["src"],
                dst=data["dst"],
                seconds=data["seconds"],
                metres=data["metres"],
            )
    except (OSError, ValueError, KeyError) as exc:  # truncated or foreign file
        logger.warning("ignoring unreadable road graph cache %s: %s", cache_file, exc)
        return None


def _write_cache(cache_file: Path, graph: RoadGraph) -> None:
    """Write the graph atomically (temp file + rename), so readers never see half a file."""
    tmp: str | None = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, suffix=".npz.tmp")
        with os.fdopen(fd, "wb") as fh:
            np.savez(
                fh,
                format=np.int64(GRAPH_FORMAT),
                lat=graph.lat,
                lon=graph.lon,
                src=graph.src,
                dst=graph.dst,
                seconds=graph.seconds,
                metres=graph.metres,
            )
        os.replace(tmp, cache_file)
        tmp = None
    except OSError as exc:
        # A read-only cache dir must not stop the platform: we just rebuild next time.
        logger.warning("cannot write road graph cache %s: %s", cache_file, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
