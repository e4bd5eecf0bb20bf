"""Benchmark the DARP solver on Cordeau's 21 "a" instances; print a table and the mean gap.

Usage::

    .venv/bin/python bench/darp.py [--time-limit 30] [--seed 0] [--data DIR]
        [--instances a2-16,a3-24] [--max-iterations N] [--jobs 1]

``--data`` holds ``bks.csv`` and ``instances/`` (default: ``../shared/data/darp`` next to the
repository). Every result is verified by the independent checker.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from smartvillage.optim.darp import check, read_cordeau, solve

ROOT = Path(__file__).resolve().parent.parent


def run(args: tuple[Path, float, int, int | None]) -> dict[str, object]:
    path, time_limit, seed, max_iterations = args
    instance = read_cordeau(path)
    result = solve(
        instance.problem, time_limit=time_limit, seed=seed, max_iterations=max_iterations
    )
    report = check(instance.problem, result.plan)
    return {
        "name": instance.name,
        "cost": result.cost,
        "checked": report.cost,
        "seconds": result.seconds,
        "iterations": result.iterations,
        "served": result.all_served,
        "violations": len(report.violations),
        # Peak resident memory of this worker process (each instance runs in a fresh one).
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "darp")
    parser.add_argument("--instances", default="", help="comma-separated names (default: all)")
    parser.add_argument("--max-iterations", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=1, help="instances solved in parallel")
    args = parser.parse_args(argv)
    with open(args.data / "bks.csv") as handle:
        bks = {row["instance"]: float(row["bks"]) for row in csv.DictReader(handle)}
    names = [n for n in args.instances.split(",") if n] or list(bks)
    tasks = [
        (args.data / "instances" / f"{n}.txt", args.time_limit, args.seed, args.max_iterations)
        for n in names
    ]
    print(
        f"time limit {args.time_limit:g} s, seed {args.seed}, "
        f"max iterations {args.max_iterations}, jobs {args.jobs}"
    )
    header = (
        f"{'instance':9} {'BKS':>8} {'cost':>8} {'gap %':>6} {'seconds':>7} "
        f"{'iters':>7} {'served':>6} {'checker':>7} {'peak MB':>7}"
    )
    print(header)
    print("-" * len(header))
    gaps = []
    ok = True
    peaks = []
    with ProcessPoolExecutor(max_workers=args.jobs, max_tasks_per_child=1) as pool:
        for row in pool.map(run, tasks):
            name = str(row["name"])
            cost = float(row["cost"])  # type: ignore[arg-type]
            gap = 100.0 * (cost / bks[name] - 1.0)
            gaps.append(gap)
            peaks.append(float(row["peak_mb"]))  # type: ignore[arg-type]
            feasible = row["violations"] == 0 and abs(cost - float(row["checked"])) < 1e-6  # type: ignore[arg-type]
            ok = ok and feasible and bool(row["served"])
            print(
                f"{name:9} {bks[name]:8.2f} {cost:8.2f} {gap:6.2f} {row['seconds']:7.1f} "
                f"{row['iterations']:7d} {'yes' if row['served'] else 'NO':>6} "
                f"{'ok' if feasible else 'FAIL':>7} {row['peak_mb']:7.0f}",
                flush=True,
            )
    print("-" * len(header))
    print(f"mean gap {statistics.mean(gaps):.2f} %  worst {max(gaps):.2f} %  instances {len(gaps)}")
    print(f"peak memory of one solve: {max(peaks):.0f} MB (resident set of its process)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
