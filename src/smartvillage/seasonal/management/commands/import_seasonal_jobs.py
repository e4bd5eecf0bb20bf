"""Import job offers from a France Travail-style JSON file (see seasonal/importer.py):
``smartvillage import_seasonal_jobs offers.json --employer SLUG --season ID``. Nothing is
imported when one record is at fault; every faulty record is reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartvillage.accounts.models import Organisation
from smartvillage.seasonal import importer
from smartvillage.seasonal.models import Season


class Command(BaseCommand):
    help = "Import seasonal job offers from a France Travail-style JSON file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--employer", required=True, help="the employer's slug")
        parser.add_argument("--season", required=True, type=int, help="the season's id")

    def handle(self, *args: Any, **options: Any) -> None:
        employer = Organisation.objects.filter(slug=options["employer"]).first()
        if employer is None:
            raise CommandError(f"No organisation {options['employer']!r}")
        season = Season.objects.filter(pk=options["season"]).first()
        if season is None:
            raise CommandError(f"No season {options['season']}")
        try:
            text = options["path"].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{options['path']}: {exc}") from exc
        try:
            result = importer.import_jobs(text, employer, season)
        except importer.ImportFailed as exc:
            raise CommandError("Nothing imported.\n" + "\n".join(exc.problems)) from exc
        except ValidationError as exc:
            raise CommandError("Nothing imported: " + " ".join(exc.messages)) from exc
        self.stdout.write(f"{result.created} jobs created, {result.updated} updated.")
