"""The impact demo: a community challenge in the Royans, an event with its carpooling kit, and
the indicators recomputed from the services' demo activity. Best after ``load_demo``; safe to
run twice (rows keyed by slug)."""

from __future__ import annotations

from typing import Any

from smartvillage.core.management.demo import DemoCommand
from smartvillage.impact import demo


class Command(DemoCommand):
    help = "Load the impact demo (a challenge, an event carpooling kit) and recompute."

    def load(self, **options: Any) -> None:
        summary = demo.load()
        if options.get("verbosity", 1):
            self.stdout.write(summary)
