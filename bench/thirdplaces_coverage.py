"""Where next for third places: exact (CP-SAT) vs greedy maximal covering on Isère and Drôme.

Usage::

    .venv/bin/python bench/thirdplaces_coverage.py [--communes FILE] [--k 10] [--threshold-min 15]
        [--time-limit 10] [--workers 1] [--existing 38225,38205,...]

All communes of the file (default: ``../shared/data/communes/communes_38_26.csv``, the 874
communes of Isère and Drôme) are demand points (weighted by population) and candidate sites;
travel times come from the default travel-time provider (``StraightLine``: great-circle
distance x 1.4 at 45 km/h). Two scenarios: the demo network's sites already open (the
communes of ``--existing``), and an empty territory. Prints one row per scenario and method.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np

from smartvillage.optim.coverage import (
    build_instance,
    covered_population,
    nearest_seconds,
    solve_exact,
    solve_greedy,
)
from smartvillage.optim.traveltime import provider_from_config

ROOT = Path(__file__).resolve().parent.parent
# Communes of the demo network (load_thirdplaces_demo): La Jolie Colo in Autrans-Méaudre and
# the North Vercors coworking spaces.
DEMO_NETWORK = "38225,38205,38548,38433,38153"


def read_communes(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--communes",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "communes" / "communes_38_26.csv",
    )
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--threshold-min", type=float, default=15.0)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--existing", default=DEMO_NETWORK, help="INSEE codes of open sites")
    args = parser.parse_args(argv)

    rows = read_communes(args.communes)
    codes = [r["insee_code"] for r in rows]
    population = np.array([int(r["population"] or 0) for r in rows], dtype=np.int64)
    points = [(float(r["latitude"]), float(r["longitude"])) for r in rows]
    started = time.perf_counter()
    seconds = provider_from_config().matrix(points).seconds
    matrix_s = time.perf_counter() - started
    threshold = args.threshold_min * 60
    total = int(population.sum())
    print(
        f"{len(rows)} communes, population {total:,}, k = {args.k}, threshold "
        f"{args.threshold_min:g} min, provider straight_line, matrix {matrix_s:.2f} s"
    )
    print()
    header = (
        f"{'scenario':<22} {'method':<8} {'time s':>7} {'covered before':>15} "
        f"{'newly covered':>14} {'covered after':>14} {'share':>7} {'optimal':>8}"
    )
    print(header)
    print("-" * len(header))
    wanted = [c for c in args.existing.split(",") if c]
    scenarios = [(f"demo network ({len(wanted)})", wanted), ("empty territory", [])]
    for name, existing_codes in scenarios:
        existing = [codes.index(c) for c in existing_codes if c in codes]
        candidates = [i for i in range(len(codes)) if i not in existing]
        instance = build_instance(
            population, seconds[:, existing], seconds[:, candidates], threshold
        )
        before = covered_population(population, nearest_seconds(seconds[:, existing]), threshold)
        for solution in (
            solve_exact(instance, args.k, time_limit_s=args.time_limit, workers=args.workers),
            solve_greedy(instance, args.k),
        ):
            after = before + solution.newly_covered
            print(
                f"{name:<22} {solution.method:<8} {solution.seconds:>7.2f} {before:>15,} "
                f"{solution.newly_covered:>14,} {after:>14,} {after / total:>7.1%} "
                f"{('yes' if solution.optimal else 'no'):>8}"
            )
        exact = solve_exact(instance, args.k, time_limit_s=args.time_limit, workers=args.workers)
        sites = ", ".join(
            f"{rows[candidates[j]]['name']} (+{gain:,})"
            for j, gain in zip(exact.sites, exact.gains, strict=True)
        )
        print(f"{'':<22} cp-sat sites: {sites}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
