"""Coarsen or delete rideshare positions older than RIDESHARE_POSITION_RETENTION_DAYS (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from smartvillage.rideshare import conf
from smartvillage.rideshare.services import proof


class Command(BaseCommand):
    help = "Coarsen ride positions and delete old requests past the retention period (daily cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = proof.purge()
        self.stdout.write(
            _(
                "Retention %(days)s days: %(rides)s rides coarsened, %(requests)s ride requests, "
                "%(hitches)s hitchhiking requests, %(trips)s trips and %(messages)s messages "
                "cleared."
            )
            % {"days": conf.position_retention_days(), **counts}
        )
