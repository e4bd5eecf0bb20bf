"""Background jobs: notifications are tasks, retried, and never sent twice (core.Delivery); the
periodic jobs are declared once (smartvillage.schedule). These run eagerly (no broker); the same
paths against a real Redis broker and worker are in test_tasks_redis.py."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import timezone

from smartvillage import schedule
from smartvillage.celery import app
from smartvillage.core import notifications, tasks
from smartvillage.core.models import Delivery

pytestmark = pytest.mark.django_db


class FlakySms:
    """Fails the first ``failures`` sends, then records them (class state: one per test)."""

    failures = 0
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        if FlakySms.failures > 0:
            FlakySms.failures -= 1
            raise ConnectionError("gateway down")
        FlakySms.sent.append((phone, text))


@pytest.fixture
def flaky_sms(settings):
    settings.SMS_BACKEND = "tests.core.test_tasks.FlakySms"
    FlakySms.failures = 0
    FlakySms.sent = []
    return FlakySms


@pytest.fixture
def sms(settings):
    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    notifications.outbox.clear()
    yield notifications.outbox
    notifications.outbox.clear()


def test_without_a_broker_tasks_run_at_once(sms):
    assert app.conf.task_always_eager
    notifications.notify(email="a@example.org", phone="0612", subject="Hi", text="Body", sms="S")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert mail.outbox[0].subject.endswith("Hi")
    assert sms == [("0612", "S")]
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2


def test_a_key_is_sent_once_per_channel_whatever_the_calls(sms):
    for _ in range(3):
        notifications.notify(email="a@example.org", phone="0612", subject="S", text="T", key="k1")
    assert len(mail.outbox) == 1
    assert len(sms) == 1
    notifications.notify(email="a@example.org", subject="S", text="T", key="k2")
    assert len(mail.outbox) == 2


def test_calls_without_a_key_are_distinct_notifications():
    notifications.notify(email="a@example.org", subject="S", text="T")
    notifications.notify(email="a@example.org", subject="S", text="T")
    assert len(mail.outbox) == 2


def test_a_retry_after_a_failure_sends_once(flaky_sms):
    flaky_sms.failures = 1
    kwargs = {"key": "booking-7", "channel": "sms", "to": "0612", "subject": "s", "text": "t"}
    with pytest.raises(ConnectionError):
        notifications.deliver_once(**kwargs)
    delivery = Delivery.objects.get(key="booking-7")
    assert delivery.status == Delivery.Status.FAILED
    assert "gateway down" in delivery.last_error
    # The worker retries the task with the same arguments: it is sent...
    assert notifications.deliver_once(**kwargs) is True
    # ... and a duplicated message of the queue (or one more retry) sends nothing more.
    assert notifications.deliver_once(**kwargs) is False
    assert flaky_sms.sent == [("0612", "t")]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert delivery.sent_at is not None


def test_a_failed_channel_does_not_resend_the_other(flaky_sms):
    flaky_sms.failures = 1
    notifications.notify(email="a@example.org", phone="0612", subject="S", text="T", key="k")
    assert len(mail.outbox) == 1
    assert flaky_sms.sent == []
    # Sent again with the same key (the caller retried): only the failed SMS goes.
    notifications.notify(email="a@example.org", phone="0612", subject="S", text="T", key="k")
    assert len(mail.outbox) == 1
    assert flaky_sms.sent == [("0612", "T")]


def test_an_eager_failure_is_logged_not_raised(flaky_sms, caplog):
    flaky_sms.failures = 5
    with caplog.at_level(logging.ERROR):
        notifications.notify(phone="0612", subject="S", text="T", key="down")
    assert "SMS notification failed" in caplog.text
    assert Delivery.objects.get(key="down").status == Delivery.Status.FAILED


def test_the_task_retries_with_a_growing_delay():
    delays = [tasks.retry_delay(n) for n in range(tasks.DELIVERY_RETRIES + 1)]
    assert delays[0] == 30
    assert delays == sorted(delays)
    assert max(delays) == 3600


def test_an_unreachable_broker_sends_at_once(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setitem(app.conf, "task_always_eager", False)  # as with CELERY_BROKER_URL set
    monkeypatch.setattr(tasks.deliver, "apply_async", down)
    with caplog.at_level(logging.ERROR):
        notifications.notify(email="a@example.org", subject="S", text="T")
    assert len(mail.outbox) == 1
    assert "task queue unreachable" in caplog.text


def test_old_delivery_records_are_purged(settings):
    settings.DELIVERY_RETENTION_DAYS = 30
    old = Delivery.objects.create(key="old", channel="email", status="sent")
    Delivery.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=31))
    Delivery.objects.create(key="new", channel="email", status="sent")
    call_command("purge_deliveries", verbosity=0)
    assert list(Delivery.objects.values_list("key", flat=True)) == ["new"]


def test_every_periodic_job_is_a_registered_task_and_a_command():
    app.loader.import_default_modules()
    commands = get_commands()
    beat = app.conf.beat_schedule
    assert set(beat) == {job.name for job in schedule.JOBS}
    for job in schedule.JOBS:
        assert job.task in app.tasks, job.task
        assert job.command.split()[0] in commands, job.command


def test_the_cron_alternative_lists_every_job(capsys):
    call_command("schedule", "--cron", "--user", "smartvillage")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(schedule.JOBS)
    assert "30 18 * * * smartvillage smartvillage plan_days --days 3" in lines[0]


def test_the_periodic_tasks_run(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        app.tasks[entry["task"]].apply(kwargs=entry["kwargs"]).get()  # raises if the job fails


def test_the_command_task_runs_only_declared_jobs():
    with pytest.raises(ValueError, match="not a periodic job"):
        tasks.run_command.apply(kwargs={"command": "flush --no-input"}).get()


def test_the_worker_needs_a_broker(settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="CELERY_BROKER_URL"):
        call_command("worker")
