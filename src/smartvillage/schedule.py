"""Every periodic job of the platform, declared in ONE place.

Two ways to run them, both generated from :data:`JOBS`:

- Celery beat (``smartvillage worker --beat`` or a separate ``celery -A smartvillage beat``):
  :func:`beat_schedule` is the application's ``beat_schedule``.
- cron, without a broker: ``smartvillage schedule --cron`` prints the crontab lines
  (each job is also a management command).

The times are in ``TIME_ZONE`` (Europe/Paris).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The task that runs a job which has no task of its own: its management command.
COMMAND_TASK = "core.run_command"


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # the Celery task's name (COMMAND_TASK: run ``command`` on the worker)
    command: str  # the same job as a management command line, for cron
    minute: str = "0"
    hour: str = "*"
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * *"


JOBS: tuple[Job, ...] = (
    # On-demand transport: runs, recurring trips and the optimisation of the next days.
    # (In the evening: the drivers of new runs are told while they can still answer.)
    Job("ondemand-plan-days", "ondemand.plan_days", "plan_days --days 3", minute="30", hour="18"),
    # GTFS-Flex feeds of every active service, for the national access point.
    Job("ondemand-export-gtfs-flex", "ondemand.export_feeds", "export_feeds", minute="0", hour="4"),
    # Car sharing: cars not returned in time (alert to the next member and the managers).
    Job(
        "carsharing-late-returns",
        "carsharing.late_returns",
        "carsharing_late_returns",
        minute="*/5",
    ),
    # Rideshare: coarsen old positions (retention period).
    Job(
        "rideshare-purge-positions",
        "rideshare.purge_positions",
        "purge_rideshare_positions",
        minute="15",
        hour="3",
    ),
    # Third places: import again the iCalendar feeds their agendas came from.
    Job(
        "thirdplaces-reimport-feeds",
        "thirdplaces.reimport_feeds",
        "reimport_thirdplace_feeds",
        minute="0",
        hour="*/6",
    ),
    # Seasonal work: the new jobs of each saved search, by email.
    Job("seasonal-alerts", COMMAND_TASK, "seasonal_alerts", minute="0", hour="7"),
    # Expired sessions.
    Job("core-clear-sessions", COMMAND_TASK, "clearsessions", minute="0", hour="4"),
    # Idempotency records of sent notifications past DELIVERY_RETENTION_DAYS.
    Job(
        "core-purge-deliveries",
        "core.purge_deliveries",
        "purge_deliveries",
        minute="45",
        hour="3",
    ),
)


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The Celery beat schedule of :data:`JOBS`."""
    from celery.schedules import crontab

    return {
        job.name: {
            "task": job.task,
            "schedule": crontab(minute=job.minute, hour=job.hour),
            "kwargs": {"command": job.command} if job.task == COMMAND_TASK else job.kwargs,
        }
        for job in JOBS
    }


def crontab_lines(program: str = "smartvillage", user: str = "") -> list[str]:
    """The same jobs as crontab lines (``user`` for /etc/cron.d files)."""
    who = f" {user}" if user else ""
    return [f"{job.cron}{who} {program} {job.command}  # {job.name}" for job in JOBS]
