"""Open-data catalogue: time and queries of the catalogue page and the DCAT-AP document as the
number of published datasets grows.

Builds a throw-away database (an SQLite file in a temporary folder by default, or the one of
``--database-url``) with N on-demand services (each publishes two datasets: its GTFS-Flex feed
and its monthly statistics) plus the other apps' datasets, then requests ``/open-data/`` and
``/open-data/catalog`` (Turtle, one page of 50) with Django's test client.

    .venv/bin/python bench/opendata_catalog.py [--sizes 10 50 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-opendata-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from smartvillage.accounts.models import Organisation
    from smartvillage.ondemand.models import Service, Stop
    from smartvillage.territory.models import Commune, Place

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="La Paz", slug="la-paz", kind="association")
    communes = [
        Commune.objects.create(
            insee_code=f"26{i:03d}",
            name=f"Commune {i}",
            departement="26",
            latitude=44.9 + i / 1000,
            longitude=5.4,
        )  # fmt: skip
        for i in range(20)
    ]
    place = Place.objects.create(slug="square", name="Square", kind="other", commune=communes[0],
                                 latitude=44.9, longitude=5.4)  # fmt: skip
    client = Client()
    print(
        f"{'services':>8} {'datasets':>8} {'page ms':>9} {'page q':>7} {'dcat ms':>9} {'dcat q':>7}"
    )
    made = 0
    for size in args.sizes:
        for i in range(made, size):
            service = Service.objects.create(organisation=org, name=f"TAD {i}", slug=f"tad-{i}")
            service.communes.set(communes[i % 20 : i % 20 + 2])
            Stop.objects.create(service=service, place=place)
        made = size
        row = []
        for url, extra in [
            ("/open-data/", {}),
            ("/open-data/catalog", {"HTTP_ACCEPT": "text/turtle"}),
        ]:
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url, **extra)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            row += [statistics.median(times), len(queries)]
        datasets = len(client.get("/api/v1/opendata/datasets").json())
        print(f"{size:>8} {datasets:>8} {row[0]:>9.0f} {row[1]:>7} {row[2]:>9.0f} {row[3]:>7}")


if __name__ == "__main__":
    main()
