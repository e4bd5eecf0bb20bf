"""Date and time helpers shared by the apps (no other app imported)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def aware(value: date | datetime) -> datetime:
    """An aware datetime: a naive one is read in the current time zone, an aware one is kept as
    it is, a date is its midnight in the current time zone (an all-day event). Anything else is
    a ``ValueError``."""
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.min))
    raise ValueError("not a date")
