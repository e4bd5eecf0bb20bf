"""Import (or replace) a GTFS feed from a zip or a folder, printing the validation report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from smartvillage.optim.transit.gtfs import FeedError
from smartvillage.planner.services import import_feed


class Command(BaseCommand):
    help = (
        "Import a GTFS feed (zip or folder) into the journey planner, in one transaction: the "
        "rows that break the GTFS reference are left out and listed (file:line: reason)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--slug", help="Short name of the feed (default: from the path).")
        parser.add_argument("--name", help="Name shown in the admin (default: the slug).")
        parser.add_argument("--source", default="", help="Where the feed comes from (URL).")
        parser.add_argument("--licence", default="", help="The feed's licence.")
        parser.add_argument("--invented", action="store_true",
                            help="Demo data: every option using it says so.")  # fmt: skip
        parser.add_argument(
            "--max-rejected", type=int, default=None,
            help="Import nothing when more rows than this are rejected.",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"{path}: no such file or folder")
        slug = options["slug"] or slugify(path.stem)[:50]
        try:
            result = import_feed(
                path, slug=slug, name=options["name"] or slug, source_text=options["source"],
                licence=options["licence"], invented=options["invented"],
                max_rejected=options["max_rejected"],
            )  # fmt: skip
        except FeedError as exc:
            raise CommandError(f"{path}: {exc}") from None
        for line in result.report.lines():
            self.stdout.write(line)
        verb = "imported" if result.created else "replaced"
        self.stdout.write(self.style.SUCCESS(
            f"Feed {slug!r} {verb}: {result.feed.stop_count} stops, {result.feed.trip_count} "
            f"trips, {len(result.report.rejected)} rows rejected."
        ))  # fmt: skip
