from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.territory.communes import DEFAULT_CSV, CommuneFileError, load_communes_file


class Command(BaseCommand):
    help = (
        "Create or update communes from a CSV file keyed by INSEE code "
        "(default: the shipped communes of Isère and Drôme). Safe to run again; "
        "a bad row aborts the whole load."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "csv", nargs="?", default=str(DEFAULT_CSV), help="CSV file (default: %(default)s)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        try:
            result = load_communes_file(Path(options["csv"]), progress=verbosity > 0)
        except CommuneFileError as exc:
            raise CommandError(str(exc)) from None
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Communes: %(created)d created, %(updated)d updated, "
                        "%(unchanged)d unchanged."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    }
                )
            )
