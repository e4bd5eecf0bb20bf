"""Load the on-demand transport demo (La Paz's service, vehicles, drivers, a week of trips)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from smartvillage.ondemand import demo


class Command(BaseCommand):
    help = "Load the on-demand transport demo (after load_demo; safe to run twice)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo users share a published password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                _("DEBUG is off: use --allow-production to load the demo users anyway.")
            )
        service = demo.load_setup()
        counts = demo.load_bookings(service)
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "On-demand transport: service %(service)s, %(booked)s trips booked, "
                    "%(refused)s refused (operator: %(operator)s, driver: %(driver)s, "
                    "password %(password)s)."
                )
                % {
                    "service": service.slug,
                    "booked": counts["booked"],
                    "refused": counts["refused"],
                    "operator": "operator@example.org",
                    "driver": "driver@example.org",
                    "password": demo.PASSWORD,
                }
            )
