"""Every row lock of on-demand transport (saleor's habit): one place to read for deadlocks.

The rule (docs/locking.md): a write to a day's plan — a booking, a cancellation, a moved trip,
a validated re-optimisation, a declined run — locks that **service day** row, once per
transaction, after the checks that need no lock and before re-reading the plan. A new booking
may go into any run of the day, so the day (which every run of the day belongs to) is the one
row all these writers share; locking it also serialises them in one order, so no deadlock.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from smartvillage.core import booking
from smartvillage.ondemand.models import Service, ServiceDay


def ensure_day(service: Service, day: date) -> ServiceDay:
    """The day's row, created in its own short transaction so that it exists before the lock.

    Two requests creating it at once: the unique constraint makes one wait and then read the
    other's row (``get_or_create`` retries the read after the IntegrityError).
    """
    with transaction.atomic():
        row, _created = ServiceDay.objects.get_or_create(service=service, date=day)
    return row


def lock_day(day_id: int) -> ServiceDay:
    (day,) = booking.lock(ServiceDay.objects.all(), [day_id])
    return day
