"""Latency of booking-time insertion and cancellation on a realistic plan.

Builds a generated instance (Cordeau-like: 20 x 20 square, speed 1, minutes), plans
``--vehicles`` x ``--per-vehicle`` requests with the solver's construction plus a short search,
then measures

* ``insert_request`` of each of ``--new`` fresh requests into that plan (each one alone, the
  plan unchanged between calls), the full public call: plan -> arrays, every vehicle and
  position, exact route check, new plan;
* ``remove_request`` of each planned request (cancellation, with re-validation of the times).

Usage::

    .venv/bin/python bench/insertion.py [--vehicles 10] [--per-vehicle 30] [--new 200] [--seed 0]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from smartvillage.optim.darp import (
    Plan,
    Problem,
    Request,
    Unserved,
    Vehicle,
    check,
    insert_request,
    remove_request,
    solve,
)


def generate(nveh: int, nreq: int, seed: int) -> Problem:
    rng = np.random.default_rng(seed)
    day = 600.0
    xy = np.vstack([[0.0, 0.0], rng.uniform(-10, 10, (2 * nreq, 2))])
    matrix = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    requests = []
    for r in range(nreq):
        pickup, dropoff = 1 + r, 1 + nreq + r
        start = float(rng.uniform(30, day - 60))
        tight = (start, start + 15)
        at_pickup = r % 2 == 0
        requests.append(
            Request(
                pickup,
                dropoff,
                pickup_window=tight if at_pickup else (0, day),
                dropoff_window=(0, day) if at_pickup else tight,
                pickup_service=2,
                dropoff_service=2,
                load=int(rng.integers(1, 3)),
                max_ride_time=45,
            )
        )
    vehicles = [Vehicle(seats=8, shift=(0, day), max_duration=day) for _ in range(nveh)]
    return Problem(tuple(requests), tuple(vehicles), matrix, matrix, name="generated")


def percentiles(samples: list[float]) -> str:
    ms = sorted(1000 * s for s in samples)
    p50 = statistics.median(ms)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   max {ms[-1]:7.2f} ms   n={len(ms)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vehicles", type=int, default=10)
    parser.add_argument("--per-vehicle", type=int, default=30)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plan-seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    planned = args.vehicles * args.per_vehicle
    full = generate(args.vehicles, planned + args.new, args.seed)
    base = Problem(full.requests[:planned], full.vehicles, full.duration, full.distance)
    result = solve(base, time_limit=args.plan_seconds, seed=args.seed)
    new = tuple(Unserved(r, "new") for r in range(planned, planned + args.new))
    plan = Plan(result.plan.routes, result.plan.unserved + new)
    assert check(full, plan).feasible
    sizes = [len(route.stops) // 2 for route in plan.routes]
    print(
        f"plan: {args.vehicles} vehicles, {sum(sizes)} of {planned} requests served "
        f"(per vehicle {min(sizes)}-{max(sizes)}), built in {result.seconds:.1f} s"
    )
    insert_request(full, plan, planned)  # warm-up: compiles/loads kernels, caches arrays
    latencies, accepted = [], 0
    for r in range(planned, planned + args.new):
        started = time.perf_counter()
        answer = insert_request(full, plan, r)
        latencies.append(time.perf_counter() - started)
        if answer:
            accepted += 1
            assert check(full, answer.plan).feasible
    print(f"insert_request (new request into the plan, full call): {percentiles(latencies)}")
    print(f"  accepted {accepted} of {args.new} new requests (the rest: no feasible position)")
    removals = []
    served = [s.request for route in plan.routes for s in route.stops if s.pickup]
    for r in served:
        started = time.perf_counter()
        smaller = remove_request(full, plan, r)
        removals.append(time.perf_counter() - started)
        assert check(full, smaller).feasible
    print(f"remove_request (cancel a planned request, full call):  {percentiles(removals)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
