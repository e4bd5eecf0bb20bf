"""``smartvillage worker [--beat] [--concurrency N]``: the Celery worker of the task queue.

Needs ``CELERY_BROKER_URL`` (Redis). ``--beat`` also runs the periodic jobs of
:mod:`smartvillage.schedule` in the same process (one such worker per site; or run
``celery -A smartvillage beat`` separately, or cron: ``smartvillage schedule --cron``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Run the background task worker (Celery on the CELERY_BROKER_URL broker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--beat", action="store_true", help="also run the periodic jobs")
        parser.add_argument("--concurrency", type=int, default=2)
        parser.add_argument("--loglevel", default="INFO")
        parser.add_argument("--queues", default="", help="comma-separated queues to consume")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                _(
                    "CELERY_BROKER_URL is not set: without a broker every task already runs at "
                    "once in the web process, there is nothing for a worker to do."
                )
            )
        from smartvillage.celery import app

        argv = [
            "worker",
            f"--loglevel={options['loglevel']}",
            f"--concurrency={options['concurrency']}",
        ]
        if options["beat"]:
            argv += ["--beat", f"--schedule={settings.DATA_DIR / 'celerybeat-schedule'}"]
        if options["queues"]:
            argv.append(f"--queues={options['queues']}")
        app.worker_main(argv)
