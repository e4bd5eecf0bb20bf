"""The task queue for real: a Celery worker consuming a Redis broker (``-m redis``).

Run by ``make test-redis`` (in .ci/run); Redis at ``TEST_REDIS_URL``
(default redis://127.0.0.1:6379/7). The worker runs in a thread of this process, on the
test database.
"""

from __future__ import annotations

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from smartvillage.celery import app
from smartvillage.core import notifications, tasks
from smartvillage.core.models import Delivery

from .test_tasks import FlakySms

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def worker(settings, monkeypatch):
    settings.SMS_BACKEND = "tests.core.test_tasks.FlakySms"
    FlakySms.failures, FlakySms.sent = 0, []
    monkeypatch.setattr(tasks, "retry_delay", lambda retries: 0)
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    _forget_connections()
    app.loader.import_default_modules()
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()  # no message left by an earlier run
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    app.conf.update(saved)
    _forget_connections()


def _forget_connections():
    """Connections are pooled per application: drop those made for another broker URL."""
    app._pool = None
    app.amqp._producer_pool = None


def _wait(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_notification_goes_through_the_broker_and_is_retried(worker):
    FlakySms.failures = 2  # the gateway fails twice, the third attempt gets through
    notifications.notify(phone="0612", subject="S", text="T", key="booking-1")

    def sent() -> bool:
        return Delivery.objects.filter(key="booking-1", status="sent").exists()

    assert _wait(sent), list(Delivery.objects.values())
    assert FlakySms.sent == [("0612", "T")]
    assert Delivery.objects.get(key="booking-1").attempts == 3


def test_a_message_delivered_twice_by_the_queue_is_sent_once(worker):
    kwargs = {"key": "dup", "channel": "sms", "to": "0612", "subject": "s", "text": "t"}
    tasks.deliver.apply_async(kwargs=kwargs)
    tasks.deliver.apply_async(kwargs=kwargs)
    assert _wait(lambda: Delivery.objects.filter(key="dup", status="sent").exists())
    time.sleep(1)  # leave the worker time to run the duplicate
    assert FlakySms.sent == [("0612", "t")]


def test_a_periodic_job_runs_on_the_worker(worker, tmp_path, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.DELIVERY_RETENTION_DAYS = 1
    old = Delivery.objects.create(key="old", channel="email", status="sent")
    Delivery.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=2))
    tasks.purge_deliveries.apply_async()
    assert _wait(lambda: not Delivery.objects.filter(key="old").exists())
