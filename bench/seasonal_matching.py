"""Seasonal matching: ranked candidates for one job and ranked jobs for one worker.

Builds a throw-away database (an SQLite file in a temporary folder by default, or the one of
``--database-url``, whose seasonal tables are emptied first), W workers with one or two
availability windows and random skills, languages and licences, and J jobs over three seasons;
builds the matching index once, then times ``matching.candidates_for(job)`` and
``matching.jobs_for(user)`` (each includes the index's freshness check against the database,
and fetching the 20 rows shown on the page). Target: p95 ≤ 50 ms each way.

    .venv/bin/python bench/seasonal_matching.py [--workers 20000] [--jobs 5000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=20000)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-seasonal-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from smartvillage.accounts.models import Organisation, User
    from smartvillage.seasonal import matching, rome
    from smartvillage.seasonal.models import (
        Application,
        Availability,
        Intercommunality,
        Job,
        Season,
        SeasonRecord,
        WorkerProfile,
    )
    from smartvillage.territory.models import Commune

    rng = random.Random(args.seed)
    call_command("migrate", verbosity=0)
    skills, languages, licences = list(rome.skills()), list(rome.LANGUAGES), list(rome.LICENCES)
    codes = list(rome.jobs())
    with transaction.atomic():
        Application.objects.all().delete()
        SeasonRecord.objects.all().delete()
        Job.objects.all().delete()
        WorkerProfile.objects.all().delete()
        Season.objects.all().delete()
        User.objects.filter(email__endswith="@bench.invalid").delete()
        commune, _ = Commune.objects.get_or_create(
            insee_code="38548",
            defaults={"name": "Villard-de-Lans", "departement": "38", "latitude": 45.07,
                      "longitude": 5.55},
        )  # fmt: skip
        area, _ = Intercommunality.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        seasons = [
            Season.objects.create(
                intercommunality=area,
                kind="winter",
                name=f"Hiver {y}",
                starts_on=date(y, 12, 1),
                ends_on=date(y + 1, 4, 15),
            )  # fmt: skip
            for y in (2025, 2026, 2027)
        ]
        employers = [
            Organisation.objects.get_or_create(
                slug=f"bench-employer-{i}",
                defaults={"name": f"Employer {i}", "kind": Organisation.Kind.EMPLOYER},
            )[0]
            for i in range(50)
        ]
        User.objects.bulk_create(
            User(email=f"w{i}@bench.invalid", password="!") for i in range(args.workers)
        )
        users = list(
            User.objects.filter(email__endswith="@bench.invalid").values_list("pk", flat=True)
        )
        WorkerProfile.objects.bulk_create(
            WorkerProfile(
                user_id=pk,
                skills=rng.sample(skills, rng.randint(0, 5)),
                languages=["fr", *rng.sample(languages[1:], rng.randint(0, 2))],
                licences=rng.sample(licences, rng.randint(0, 2)),
                needs_housing=rng.random() < 0.4,
                has_car=rng.random() < 0.5,
                open_to_offers=rng.random() < 0.7,
            )  # fmt: skip
            for pk in users
        )
        windows = []
        for pk in WorkerProfile.objects.values_list("pk", flat=True):
            start = date(2025, 11, 1) + timedelta(days=rng.randint(0, 800))
            for _ in range(rng.randint(1, 2)):
                end = start + timedelta(days=rng.randint(20, 150))
                windows.append(Availability(profile_id=pk, starts_on=start, ends_on=end))
                start = end + timedelta(days=rng.randint(30, 120))
        Availability.objects.bulk_create(windows, batch_size=5000)
        jobs = []
        for _ in range(args.jobs):
            season = rng.choice(seasons)
            start = season.starts_on + timedelta(days=rng.randint(0, 30))
            jobs.append(
                Job(
                    employer=rng.choice(employers),
                    season=season,
                    title="Job",
                    description="…",
                    rome_code=rng.choice(codes),
                    commune=commune,
                    latitude=45.07,
                    longitude=5.55,
                    starts_on=start,
                    ends_on=season.ends_on - timedelta(days=rng.randint(0, 20)),
                    weekly_hours=Decimal(35),
                    hourly_wage=Decimal(12),
                    housing=rng.choice(["none", "helped", "provided"]),
                    languages_required=rng.sample(["fr", "en"], rng.randint(0, 1)),
                    licences_required=rng.sample(licences, rng.randint(0, 1))
                    if rng.random() < 0.3
                    else [],
                    skills_required=rng.sample(skills, rng.randint(0, 3)),
                    skills_preferred=rng.sample(skills, rng.randint(0, 2)),
                    reachable_without_car=rng.random() < 0.6,
                )  # fmt: skip
            )
        Job.objects.bulk_create(jobs, batch_size=2000)

    matching.reset()
    started = time.perf_counter()
    matching.index()
    build_s = time.perf_counter() - started
    job_list = list(Job.objects.order_by("?")[: args.repeat])
    user_list = list(User.objects.filter(pk__in=rng.sample(users, args.repeat)))

    def timed(func, items):  # type: ignore[no-untyped-def]
        times, found = [], []
        for item in items:
            t0 = time.perf_counter()
            matches = func(item)
            found.append(len(matches))
            times.append((time.perf_counter() - t0) * 1000)
        return times, found

    def candidates(job):  # type: ignore[no-untyped-def]
        matches = matching.candidates_for(job)
        list(User.objects.filter(pk__in=[m.id for m in matches]))
        return matches

    def jobs_for(user):  # type: ignore[no-untyped-def]
        matches = matching.jobs_for(user)
        list(Job.objects.filter(pk__in=[m.id for m in matches]).select_related("employer"))
        return matches

    print(f"database: {connection.vendor}, {args.workers} workers, {args.jobs} jobs, "
          f"{len(windows)} availability windows; index built in {build_s:.2f} s")  # fmt: skip
    print(f"{'query':<22} {'n':>5} {'found':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
          f"{'target':>7} {'ok':>3}")  # fmt: skip
    for name, func, items in (
        ("candidates for a job", candidates, job_list),
        ("jobs for a worker", jobs_for, user_list),
    ):
        times, found = timed(func, items)
        p95 = _p(times, 0.95)
        print(
            f"{name:<22} {len(times):>5} {statistics.mean(found):>6.1f} {_p(times, 0.5):>8.2f} "
            f"{p95:>8.2f} {max(times):>8.2f} {'50':>7} {'yes' if p95 <= 50 else 'NO':>3}"
        )


if __name__ == "__main__":
    main()
