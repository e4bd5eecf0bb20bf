"""Benchmark carpool matching: 100,000 active offers over the Isère and Drôme communes.

Usage::

    .venv/bin/python bench/matching.py [--offers 100000] [--queries 2000] [--seed 0]
        [--communes PATH | --shared] [--hours 15]

Offers run between two communes (picked with a weight on population) 5 to 80 km apart, leaving
within ``--hours`` of one day (06:00 onwards); a fifth have one via point. Each query asks
"which offers can take me from A to B around time t" (A and B are communes too, with a few
hundred metres of noise, t in the same day, ±30 min). Prints the index build time, the query
latency percentiles and the memory (the index's allocations by tracemalloc, the process's peak
RSS). The communes come from the CSV committed in the repository, or from
``../shared/data/communes`` with ``--shared``.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from smartvillage.optim.matching import MatchParams, Offer, OfferIndex, Query

ROOT = Path(__file__).resolve().parent.parent
COMMUNES = ROOT / "src/smartvillage/territory/data/communes_38_26.csv"
SHARED = ROOT.parent / "shared/data/communes"


def read_communes(path: Path) -> list[tuple[float, float, int]]:
    if path.is_dir():
        path = next(p for p in sorted(path.glob("*.csv")) if "38" in p.name or "26" in p.name)
    with path.open(encoding="utf-8") as handle:
        return [
            (float(row["latitude"]), float(row["longitude"]), int(row["population"] or 0))
            for row in csv.DictReader(handle)
            if row["departement"] in {"38", "26"}
        ]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians(45))
    return math.hypot(dx, dy)


def jitter(rng: random.Random, p: tuple[float, float], metres: float) -> tuple[float, float]:
    d = metres / 111_200
    return (p[0] + rng.uniform(-d, d), p[1] + rng.uniform(-d, d))


def pair(rng, points, weights, low, high):
    while True:
        a, b = rng.choices(points, weights, k=2)
        if low <= km(a, b) <= high:
            return a, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hours", type=float, default=15.0)
    parser.add_argument("--communes", type=Path, default=COMMUNES)
    parser.add_argument("--shared", action="store_true", help="read ../shared/data/communes")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = read_communes(SHARED if args.shared else args.communes)
    points = [(lat, lon) for lat, lon, _pop in rows]
    weights = [math.sqrt(pop + 50) for _lat, _lon, pop in rows]
    day = 6 * 3600.0

    offers = []
    for i in range(args.offers):
        a, b = pair(rng, points, weights, 5, 80)
        route = (jitter(rng, a, 300), jitter(rng, b, 300))
        if rng.random() < 0.2:
            via = rng.choice(points)
            if km(via, a) + km(via, b) < 1.2 * km(a, b):
                route = (route[0], via, route[1])
        offers.append(
            Offer(
                id=i + 1,
                route=route,
                departure_s=day + rng.uniform(0, args.hours * 3600),
                seats=rng.choice([1, 2, 3, 3, 4]),
                flex_s=rng.choice([0, 600, 900]),
            )
        )
    params = MatchParams()
    tracemalloc.start()
    started = time.perf_counter()
    index = OfferIndex(offers, params)
    build_s = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    queries = []
    for _ in range(args.queries):
        a, b = pair(rng, points, weights, 5, 60)
        t = day + rng.uniform(0, args.hours * 3600)
        queries.append(Query(jitter(rng, a, 500), jitter(rng, b, 500), t, flex_s=1800))
    latencies, candidates, found = [], [], []
    for query in queries[:20]:  # warm-up
        index.search(query)
    for query in queries:
        started = time.perf_counter()
        matches = index.search(query)
        latencies.append((time.perf_counter() - started) * 1000)
        candidates.append(len(index.candidates(query)))
        found.append(len(matches))
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"communes: {len(points)}, offers: {len(index)}, queries: {len(queries)}")
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| index build | {build_s:.2f} s |")
    print(f"| index memory (tracemalloc peak) | {peak / 1e6:.1f} MB |")
    print(f"| process peak RSS | {rss_mb:.0f} MB |")
    print(f"| query p50 | {pct(50):.2f} ms |")
    print(f"| query p95 | {pct(95):.2f} ms (target ≤ 20 ms) |")
    print(f"| query p99 | {pct(99):.2f} ms |")
    print(f"| query max | {latencies[-1]:.2f} ms |")
    print(f"| pre-filter survivors (mean) | {statistics.mean(candidates):.0f} |")
    print(f"| matches per query (mean / median) | {statistics.mean(found):.1f} / "
          f"{statistics.median(found):.0f} |")  # fmt: skip
    print(f"| queries with no match | {sum(1 for f in found if not f) / len(found):.0%} |")


if __name__ == "__main__":
    main()
