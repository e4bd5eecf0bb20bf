"""Load the on-demand transport demo (La Paz's service, vehicles, drivers, a week of trips)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from smartvillage.core.management.demo import DemoCommand
from smartvillage.ondemand import demo


class Command(DemoCommand):
    help = "Load the on-demand transport demo (after load_demo; safe to run twice)."

    def load(self, **options: Any) -> None:
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
