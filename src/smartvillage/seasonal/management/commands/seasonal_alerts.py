"""E-mail each saved job search the open jobs posted since its last alert (run daily from
cron or a systemd timer, see docs/seasonal.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from smartvillage.core import notifications
from smartvillage.seasonal.forms import JobSearchForm
from smartvillage.seasonal.models import Job, SavedSearch


def new_jobs(search: SavedSearch, until: Any) -> list[Job]:
    form = JobSearchForm({k: ("on" if v is True else v) for k, v in search.filters.items()})
    if not form.is_valid():  # a filter that no longer exists (a removed commune): no alert
        return []
    jobs = form.filter(Job.objects.open()).filter(
        posted_at__gt=search.last_sent_at, posted_at__lte=until
    )
    return list(jobs.select_related("employer", "commune").order_by("posted_at"))


def send(search: SavedSearch, until: Any) -> int:
    """Claim the alert with a conditional update (two runs never send it twice), then send."""
    jobs = new_jobs(search, until)
    with transaction.atomic():
        claimed = SavedSearch.objects.filter(pk=search.pk, last_sent_at=search.last_sent_at).update(
            last_sent_at=until
        )
        if not claimed or not jobs:
            return 0
        domain = Site.objects.get_current().domain
        notifications.email_user(
            search.worker, "seasonal/email/alert",
            {"search": search, "jobs": jobs, "domain": domain},
        )  # fmt: skip
    return len(jobs)


class Command(BaseCommand):
    help = "E-mail the new jobs matching each saved search."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sent = 0
        for search in SavedSearch.objects.select_related("worker").filter(worker__is_active=True):
            if send(search, now):
                sent += 1
        self.stdout.write(f"{sent} alerts sent.")
