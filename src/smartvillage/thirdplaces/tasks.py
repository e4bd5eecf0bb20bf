"""Background tasks of third places (Celery; eager without a broker)."""

from __future__ import annotations

from celery import shared_task
from django.core.management import call_command


@shared_task(name="thirdplaces.reimport_feeds")
def reimport_feeds() -> None:
    """Import again every iCalendar feed a third place's agenda came from."""
    call_command("reimport_thirdplace_feeds")
