"""Rebuild the monthly impact indicators from every service (a periodic job: nightly)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.impact import services


def _month(value: str) -> date:
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        message = _("Give a month as YYYY-MM, not %(value)s.") % {"value": value}
        raise CommandError(message) from None


class Command(BaseCommand):
    help = "Recompute the monthly impact indicators (km and CO2 avoided) from every service."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", help="first month, YYYY-MM")
        parser.add_argument("--until", dest="end", help="month after the last one, YYYY-MM")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _month(options["start"]) if options["start"] else None
        end = _month(options["end"]) if options["end"] else None
        if (start is None) != (end is None):
            raise CommandError(_("Give both --from and --until, or neither."))
        if start and end and end <= start:
            raise CommandError(_("--until must come after --from."))
        result = services.recompute(start, end)
        self.stdout.write(
            _("%(rows)d rows, %(members)d member rows, %(start)s to %(end)s, factors %(version)s")
            % {
                "rows": result.rows,
                "members": result.member_rows,
                "start": result.start,
                "end": result.end,
                "version": result.factor_version,
            }
        )
