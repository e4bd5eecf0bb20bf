"""Warn about cars not returned in time (run every few minutes from cron or a systemd timer)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from smartvillage.carsharing.services import late


class Command(BaseCommand):
    help = (
        "Email the next member and the fleet's managers about cars still checked out after "
        "their booking ended. Each late booking is reported once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=15,
            help="Minutes after the end of a booking before a car counts as late (default 15).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = late.warn_overdue(grace=timedelta(minutes=max(0, options["grace_minutes"])))
        if options["verbosity"]:
            self.stdout.write(
                ngettext(
                    "%(count)s late return reported.", "%(count)s late returns reported.", count
                )
                % {"count": count}
            )
