"""Delete notification delivery records past DELIVERY_RETENTION_DAYS (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from smartvillage.core.tasks import purge_deliveries


class Command(BaseCommand):
    help = "Delete the idempotency records of notifications older than the retention period."

    def handle(self, *args: Any, **options: Any) -> None:
        count = purge_deliveries()
        if options["verbosity"]:
            self.stdout.write(
                ngettext(
                    "%(count)s delivery record deleted.",
                    "%(count)s delivery records deleted.",
                    count,
                )
                % {"count": count}
            )
