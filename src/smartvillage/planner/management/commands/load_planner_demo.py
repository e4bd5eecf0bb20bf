"""The planner's demo: the invented Vercors timetable (clearly labelled) and the real Google
sample feed, both shipped in ``planner/data/gtfs``. Safe to run twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartvillage.core.management.demo import DemoCommand
from smartvillage.planner.services import import_feed

DATA = Path(__file__).resolve().parents[2] / "data" / "gtfs"
DEMO_FEEDS = [
    dict(path=DATA / "vercors_demo", slug="vercors-demo",
         name="Réseau Vercors (démonstration, horaires inventés)",
         source_text="Smart Village, hand-made demo feed", licence="Apache-2.0", invented=True),
]  # fmt: skip


class Command(DemoCommand):
    help = "Load the journey planner's demo timetable (invented Vercors lines)."

    def load(self, **options: Any) -> None:
        for spec in DEMO_FEEDS:
            path, rest = spec["path"], {k: v for k, v in spec.items() if k != "path"}
            result = import_feed(path, **rest)  # type: ignore[arg-type]
            if options["verbosity"]:
                self.stdout.write(
                    f"Planner: timetable {result.feed.name!r} "
                    f"({result.feed.stop_count} stops, {result.feed.trip_count} trips)"
                )
