"""Impact indicators: a year's recompute and the dashboards on the demo territory scaled ×100.

Builds a throw-away database (SQLite in a temporary folder, or ``--database-url``) with the
territory's communes and a year of activity in every service at ``--scale`` times the demo
territory's monthly volume (``DEMO_MONTH``: the order of magnitude of the Vercors demo), then
times ``recompute_impact`` over the year (target ≤ 10 s at ×100) and the dashboard pages
(territory, one commune's widget, the CSV export, a member's page; target p95 ≤ 300 ms).

    .venv/bin/python bench/impact.py [--scale 100] [--repeat 30] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

#: One month of the demo territory: proven carpool rides, completed on-demand trips, car-share
#: trips, desk bookings; people taking part; communes where it happens.
DEMO_MONTH = {"rides": 30, "ondemand": 40, "carsharing": 20, "desks": 60}
DEMO_PEOPLE = 25
DEMO_COMMUNES = 12
RECOMPUTE_TARGET_S = 10.0
PAGE_TARGET_MS = 300.0


def _setup(database_url: str) -> None:
    tmp = tempfile.mkdtemp(prefix="bench-impact-")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    # bench/coverage.py would shadow the coverage package numba imports: drop the script's folder.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.path.insert(0, str(here.parent / "src"))
    import django

    django.setup()


def _build(scale: int, year: int) -> dict[str, int]:
    """A year of activity at ``scale`` × the demo (bulk inserts straight into each app)."""
    from django.utils import timezone

    from smartvillage.accounts.models import Organisation, User
    from smartvillage.carsharing import models as cs
    from smartvillage.ondemand import models as od
    from smartvillage.rideshare import models as rs
    from smartvillage.territory.models import Commune, Place
    from smartvillage.thirdplaces import models as tp

    rng = random.Random(7)
    tz = timezone.get_current_timezone()
    communes = list(Commune.objects.filter(departement="26").order_by("insee_code"))
    communes = communes[: DEMO_COMMUNES * min(scale, 10)]
    org = Organisation.objects.create(name="Bench", slug="bench")
    people = DEMO_PEOPLE * scale
    users = User.objects.bulk_create(
        User(email=f"p{i}@example.org", commune=communes[i % len(communes)]) for i in range(people)
    )
    now = timezone.now()
    members = rs.Member.objects.bulk_create(
        rs.Member(user=u, charter_version="2026-1", charter_accepted_at=now, number=f"B{u.pk}")
        for u in users
    )
    place = Place.objects.create(
        name="Dépôt", slug="depot", commune=communes[0], latitude=communes[0].latitude,
        longitude=communes[0].longitude,
    )  # fmt: skip
    service = od.Service.objects.create(organisation=org, name="TAD", slug="tad")
    beneficiaries = od.Beneficiary.objects.bulk_create(
        od.Beneficiary(organisation=org, user=u, first_name="B", last_name=str(u.pk),
                       commune=u.commune)
        for u in users
    )  # fmt: skip
    minibuses = od.Vehicle.objects.bulk_create(
        od.Vehicle(organisation=org, name=f"Bus {i}", seats=8, home_base=place)
        for i in range(max(1, scale // 5))
    )
    station_list = cs.Station.objects.bulk_create(
        cs.Station(organisation=org, name=f"S{c.insee_code}", latitude=c.latitude,
                   longitude=c.longitude, commune=c)
        for c in communes
    )  # fmt: skip
    cars = cs.Vehicle.objects.bulk_create(
        cs.Vehicle(organisation=org, station=s, name=f"Car {s.pk}", make="R", model="Zoe")
        for s in station_list
    )
    carshare_members = cs.CarshareMember.objects.bulk_create(
        cs.CarshareMember(user=u, organisation=org, licence_number=str(u.pk), status="approved")
        for u in users
    )
    places = [
        tp.ThirdPlace.objects.create(
            organisation=org,
            name=f"Tiers-lieu {c.name}",
            slug=f"tl-{c.insee_code}",
            commune=c,
            latitude=c.latitude,
            longitude=c.longitude,
        )  # fmt: skip
        for c in communes[:4]
    ]
    spaces = [tp.Space.objects.create(third_place=p, name="Open", kind="desks", capacity=500)
              for p in places]  # fmt: skip
    cars_by_commune = {car.station.commune_id: car for car in cars}
    counts = dict.fromkeys(DEMO_MONTH, 0)
    for month in range(1, 13):
        next_slot: dict[int, int] = {}

        def moment(month: int = month) -> datetime:
            return datetime(year, month, rng.randint(1, 28), rng.randint(7, 19), tzinfo=tz)

        rides = []
        for _i in range(DEMO_MONTH["rides"] * scale):
            driver, passenger = rng.sample(members, 2)
            start = moment()
            commune = passenger.user.commune  # people ride from home, mostly
            if rng.random() < 0.2:
                commune = communes[rng.randrange(len(communes))]
            rides.append(rs.Ride(
                driver=driver, passenger=passenger, start_label="A", end_label="B",
                start_insee=commune.insee_code, started_at=start,
                ended_at=start + timedelta(minutes=30), distance_m=rng.randint(3000, 40000),
                seats=rng.choice([1, 1, 2]), status="completed", driver_confirmed_at=start,
                passenger_confirmed_at=start,
            ))  # fmt: skip
        rs.Ride.objects.bulk_create(rides, batch_size=2000)
        counts["rides"] += len(rides)
        days = od.ServiceDay.objects.bulk_create(
            od.ServiceDay(service=service, date=date(year, month, d)) for d in range(1, 29)
        )
        runs = od.Run.objects.bulk_create(
            od.Run(day=d, vehicle=v, shift_start=datetime(year, month, d.date.day, 8, tzinfo=tz),
                   shift_end=datetime(year, month, d.date.day, 18, tzinfo=tz),
                   distance_m=rng.randint(40000, 120000), status="done")
            for d in days for v in minibuses
        )  # fmt: skip
        bookings = []
        for _i in range(DEMO_MONTH["ondemand"] * scale):
            run = runs[rng.randrange(len(runs))]
            b = beneficiaries[rng.randrange(len(beneficiaries))]
            at = datetime(year, month, run.day.date.day, rng.randint(8, 17), tzinfo=tz)
            bookings.append(od.Booking(
                service=service, beneficiary=b, date=run.day.date, origin_label="A",
                origin_lat=44.9, origin_lon=5.4, destination_label="B", destination_lat=44.95,
                destination_lon=5.45, time_kind="leave_at", requested_time=at, run=run,
                status="completed", direct_distance_m=rng.randint(2000, 30000),
            ))  # fmt: skip
        od.Booking.objects.bulk_create(bookings, batch_size=2000)
        counts["ondemand"] += len(bookings)
        car_bookings = []
        for _i in range(DEMO_MONTH["carsharing"] * scale):
            # A member takes a car of their commune's station (else the first station); a
            # car's slots of 3 hours follow one another (the PostgreSQL exclusion constraint).
            member = carshare_members[rng.randrange(len(carshare_members))]
            car = cars_by_commune.get(member.user.commune_id, cars[0])
            slot = next_slot[car.pk] = next_slot.get(car.pk, -1) + 1
            start = datetime(year, month, 1, tzinfo=tz) + timedelta(hours=3 * slot)
            car_bookings.append(cs.Booking(
                vehicle=car, member=member, starts_at=start, ends_at=start + timedelta(hours=3),
            ))  # fmt: skip
        car_bookings = cs.Booking.objects.bulk_create(car_bookings, batch_size=2000)
        cs.Trip.objects.bulk_create(
            (cs.Trip(booking=b, checked_out_at=b.starts_at, odometer_start=1000,
                     battery_start=90, checked_in_at=b.ends_at,
                     odometer_end=1000 + rng.randint(5, 80))
             for b in car_bookings),
            batch_size=2000,
        )  # fmt: skip
        counts["carsharing"] += len(car_bookings)
        desks = []
        for _i in range(DEMO_MONTH["desks"] * scale):
            start = moment().replace(hour=9)
            i = rng.randrange(people)  # a member works at one third place, mostly
            space = spaces[i % len(spaces)] if rng.random() < 0.9 else rng.choice(spaces)
            desks.append(tp.Booking(
                space=space, user=users[i],
                period="day", starts_at=start, ends_at=start + timedelta(hours=9),
                status="confirmed", avoided_km=Decimal(rng.randint(0, 600)) / 10,
            ))  # fmt: skip
        tp.Booking.objects.bulk_create(desks, batch_size=2000)
        counts["desks"] += len(desks)
    return counts


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    _setup(args.database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from smartvillage.accounts.models import User
    from smartvillage.impact import services
    from smartvillage.impact.models import MemberMonthlyIndicator

    call_command("migrate", verbosity=0)
    call_command("load_communes", verbosity=0)
    year = timezone.localdate().year - 1
    started = time.perf_counter()
    counts = _build(args.scale, year)
    built = time.perf_counter() - started
    print(f"database: {connection.vendor}; scale ×{args.scale}; year {year}; "
          f"built in {built:.1f} s")  # fmt: skip
    print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    from smartvillage.core import indicators

    started, cpu = time.perf_counter(), time.process_time()
    fetched = sum(1 for _row in indicators.activity(date(year, 1, 1), date(year + 1, 1, 1)))
    providers_s, providers_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    result = services.recompute(date(year, 1, 1), date(year + 1, 1, 1))
    recompute_s, recompute_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"providers alone: {fetched} activity rows in {providers_s:.1f} s "
          f"({providers_cpu:.1f} s CPU); recompute: {recompute_cpu:.1f} s CPU "
          f"(the machine is shared: wall time counts)")  # fmt: skip

    client = Client()
    user = User.objects.get(pk=MemberMonthlyIndicator.objects.values("user_id")[:1])
    member = Client()
    member.force_login(user)
    insee = result and MemberMonthlyIndicator.objects.values_list("commune_insee", flat=True)[0]
    pages = {
        "dashboard, cold cache": (client, "/impact/?months=24"),
        "dashboard (24 months)": (client, "/impact/?months=24"),
        "dashboard, one service": (client, "/impact/?months=24&service=rideshare"),
        "widget of a commune": (client, f"/impact/widget/{insee}/"),
        "CSV export (24 months)": (client, "/impact/export.csv?months=24"),
        "my impact": (member, "/impact/mine/"),
    }
    rows = [("recompute a year", f"{result.rows} + {result.member_rows} rows",
             recompute_s * 1000, recompute_s * 1000, RECOMPUTE_TARGET_S * 1000)]  # fmt: skip
    for name, (who, url) in pages.items():
        times = []
        for _i in range(args.repeat + 2):
            if name.endswith("cold cache"):
                services.bump_generation()  # as after a recompute: nothing cached
            t0 = time.perf_counter()
            response = who.get(url, HTTP_HOST="localhost")
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times = times[2:]  # warm-up
        rows.append((name, f"{args.repeat} requests", statistics.median(times),
                     _percentile(times, 0.95), PAGE_TARGET_MS))  # fmt: skip
    print(f"{'what':<26} {'size':>22} {'median ms':>10} {'p95 ms':>9} {'target':>8} {'ok':>3}")
    for name, size, median, p95, target in rows:
        ok = "yes" if p95 <= target else "NO"
        print(f"{name:<26} {size:>22} {median:>10.1f} {p95:>9.1f} {target:>8.0f} {ok:>3}")


if __name__ == "__main__":
    main()
