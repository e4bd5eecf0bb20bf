"""The Celery application of Smart Village (https://docs.celeryq.dev, broker: Redis).

Configuration comes from the Django settings (``CELERY_*``); tasks live in each app's
``tasks.py``; the periodic jobs are declared once, in :mod:`smartvillage.schedule`.
Without ``CELERY_BROKER_URL`` tasks run eagerly (at once, in the caller's process).
"""

from __future__ import annotations

import os

from celery import Celery

from smartvillage import schedule

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvillage.settings")

app = Celery("smartvillage")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = schedule.beat_schedule()
app.autodiscover_tasks()
