"""seasonal_alerts: new matching jobs e-mailed once per saved search."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from smartvillage.seasonal import services
from smartvillage.seasonal.models import Job


def test_it_emails_new_matching_jobs_once(worker, make_job, django_capture_on_commit_callbacks):
    search = services.save_search(worker, "Logé", {"housing": True})
    search.last_sent_at = timezone.now() - timedelta(days=1)
    search.save()
    make_job(title="Serveur logé", housing=Job.Housing.PROVIDED)
    make_job(title="Sans logement", housing=Job.Housing.NONE)
    make_job(title="Ancienne", housing=Job.Housing.PROVIDED,
             posted_at=timezone.now() - timedelta(days=3))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seasonal_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Serveur logé" in body
    assert "Sans logement" not in body
    assert "Ancienne" not in body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seasonal_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1
