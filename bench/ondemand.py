"""On-demand transport: a realistic day on the demo territory, on PostgreSQL.

About 120 trip requests on one day, 6 vehicles (the demo's minibus and two electric cars plus
three volunteers' cars), made one by one through the operator's phone-booking page (the Django
test client: URL routing, form, rules, service-day lock, insertion, write, redirect). Prints

* the booking answer latency (p50, p95, max) of the web view, confirmed and refused apart
  (a refusal also searches alternatives), and of the preview (quote);
* the full-day re-optimisation: time, distance and trips placed, against the insertion-only
  plan that the bookings built.

Usage (a dedicated database, flushed at start; created if missing)::

    .venv/bin/python bench/ondemand.py [--database-url postgres://postgres@127.0.0.1:5432/smartvillage_ondemand_bench]
        [--requests 120] [--seed 1] [--time-limit 30]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/smartvillage_ondemand_bench"


def _setup(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    if not name.endswith("_bench"):
        sys.exit("refusing to flush a database whose name does not end with _bench")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    if url.startswith("postgres"):
        import psycopg

        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    _setup(args.database_url)

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from smartvillage.accounts.models import Membership, User
    from smartvillage.ondemand import demo
    from smartvillage.ondemand.models import (
        Availability,
        Beneficiary,
        Booking,
        Driver,
        Run,
        Vehicle,
    )
    from smartvillage.ondemand.services import planning

    # Notifications go to memory: the console backends would flood the table.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    service = demo.load_setup()
    org = service.organisation
    stops = list(service.stops.select_related("place"))
    # Six vehicles with a driver each, all day.
    for i in range(3):
        Vehicle.objects.get_or_create(
            organisation=org, name=f"Voiture bénévole {i + 1}",
            defaults={"kind": Vehicle.Kind.CAR, "seats": 3,
                      "home_base": stops[i % len(stops)].place},
        )  # fmt: skip
    for i in range(6):
        user = User.objects.create_user(f"bench.driver{i}@example.org", "x", first_name=f"D{i}")
        driver = Driver.objects.create(organisation=org, user=user)
        for weekday in range(1, 8):
            Availability.objects.create(driver=driver, weekday=weekday,
                                        start_time=datetime.min.time().replace(hour=7),
                                        end_time=datetime.min.time().replace(hour=19))  # fmt: skip
    operator = User.objects.create_user("bench.operator@example.org", "x")
    Membership.objects.create(user=operator, organisation=org, role=Membership.Role.OPERATOR)
    people = list(Beneficiary.objects.filter(organisation=org))

    # The day: the first service day at least three days ahead.
    day = timezone.localdate() + timedelta(days=3)
    while not service.runs_on(day):
        day += timedelta(days=1)
    rng = random.Random(args.seed)
    client = Client()
    client.force_login(operator)
    url = f"/transport/{service.slug}/operate/phone/"
    timings: dict[str, list[float]] = {"confirmed": [], "refused": [], "preview": []}
    for _ in range(args.requests):
        origin, destination = rng.sample(stops, 2)
        minutes = rng.randrange(8 * 60 + 15, 17 * 60 + 30, 5)
        form = {
            "beneficiary": rng.choice(people).pk,
            "origin_stop": origin.pk,
            "destination_stop": destination.pk,
            "date": day.isoformat(),
            "time_kind": rng.choice(["leave_at", "arrive_by"]),
            "time": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "passengers": 1 + int(rng.random() < 0.2),
            "companion": "on" if rng.random() < 0.1 else "",
        }
        before = Booking.objects.live().count()
        start = time.perf_counter()
        client.post(url, {**form, "action": "preview"})
        timings["preview"].append(time.perf_counter() - start)
        start = time.perf_counter()
        response = client.post(url, {**form, "action": "confirm"})
        elapsed = time.perf_counter() - start
        booked = response.status_code == 302 and Booking.objects.live().count() == before + 1
        timings["confirmed" if booked else "refused"].append(elapsed)

    insertion_km = (
        sum(Run.objects.filter(day__date=day).values_list("distance_m", flat=True)) / 1000
    )
    placed_before = Booking.objects.live().filter(date=day, run__isnull=False).count()
    start = time.perf_counter()
    try:
        proposal = planning.optimise(service, day, time_limit=args.time_limit, seed=args.seed)
        opt_seconds = time.perf_counter() - start
        planning.apply_proposal(proposal)
        opt_km, placed_after, note = proposal.distance_after_m / 1000, proposal.placed_after, ""
    except Exception as exc:  # noqa: BLE001 - reported in the table
        opt_seconds, opt_km, placed_after, note = (
            time.perf_counter() - start,
            float("nan"),
            0,
            str(exc),
        )

    print(f"database: {connection.vendor}, day {day}, {args.requests} requests, "
          f"{Run.objects.filter(day__date=day).count()} vehicles with a driver")  # fmt: skip
    print()
    print(f"{'booking web view':<28}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, values in timings.items():
        ms = [v * 1000 for v in values]
        print(f"{label:<28}{len(ms):>5}{_pct(ms, .5):>10.0f}{_pct(ms, .95):>10.0f}"
              f"{max(ms, default=float('nan')):>10.0f}")  # fmt: skip
    every = [v * 1000 for v in timings["confirmed"] + timings["refused"]]
    print(f"{'confirm (all)':<28}{len(every):>5}{_pct(every, .5):>10.0f}"
          f"{_pct(every, .95):>10.0f}{max(every, default=float('nan')):>10.0f}")  # fmt: skip
    print()
    print(f"{'plan':<28}{'trips placed':>14}{'vehicle-km':>12}{'seconds':>10}")
    print(f"{'insertion only':<28}{placed_before:>14}{insertion_km:>12.1f}{'':>10}")
    print(f"{'re-optimised (ALNS)':<28}{placed_after:>14}{opt_km:>12.1f}{opt_seconds:>10.1f}")
    if note:
        print(f"optimisation: {note}")
    if insertion_km and opt_km == opt_km:
        print(f"saving: {100 * (insertion_km - opt_km) / insertion_km:.1f} % of vehicle-km")


if __name__ == "__main__":
    main()
