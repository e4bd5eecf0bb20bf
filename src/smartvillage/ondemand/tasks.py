"""Background tasks of on-demand transport (Celery; eager without a broker).

The periodic ones are declared in :mod:`smartvillage.schedule`; each wraps the management
command of the same job, so cron and the worker run exactly the same code.
"""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(name="ondemand.plan_days")
def plan_days(days: int = 3, time_limit: float = 20.0) -> None:
    """Plan the next days of every active service (runs, recurring trips, optimisation)."""
    call_command("plan_days", days=days, time_limit=time_limit)


@shared_task(name="ondemand.export_feeds")
def export_feeds() -> None:
    """Write the GTFS-Flex feed of every active service under DATA_DIR/exports."""
    call_command("export_feeds")
