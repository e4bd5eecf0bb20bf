"""Load test: residents browse and book, operators phone-book, against gunicorn + PostgreSQL.

    .venv/bin/python bench/load.py [--users 50,200] [--seconds 30] [--port 8017] [--workers 3]
        [--pg-url postgres://postgres@127.0.0.1:5432/sv_load]

Steps (each in its own process, so that locust's gevent never meets Django's database code):

1. the database at ``--pg-url`` is dropped and created again, migrated, and given the demo plus
   ``--residents`` residents (each an on-demand beneficiary and an approved car-share member,
   with an API token and a logged-in session) and the demo operator's token;
2. gunicorn serves the site as in production (DEBUG off, Redis cache at ``--redis-url``,
   no broker: notifications are sent in the request), with ``RATELIMIT_ENABLE=false`` so that
   the rate limits of login and booking do not refuse a swarm from one address;
3. locust (https://locust.io, as a library) runs each number of users for ``--seconds``;
   residents browse the pages and book on-demand trips and cars through the API, operators book
   trips by phone for beneficiaries. A refusal the API documents (422: slot taken, no seat)
   is an answer, not an error; errors are 5xx, unexpected statuses and failed connections;
4. afterwards the database is compared with what the clients were told: every booking a
   client got an id for exists once and is live, and no other booking appeared (nothing lost,
   nothing doubled); no two live car bookings of a vehicle overlap.

Prints p50/p95 per page and the error rate per number of users. Target: 0 errors and
p95 <= 300 ms at 50 users.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


# --- 1. Preparation (Django process) -------------------------------------------------------------


def prepare(residents: int, out: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    django.setup()
    from datetime import date

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from smartvillage.accounts.models import ApiToken, Organisation, User
    from smartvillage.carsharing.models import Booking as CarBooking
    from smartvillage.carsharing.models import CarshareMember, Vehicle
    from smartvillage.ondemand.models import Beneficiary, Service
    from smartvillage.ondemand.models import Booking as TripBooking

    service = Service.objects.get(slug="la-paz")
    vehicles = list(Vehicle.objects.bookable().values_list("pk", "organisation_id"))
    fleets = {org for _pk, org in vehicles}
    people = []
    for n in range(residents):
        email = f"load{n}@example.org"
        user = User.objects.create_user(email, "load-bench-password", first_name=f"Load{n}")
        user.emailaddress_set.create(email=email, verified=True, primary=True)
        Beneficiary.objects.create(
            organisation=service.organisation,
            user=user,
            first_name=user.first_name,
            last_name="Bench",
            is_registered=True,
        )
        for org in fleets:
            CarshareMember.objects.create(
                user=user,
                organisation_id=org,
                licence_number=f"LB{n:06d}",
                licence_expiry=date(2099, 1, 1),
                status=CarshareMember.Status.APPROVED,
            )
        _token, key = ApiToken.issue(user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append({"token": key, "session": session.session_key})
    operator = User.objects.get(email="operator@example.org")
    _token, operator_key = ApiToken.issue(
        operator, Organisation.objects.get(pk=service.organisation_id)
    )
    data = {
        "residents": people,
        "operator": operator_key,
        "service": service.slug,
        "stops": list(service.stops.values_list("pk", flat=True)),
        "beneficiaries": list(
            Beneficiary.objects.filter(
                organisation=service.organisation, user__isnull=True
            ).values_list("pk", flat=True)
        ),
        "vehicles": [pk for pk, _org in vehicles],
        "before": {
            "ondemand": TripBooking.objects.order_by("-pk").values_list("pk", flat=True).first()
            or 0,
            "carsharing": CarBooking.objects.order_by("-pk").values_list("pk", flat=True).first()
            or 0,
        },
    }
    out.write_text(json.dumps(data))


# --- 3. The swarm (locust process) ---------------------------------------------------------------


def swarm(users: int, seconds: int, host: str, data_file: Path, out: Path) -> None:
    import gevent
    from locust import HttpUser, between, events, task
    from locust.env import Environment

    data = json.loads(data_file.read_text())
    told: dict[str, list[int]] = {"ondemand": [], "carsharing": []}
    refused = {"ondemand": 0, "carsharing": 0}
    rng = random.Random(users)
    now = datetime.now(UTC)

    def weekday_at(days_min: int, days_max: int, hour_min: int, hour_max: int) -> datetime:
        while True:
            day = now + timedelta(days=rng.randint(days_min, days_max))
            if day.weekday() < 5:
                break
        local = day.replace(hour=rng.randint(hour_min, hour_max), minute=rng.choice([0, 15, 30]))
        return local.replace(second=0, microsecond=0)

    def trip(beneficiary: int | None = None) -> dict[str, Any]:
        origin, destination = rng.sample(data["stops"], 2)
        body: dict[str, Any] = {
            "origin": {"stop": origin},
            "destination": {"stop": destination},
            "time_kind": "leave_at",
            # 08:00-16:00 Paris is 07:00-15:00 UTC in winter: inside the service's hours.
            "time": weekday_at(3, 25, 7, 14).isoformat(),
        }
        if beneficiary is not None:
            body["beneficiary"] = beneficiary
        return body

    def record(response: Any, kind: str) -> None:
        if response.status_code == 201:
            told[kind].append(response.json()["id"])
            response.success()
        elif response.status_code == 422:
            refused[kind] += 1
            response.success()
        else:
            response.failure(f"status {response.status_code}")

    class Resident(HttpUser):
        weight = 9
        wait_time = between(1, 3)

        def on_start(self) -> None:
            person = rng.choice(data["residents"])
            self.api = {"Authorization": f"Bearer {person['token']}"}
            self.client.cookies.set("sessionid", person["session"])

        @task(4)
        def home(self) -> None:
            self.client.get("/", name="GET /")

        @task(2)
        def transport(self) -> None:
            self.client.get("/transport/", name="GET /transport/")

        @task(2)
        def carsharing(self) -> None:
            self.client.get("/carsharing/", name="GET /carsharing/")

        @task(1)
        def third_places(self) -> None:
            self.client.get("/third-places/", name="GET /third-places/")

        @task(2)
        def my_trips(self) -> None:
            self.client.get("/api/v1/ondemand/bookings", headers=self.api, name="API my trips")

        @task(2)
        def vehicles(self) -> None:
            start = weekday_at(1, 20, 6, 16)
            end = start + timedelta(hours=2)
            self.client.get(
                "/api/v1/carsharing/vehicles",
                params={"start": start.isoformat(), "end": end.isoformat()},
                name="API car availability",
            )

        @task(2)
        def book_trip(self) -> None:
            with self.client.post(
                f"/api/v1/ondemand/services/{data['service']}/bookings",
                json=trip(),
                headers=self.api,
                name="API book a trip",
                catch_response=True,
            ) as response:
                record(response, "ondemand")

        @task(2)
        def book_car(self) -> None:
            start = weekday_at(1, 20, 6, 16)
            body = {
                "vehicle": rng.choice(data["vehicles"]),
                "start": start.isoformat(),
                "end": (start + timedelta(hours=rng.randint(1, 4))).isoformat(),
            }
            with self.client.post(
                "/api/v1/carsharing/bookings",
                json=body,
                headers=self.api,
                name="API book a car",
                catch_response=True,
            ) as response:
                record(response, "carsharing")

    class Operator(HttpUser):
        weight = 1
        wait_time = between(2, 5)

        def on_start(self) -> None:
            self.api = {"Authorization": f"Bearer {data['operator']}"}

        @task
        def phone_booking(self) -> None:
            with self.client.post(
                f"/api/v1/ondemand/services/{data['service']}/bookings",
                json=trip(rng.choice(data["beneficiaries"])),
                headers=self.api,
                name="API operator phone booking",
                catch_response=True,
            ) as response:
                record(response, "ondemand")

    # stop_timeout: at the end, every user finishes the request it is making (a booking made
    # but whose answer was never read would look "unannounced").
    env = Environment(user_classes=[Resident, Operator], host=host, events=events, stop_timeout=300)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(10, users // 5))
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    rows = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: e.name):
        rows.append(
            {
                "name": entry.name,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "p50": entry.get_response_time_percentile(0.5),
                "p95": entry.get_response_time_percentile(0.95),
            }
        )
    total = env.stats.total
    out.write_text(
        json.dumps(
            {
                "rows": rows,
                "total": {
                    "requests": total.num_requests,
                    "failures": total.num_failures,
                    "p50": total.get_response_time_percentile(0.5),
                    "p95": total.get_response_time_percentile(0.95),
                },
                "told": told,
                "refused": refused,
                "errors": [
                    f"{e.method} {e.name}: {e.error} x{e.occurrences}"
                    for e in env.stats.errors.values()
                ],
            }  # fmt: skip
        )
    )


# --- 4. The check (Django process) ---------------------------------------------------------------


def check(data_file: Path, told_file: Path) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    django.setup()
    from django.db import connection

    from smartvillage.carsharing.models import Booking as CarBooking
    from smartvillage.ondemand.models import Booking as TripBooking

    data = json.loads(data_file.read_text())
    told: dict[str, list[int]] = json.loads(told_file.read_text())
    report = {}
    for kind, model in (("ondemand", TripBooking), ("carsharing", CarBooking)):
        new = list(model.objects.filter(pk__gt=data["before"][kind]).values_list("pk", "status"))
        # A refused on-demand trip is kept as an "unserved" row (the unmet demand): not a booking.
        ids = [pk for pk, status in new if status != "unserved"]
        told_ids = told[kind]
        report[kind] = {
            "told": len(told_ids),
            "in_db": len(ids),
            "lost": len(set(told_ids) - set(ids)),
            "unannounced": len(set(ids) - set(told_ids)),
            "told_twice": len(told_ids) - len(set(told_ids)),
            "not_live": sum(1 for _pk, status in new if status == "cancelled"),
            "unserved": sum(1 for _pk, status in new if status == "unserved"),
        }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM carsharing_booking a JOIN carsharing_booking b "
            "ON a.vehicle_id = b.vehicle_id AND a.id < b.id "
            "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
            "WHERE a.status NOT IN ('cancelled') AND b.status NOT IN ('cancelled')"
        )
        report["carsharing"]["overlaps"] = cursor.fetchone()[0]
    print(json.dumps(report))  # noqa: T201 - read by the parent process


# --- Orchestration -------------------------------------------------------------------------------


def _run(args: list[str], env: dict[str, str], **kwargs: Any) -> str:
    result = subprocess.run(
        args, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs
    )
    return result.stdout


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def warm_up(host: str, data: dict[str, Any], workers: int) -> None:
    """First requests of each worker (imports, compiled code, connections) are not measured."""
    token = data["residents"][0]["token"]
    start = (datetime.now(UTC) + timedelta(days=7)).replace(hour=9, minute=0, second=0)
    while start.weekday() >= 5:
        start += timedelta(days=1)
    trip = {
        "origin": {"stop": data["stops"][0]},
        "destination": {"stop": data["stops"][1]},
        "time": start.isoformat(),
    }
    for _ in range(4 * workers):
        for path in ("/", "/transport/", "/carsharing/", "/third-places/"):
            with urllib.request.urlopen(host + path, timeout=60):  # noqa: S310 - localhost
                pass
        request = urllib.request.Request(  # noqa: S310 - localhost
            f"{host}/api/v1/ondemand/services/{data['service']}/quote",
            data=json.dumps(trip).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60):  # noqa: S310
                pass
        except urllib.error.HTTPError:
            pass  # a refused quote warms the same code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--residents", type=int, default=60)
    parser.add_argument("--port", type=int, default=8017)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/sv_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sv-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "smartvillage.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": args.pg_url,
        "DEBUG": "false",
        "SECRET_KEY": "load-bench-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATA_DIR": str(work),
        "REDIS_URL": args.redis_url,
        "CELERY_BROKER_URL": "",
        "EMAIL_URL": "dummy:",
        "SMS_BACKEND": "smartvillage.core.notifications.LocmemSmsBackend",
        "LOG_LEVEL": "ERROR",
        # The rate limits (login, sign-up, booking) would refuse a swarm from one address.
        "RATELIMIT_ENABLE": "false",
    }
    database = args.pg_url.rsplit("/", 1)[1]
    server = args.pg_url.rsplit("/", 1)[0] + "/postgres"
    _run(["psql", server, "-qc", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'], env)
    _run(["psql", server, "-qc", f'CREATE DATABASE "{database}"'], env)
    manage = [PYTHON, "manage.py"]
    _run([*manage, "migrate", "--no-input", "-v", "0"], env)
    _run([*manage, "collectstatic", "--no-input", "-v", "0"], env)
    _run([*manage, "load_demo", "--allow-production", "-v", "0"], env)
    data_file = work / "data.json"
    _run([PYTHON, __file__, "_prepare", str(args.residents), str(data_file)], env)

    host = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "smartvillage.wsgi",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--threads=2",
            "--log-level=warning",
            "--preload",
            "--keep-alive=10",  # longer than a user's think time (nginx does this in production)
        ],
        env=env,
        cwd=ROOT,
    )
    results = []
    try:
        _wait_for(f"{host}/healthz")
        warm_up(host, json.loads(data_file.read_text()), args.workers)
        for users in [int(n) for n in args.users.split(",")]:
            out = work / f"swarm-{users}.json"
            _run(
                [PYTHON, __file__, "_swarm", str(users), str(args.seconds), host,
                 str(data_file), str(out)],
                env,
                timeout=args.seconds + 420,
            )  # fmt: skip
            result = json.loads(out.read_text())
            told_file = work / f"told-{users}.json"
            told_file.write_text(json.dumps(result["told"]))
            result["check"] = json.loads(
                _run([PYTHON, __file__, "_check", str(data_file), str(told_file)], env)
            )
            # The next run starts from here.
            data = json.loads(data_file.read_text())
            for kind in ("ondemand", "carsharing"):
                data["before"][kind] = max([data["before"][kind], *result["told"][kind]])
            data_file.write_text(json.dumps(data))
            results.append((users, result))
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    report(results, args)


def report(results: list[tuple[int, dict[str, Any]]], args: argparse.Namespace) -> None:
    print(  # noqa: T201
        f"\nLoad test: gunicorn ({args.workers} workers x 2 threads) + PostgreSQL, "
        f"{args.seconds} s per run, think time 1-3 s (operators 2-5 s)\n"
    )
    header = f"{'users':>5}  {'page':<28} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}"
    print(header)  # noqa: T201
    print("-" * len(header))  # noqa: T201
    verdicts = []
    for users, result in results:
        for row in result["rows"]:
            print(  # noqa: T201
                f"{users:>5}  {row['name']:<28} {row['requests']:>8} {row['failures']:>6} "
                f"{row['p50']:>7.0f} {row['p95']:>7.0f}"
            )
        total = result["total"]
        rate = 100 * total["failures"] / max(1, total["requests"])
        print(  # noqa: T201
            f"{users:>5}  {'ALL':<28} {total['requests']:>8} {total['failures']:>6} "
            f"{total['p50']:>7.0f} {total['p95']:>7.0f}   error rate {rate:.2f} %"
        )
        for kind, counts in result["check"].items():
            print(  # noqa: T201
                f"{'':>5}  bookings {kind:<11} told {counts['told']}, in DB {counts['in_db']}, "
                f"lost {counts['lost']}, unannounced {counts['unannounced']}, "
                f"told twice {counts['told_twice']}, cancelled {counts['not_live']}"
                + (f", overlaps {counts['overlaps']}" if "overlaps" in counts else "")
                + f"; refused (422) {result['refused'][kind]}"
                + (f", kept as unserved demand {counts['unserved']}" if counts["unserved"] else "")
            )
        for error in result["errors"][:5]:
            print(f"{'':>5}  error: {error}")  # noqa: T201
        print("-" * len(header))  # noqa: T201
        sound = (
            all(
                c["lost"] == 0
                and c["unannounced"] == 0
                and c["told_twice"] == 0
                and c["not_live"] == 0
                for c in result["check"].values()
            )
            and result["check"]["carsharing"]["overlaps"] == 0
        )
        verdicts.append((users, total["failures"], total["p95"], sound))
    for users, failures, p95, sound in verdicts:
        target = " (target: 0 errors, p95 <= 300 ms)" if users == 50 else ""
        print(  # noqa: T201
            f"{users} users: {failures} errors, p95 {p95:.0f} ms, bookings "
            f"{'consistent' if sound else 'INCONSISTENT'}{target}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        prepare(int(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_swarm":
        swarm(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], Path(sys.argv[5]), Path(sys.argv[6]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_check":
        check(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
