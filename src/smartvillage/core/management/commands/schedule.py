"""``smartvillage schedule [--cron] [--user U] [--program P]``: the periodic jobs.

Without ``--cron``: a table of the jobs (name, when, task). With ``--cron``: crontab lines
that run the same jobs as management commands, for a site without a worker.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from smartvillage import schedule


class Command(BaseCommand):
    help = "List the periodic jobs, or print them as crontab lines (--cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cron", action="store_true", help="print crontab lines")
        parser.add_argument("--user", default="", help="user column (for /etc/cron.d files)")
        parser.add_argument(
            "--program",
            default="smartvillage",
            help="the command that runs management commands (default: smartvillage)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cron"]:
            for line in schedule.crontab_lines(options["program"], options["user"]):
                self.stdout.write(line)
            return
        for job in schedule.JOBS:
            self.stdout.write(f"{job.name:30} {job.cron:16} {job.task}")
