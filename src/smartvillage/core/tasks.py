"""Background tasks of the foundation: notification delivery, purge of delivery records.

Celery (https://docs.celeryq.dev) runs them on a worker when ``CELERY_BROKER_URL`` is set,
and at once in the caller otherwise (eager: ``make demo`` needs nothing).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from smartvillage.core.notifications import deliver_once

logger = logging.getLogger(__name__)

# Retry delays of a failed delivery: 30 s, 1 min, 2 min, … up to an hour; 8 retries ≈ 2 h.
DELIVERY_RETRIES = 8


def retry_delay(retries: int) -> int:
    return int(min(3600, 30 * 2**retries))


@shared_task(bind=True, name="core.deliver", max_retries=DELIVERY_RETRIES)
def deliver(self: Any, *, key: str, channel: str, to: str, subject: str, text: str) -> bool:
    """Send one notification on one channel, once (see ``notifications.deliver_once``)."""
    try:
        return deliver_once(key, channel, to, subject, text)
    except Exception as exc:
        if self.request.is_eager:
            # No worker to retry later: log it, never break the action that notified.
            if channel == "email":
                logger.exception("email notification to %s failed", to)
            else:
                logger.exception("SMS notification failed")
            return False
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc


@shared_task(name="core.purge_deliveries")
def purge_deliveries() -> int:
    """Delete delivery records older than ``DELIVERY_RETENTION_DAYS``; return how many."""
    from smartvillage.core.models import Delivery

    limit = timezone.now() - timedelta(days=settings.DELIVERY_RETENTION_DAYS)
    deleted, _ = Delivery.objects.filter(created__lt=limit).delete()
    return deleted


@shared_task(name="core.run_command")
def run_command(command: str) -> None:
    """A periodic job without a task of its own: its management command line, as in cron.

    Only the command lines declared in ``smartvillage.schedule.JOBS`` are accepted (a message
    on the broker cannot make the worker run anything else).
    """
    import shlex

    from django.core.management import call_command

    from smartvillage import schedule

    if command not in {job.command for job in schedule.JOBS if job.task == schedule.COMMAND_TASK}:
        raise ValueError(f"{command!r} is not a periodic job of smartvillage.schedule")
    name, *args = shlex.split(command)
    call_command(name, *args)
