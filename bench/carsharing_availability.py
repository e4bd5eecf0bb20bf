"""Displayed availability of car sharing: queries and time per page as the fleet grows.

Builds a throw-away database (an SQLite file in a temporary folder by default, or the one of
``--database-url``), N vehicles with a month of bookings each, then times
``services.booking.availability`` (the find page, the API's GET /vehicles) for one slot.

    .venv/bin/python bench/carsharing_availability.py [--sizes 10 50 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-carsharing-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from smartvillage.accounts.models import Organisation, User
    from smartvillage.carsharing.models import (
        Booking,
        CarshareMember,
        PricingPlan,
        Station,
        Vehicle,
    )
    from smartvillage.carsharing.services import booking as service

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")
    print(f"{'vehicles':>8} {'bookings':>9} {'queries':>8} {'ms/page':>8}")
    for size in args.sizes:
        Booking.objects.all().delete()
        Vehicle.objects.all().delete()
        org, _ = Organisation.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        plan, _ = PricingPlan.objects.get_or_create(
            organisation=org, name="P",
            defaults={"hourly_rate": Decimal("2"), "per_km_rate": Decimal("0.2")},
        )  # fmt: skip
        station, _ = Station.objects.get_or_create(
            organisation=org, name="S", defaults={"latitude": 45.0, "longitude": 5.4}
        )
        user, _ = User.objects.get_or_create(email="bench@example.org")
        member, _ = CarshareMember.objects.get_or_create(
            user=user, organisation=org, defaults={"licence_number": "1", "status": "approved"}
        )
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        vehicles = Vehicle.objects.bulk_create(
            Vehicle(organisation=org, station=station, name=f"Car {i}", make="R", model="Z",
                    pricing_plan=plan)
            for i in range(size)
        )  # fmt: skip
        Booking.objects.bulk_create(
            Booking(vehicle=v, member=member, starts_at=now + timedelta(hours=6 * d),
                    ends_at=now + timedelta(hours=6 * d + 3))
            for v in vehicles for d in range(-60, 60)
        )  # fmt: skip
        qs = Vehicle.objects.bookable().select_related("station__commune", "organisation")
        start, end = now + timedelta(hours=1), now + timedelta(hours=4)
        with CaptureQueriesContext(connection) as queries:
            service.availability(qs, start, end, user)
        began = time.perf_counter()
        for _ in range(args.repeat):
            service.availability(qs, start, end, user)
        ms = (time.perf_counter() - began) * 1000 / args.repeat
        print(f"{size:>8} {Booking.objects.count():>9} {len(queries):>8} {ms:>8.1f}")


if __name__ == "__main__":
    main()
