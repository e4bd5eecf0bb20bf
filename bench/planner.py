"""Journey planner: GTFS import, timetable queries and the whole multimodal search.

Part 1 (no database): for generated feeds of ``--sizes`` stops, the real Google sample feed
(read from ``--data``, the team's reference data, ``../shared/data`` by default) and the
invented Vercors demo feed, it times reading + validating, building one day's timetable, peak
Python memory of both (tracemalloc), then earliest-arrival (RAPTOR) and 2-hour range (rRAPTOR)
queries between random stops at random times. Target: timetable query p95 <= 50 ms.

Part 2 (a throw-away SQLite database, or ``--database-url``): the demo territory and its
services (``load_demo``), the largest generated feed imported with ``import_feed`` (timed),
then ``planner.search.search`` between random demo places (every provider: on-demand quotes,
car sharing, carpool, hitchhiking). Target: multimodal search p95 <= 300 ms.

    .venv/bin/python bench/planner.py [--sizes 1000 5000] [--queries 200] [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/coverage.py would shadow the coverage package that numba imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def next_weekday(start: date, weekday: int = 1) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7 or 7)


def bench_feed(name, source, day, queries, rng):  # type: ignore[no-untyped-def]
    from smartvillage.optim.transit import Timetable, read_feed

    t0 = time.perf_counter()
    feed, report = read_feed(source)
    t1 = time.perf_counter()
    tt = Timetable(feed, day)
    t2 = time.perf_counter()
    # Memory in a second pass: tracemalloc slows everything down several times.
    del feed, tt
    tracemalloc.start()
    feed, report = read_feed(source)
    tt = Timetable(feed, day)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    stops = [s for s in tt.stop_ids if tt.routes_at[tt.index[s]]]
    times: dict[str, list[float]] = {"ea": [], "unbounded": [], "profile": []}
    found = 0
    horizon = 4 * 3600  # the planner's (search.MAX_DURATION)
    tt.earliest_arrival({stops[0]: 8 * 3600}, {stops[-1]: 0})  # numba: load the compiled kernel
    for _ in range(queries):
        a, b = rng.sample(stops, 2)
        t = rng.randint(6 * 3600, 18 * 3600)
        s0 = time.perf_counter()
        journeys = tt.earliest_arrival({a: t}, {b: 0}, max_duration=horizon)
        times["ea"].append((time.perf_counter() - s0) * 1000)
        found += bool(journeys)
        s0 = time.perf_counter()
        tt.earliest_arrival({a: t}, {b: 0})
        times["unbounded"].append((time.perf_counter() - s0) * 1000)
        s0 = time.perf_counter()
        tt.profile({a: 0}, {b: 0}, t, t + 7200, max_duration=horizon)
        times["profile"].append((time.perf_counter() - s0) * 1000)
    trips = sum(len(p.trip_ids) for p in tt.patterns)
    return [
        name, len(feed.stops), trips, len(report.rejected), f"{(t1 - t0) * 1000:.0f}",
        f"{(t2 - t1) * 1000:.0f}", f"{peak / 2**20:.1f}",
        f"{statistics.median(times['ea']):.1f}", f"{pct(times['ea'], 0.95):.1f}",
        f"{pct(times['unbounded'], 0.95):.1f}",
        f"{statistics.median(times['profile']):.1f}", f"{pct(times['profile'], 0.95):.1f}",
        f"{found}/{queries}",
    ]  # fmt: skip


def table(header: list[str], rows: list[list[object]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))


def part1(args: argparse.Namespace, rng: random.Random) -> None:
    from smartvillage.optim.transit.synthetic import generate

    day = next_weekday(date.today())
    rows = []
    for size in args.sizes:
        rows.append(bench_feed(f"generated-{size}", generate(size, seed=size), day, args.queries,
                               rng))  # fmt: skip
    sample = Path(args.data) / "gtfs" / "google_sample_feed"
    if sample.is_dir():
        rows.append(bench_feed("google-sample (real)", sample, date(2008, 6, 3), args.queries, rng))
    else:
        print(f"(no {sample}: the real sample feed is skipped; see --data)")
    demo = ROOT / "src/smartvillage/planner/data/gtfs/vercors_demo"
    rows.append(bench_feed("vercors-demo (invented)", demo, day, args.queries, rng))
    print("Timetable: read + validate, build one day, queries (ms); memory: tracemalloc peak")
    table(["feed", "stops", "trips today", "rejected", "read ms", "build ms", "peak MB",
           "RAPTOR p50", "RAPTOR p95", "no-horizon p95", "rRAPTOR 2h p50", "rRAPTOR 2h p95",
           "found"], rows)  # fmt: skip
    print(
        "RAPTOR: earliest arrival with the planner's 4 h horizon; no-horizon: to the end of the "
        "day; found: pairs joined within 4 h"
    )
    print("target: timetable query (RAPTOR earliest arrival) p95 <= 50 ms")


def part2(args: argparse.Namespace, rng: random.Random) -> None:
    tmp = tempfile.mkdtemp(prefix="bench-planner-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from smartvillage.core.mobility import JourneyQuery, Point
    from smartvillage.optim.transit.synthetic import generate
    from smartvillage.planner import search, timetable
    from smartvillage.planner.services import import_feed
    from smartvillage.territory.models import Place

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, allow_production=True)
    size = max(args.sizes)
    files = generate(size, seed=size, centre=(45.0, 5.45))
    t0 = time.perf_counter()
    import_feed(files, slug="generated", name=f"Generated {size}")
    import_s = time.perf_counter() - t0
    tracemalloc.start()
    import_feed(files, slug="generated", name=f"Generated {size}")  # again: memory only
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    places = list(Place.objects.all())
    day = next_weekday(timezone.localdate() + timedelta(days=2))
    t0 = time.perf_counter()
    timetable.for_day(day)
    build_s = time.perf_counter() - t0
    timings, counts = [], []
    for _ in range(args.multimodal):
        a, b = rng.sample(places, 2)
        when = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
            minutes=rng.randint(8 * 60, 17 * 60)
        )
        query = JourneyQuery(Point(a.latitude, a.longitude, a.name),
                             Point(b.latitude, b.longitude, b.name), when)  # fmt: skip
        s0 = time.perf_counter()
        result = search.search(query)
        timings.append((time.perf_counter() - s0) * 1000)
        counts.append(len(result.options))
    print()
    print(f"Multimodal search (database: {os.environ['DATABASE_URL'].split(':')[0]}, demo "
          f"territory + generated feed of {size} stops, {args.multimodal} searches)")  # fmt: skip
    table(["import s", "import peak MB", "day build s (first search)", "search p50 ms",
           "search p95 ms", "max ms", "options (mean)"],
          [[f"{import_s:.2f}", f"{peak / 2**20:.1f}", f"{build_s:.2f}",
            f"{statistics.median(timings):.0f}", f"{pct(timings, 0.95):.0f}",
            f"{max(timings):.0f}", f"{statistics.mean(counts):.1f}"]])  # fmt: skip
    print("target: multimodal search p95 <= 300 ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MB")


def _shared_data() -> Path:
    """``../shared/data`` from the checkout (or from its parent, for a worktree in wt/)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--multimodal", type=int, default=100)
    parser.add_argument("--data", default=str(_shared_data()),
                        help="reference data folder (holds gtfs/google_sample_feed)")  # fmt: skip
    parser.add_argument("--database-url", default="")
    parser.add_argument("--skip-multimodal", action="store_true")
    args = parser.parse_args()
    rng = random.Random(7)
    part1(args, rng)
    if not args.skip_multimodal:
        part2(args, rng)


if __name__ == "__main__":
    main()
