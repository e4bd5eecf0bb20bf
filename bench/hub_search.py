"""Hub search and pages as the hub grows: full-text search (PostgreSQL) or the fallback
(SQLite), and the queries of the directory and of a self-assessment's matchmaking.

Builds a throw-away database (an SQLite file in a temporary folder by default, or the one of
``--database-url``), N listed actors, N published sheets, N/10 events and resources and N/10
completed assessments, then times ``search.search`` and ``services.matchmaking``.

    .venv/bin/python bench/hub_search.py [--sizes 100 1000 5000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

WORDS = [
    "voiture",
    "partagée",
    "autostop",
    "covoiturage",
    "tiers-lieu",
    "coworking",
    "énergie",
    "solaire",
    "atelier",
    "numérique",
    "permanence",
    "village",
    "commune",
    "marché",
    "producteurs",
    "logement",
    "saisonniers",
    "école",
    "santé",
    "transport",
    "solidaire",
    "bénévoles",
    "association",
    "coopérative",
    "réseau",
    "jeunes",
]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-hub-")
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

    from smartvillage.accounts.models import Organisation
    from smartvillage.hub import indicators, search, services
    from smartvillage.hub.models import Actor, Assessment, Event, Initiative, Resource
    from smartvillage.territory.models import Commune

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    print(f"database: {connection.vendor}")
    print(f"{'rows':>6} {'search q':>8} {'ms/search':>9} {'match q':>7} {'ms/match':>8}")
    for size in args.sizes:
        for model in (Initiative, Actor, Event, Resource, Assessment, Commune):
            model.objects.all().delete()
        org, _ = Organisation.objects.get_or_create(
            slug="bench", defaults={"name": "Bench", "kind": "public_body"}
        )
        communes = Commune.objects.bulk_create(
            Commune(insee_code=f"{26000 + i:05d}", name=f"C{i}", departement="26",
                    latitude=45.0, longitude=5.4)
            for i in range(max(size // 10, 2))
        )  # fmt: skip
        Actor.objects.bulk_create(
            Actor(kind="organisation", name=f"Acteur {i}", slug=f"a{i}", consent_listed=True,
                  description=_text(rng, 30), helps_on=rng.choice(["mobility", "people"]))
            for i in range(size)
        )  # fmt: skip
        sheets = Initiative.objects.bulk_create(
            Initiative(title=_text(rng, 4), slug=f"s{i}", summary=_text(rng, 40),
                       results=_text(rng, 60), solution_type="service", status="published",
                       dimensions=rng.choice(["mobility", "people economy", "governance"]),
                       published_at=timezone.now())
            for i in range(size)
        )  # fmt: skip
        through = Initiative.communes.through
        through.objects.bulk_create(
            through(initiative_id=s.pk, commune_id=rng.choice(communes).pk) for s in sheets
        )
        start = timezone.now() + timedelta(days=3)
        Event.objects.bulk_create(
            Event(title=_text(rng, 4), kind="workshop", description=_text(rng, 30),
                  starts_at=start, ends_at=start + timedelta(hours=2), place_name="Salle")
            for _ in range(size // 10)
        )  # fmt: skip
        Resource.objects.bulk_create(
            Resource(title=_text(rng, 4), kind="link", url="https://example.org/",
                     description=_text(rng, 30))
            for _ in range(size // 10)
        )  # fmt: skip
        for commune in communes:
            answers = {i.code: rng.randint(0, 4) for i in indicators.INDICATORS}
            Assessment.objects.create(
                commune=commune, organisation=org, completed=True, answers=answers,
                scores=indicators.scores(answers),
            )  # fmt: skip
        mine = Assessment.objects.first()
        assert mine is not None
        with CaptureQueriesContext(connection) as search_queries:
            search.search("voiture partagée")
        began = time.perf_counter()
        for _ in range(args.repeat):
            search.search("voiture partagée")
        search_ms = (time.perf_counter() - began) * 1000 / args.repeat
        with CaptureQueriesContext(connection) as match_queries:
            services.matchmaking(mine)
        began = time.perf_counter()
        for _ in range(args.repeat):
            services.matchmaking(mine)
        match_ms = (time.perf_counter() - began) * 1000 / args.repeat
        print(
            f"{size:>6} {len(search_queries):>8} {search_ms:>9.1f} {len(match_queries):>7} "
            f"{match_ms:>8.1f}"
        )


if __name__ == "__main__":
    main()
