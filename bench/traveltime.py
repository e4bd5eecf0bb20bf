"""Time the travel-time providers on an OpenStreetMap extract and print a Markdown table.

Usage: ``python bench/traveltime.py [--pbf PATH] [--seed N]``. Defaults to the shared Andorra
extract. The "first build" uses an empty temporary cache directory; the cached load reads it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np

from smartvillage.optim.traveltime import OsmRoadGraph, StraightLine, load_road_graph

DEFAULT_PBF = Path(__file__).resolve().parents[2] / "shared" / "data" / "osm" / "andorra.osm.pbf"
T = TypeVar("T")


def timed(fn: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Median wall time in seconds of ``repeat`` calls, and the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pbf", type=Path, default=DEFAULT_PBF, help="OSM extract")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sampled points")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        graph = load_road_graph(args.pbf, cache_dir=cache)
        first = time.perf_counter() - start
        cached, _ = timed(lambda: load_road_graph(args.pbf, cache_dir=cache))
    provider = OsmRoadGraph(graph)
    rng = np.random.default_rng(args.seed)
    size_mb = args.pbf.stat().st_size / 1e6
    print(
        f"extract: {args.pbf.name} ({size_mb:.2f} MB), {graph.n_nodes} nodes, "
        f"{graph.n_edges} edges, seed {args.seed}\n"
    )
    print("| step | seconds |")
    print("|---|---:|")
    print(f"| OSM graph: first build (parse + SCC + write cache) | {first:.3f} |")
    print(f"| OSM graph: cached load (sha256 + read npz) | {cached:.3f} |")
    stats = []
    for n in (50, 500):
        nodes = rng.choice(graph.n_nodes, size=n, replace=False)
        points = [
            (float(a), float(b)) for a, b in zip(graph.lat[nodes], graph.lon[nodes], strict=True)
        ]
        osm_s, m = timed(partial(provider.matrix, points))
        line_s, _ = timed(partial(StraightLine().matrix, points))
        print(f"| OSM matrix, {n} points | {osm_s:.3f} |")
        print(f"| straight-line matrix, {n} points | {line_s:.4f} |")
        off = ~np.eye(n, dtype=bool)
        crow = StraightLine(detour_factor=1.0).matrix(points).metres[off]
        stats.append(
            (n, m.metres[off] / crow, m.metres[off] / m.seconds[off], crow / m.seconds[off])
        )
    print(
        "\n| points | median detour (road m / crow m) | median road speed km/h | "
        "median crow-flies speed km/h |"
    )
    print("|---:|---:|---:|---:|")
    for n, detour, speed, crow_speed in stats:
        print(
            f"| {n} | {np.median(detour):.2f} | {np.median(speed) * 3.6:.1f} | "
            f"{np.median(crow_speed) * 3.6:.1f} |"
        )


if __name__ == "__main__":
    main()
