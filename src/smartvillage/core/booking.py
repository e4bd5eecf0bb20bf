"""The booking core: time ranges, resource locks and availability checks.

Car slots, desks and DRT seats are scarce resources. Every app books them the same way, the rule
written in docs/locking.md::

    def book(...):
        return booking.run_locked(lambda: _book(...))   # one transaction, retried when busy

    def _book(...):
        ...validate what needs no lock (durations, member status)...
        booking.lock(Vehicle.objects, [vehicle.pk])       # sorted by pk, once, as late as possible
        ...re-check availability under the lock (never trust a cache)...
        ...write, then audit...

Time ranges are half-open, ``[start, end)``: a booking ending at 10:00 does not overlap one
starting at 10:00.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit

logger = logging.getLogger(__name__)

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)

# How long a booking transaction waits for another one's lock before giving up (PostgreSQL).
LOCK_TIMEOUT_MS = getattr(settings, "BOOKING_LOCK_TIMEOUT_MS", 2000)
LOCK_ATTEMPTS = getattr(settings, "BOOKING_LOCK_ATTEMPTS", 3)


# --- Time ranges ---------------------------------------------------------------------------------


def utc(moment: datetime) -> datetime:
    """The same instant in UTC, where adding a timedelta adds real time (not wall-clock time)."""
    if moment.tzinfo is None:
        raise ValueError("Booking times must be aware datetimes")
    return moment.astimezone(UTC)


def duration(start: datetime, end: datetime) -> timedelta:
    """Elapsed time between two aware datetimes, correct across daylight-saving changes.

    Python subtracts two datetimes that share a tzinfo (two Europe/Paris times) on the wall
    clock, which is one hour off across a DST change; converting to UTC first is not.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("Booking times must be aware datetimes")
    return end.astimezone(UTC) - start.astimezone(UTC)


@dataclass(frozen=True)
class TimeRange:
    """A half-open range of aware datetimes ``[start, end)``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if duration(self.start, self.end) < timedelta(0):
            raise ValueError("A time range cannot end before it starts")

    @property
    def duration(self) -> timedelta:
        return duration(self.start, self.end)

    def overlaps(self, other: TimeRange) -> bool:
        return overlaps(self.start, self.end, other.start, other.end)

    def widened(self, buffer: timedelta) -> TimeRange:
        """The range grown by ``buffer`` on both sides (a charging or cleaning gap)."""
        return TimeRange(utc(self.start) - buffer, utc(self.end) + buffer)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open overlap: touching ranges do not overlap, empty ranges overlap nothing."""
    return a_start < b_end and b_start < a_end and a_start < a_end and b_start < b_end


def overlap_q(
    start: datetime,
    end: datetime,
    *,
    buffer: timedelta = timedelta(0),
    start_field: str = "starts_at",
    end_field: str = "ends_at",
) -> Q:
    """A filter for rows whose ``[start_field, end_field)`` overlaps ``[start, end)`` ± buffer."""
    return Q(**{f"{start_field}__lt": utc(end) + buffer, f"{end_field}__gt": utc(start) - buffer})


# --- Availability --------------------------------------------------------------------------------


def is_free(
    holds: models.QuerySet[Any],
    start: datetime,
    end: datetime,
    *,
    buffer: timedelta = timedelta(0),
    start_field: str = "starts_at",
    end_field: str = "ends_at",
) -> bool:
    """Exclusive resources (a car): free when no hold overlaps the slot widened by ``buffer``.

    ``holds`` is already narrowed to the resource and to the holds that count (not cancelled).
    """
    q = overlap_q(start, end, buffer=buffer, start_field=start_field, end_field=end_field)
    return not holds.filter(q).exists()


def peak_usage(
    ranges: Iterable[tuple[datetime, datetime, int]], start: datetime, end: datetime
) -> int:
    """The highest number of units used at one moment of ``[start, end)``.

    ``ranges`` are ``(start, end, quantity)`` holds; a sweep line over their ends.
    """
    events: list[tuple[datetime, int]] = []
    for h_start, h_end, quantity in ranges:
        if overlaps(h_start, h_end, start, end):
            events.append((max(h_start, start), quantity))
            events.append((min(h_end, end), -quantity))
    # At the same instant a release comes before a take: [a, b) and [b, c) never stack.
    events.sort(key=lambda e: (e[0], e[1]))
    used = peak = 0
    for _moment, delta in events:
        used += delta
        peak = max(peak, used)
    return peak


def has_capacity(
    holds: models.QuerySet[Any],
    start: datetime,
    end: datetime,
    capacity: int,
    quantity: int = 1,
    *,
    quantity_field: str | None = None,
    start_field: str = "starts_at",
    end_field: str = "ends_at",
) -> bool:
    """Shared resources (a room of 8 desks, a minibus of 8 seats): room for ``quantity`` more."""
    rows = holds.filter(overlap_q(start, end, start_field=start_field, end_field=end_field))
    fields = [start_field, end_field] + ([quantity_field] if quantity_field else [])
    ranges = [
        (row[0], row[1], row[2] if quantity_field else 1) for row in rows.values_list(*fields)
    ]
    return peak_usage(ranges, start, end) + quantity <= capacity


# --- Locking -------------------------------------------------------------------------------------


class ResourceBusy(ValidationError):
    """Another booking held the lock for too long; the caller shows "busy, please retry"."""

    def __init__(self) -> None:
        super().__init__(
            _("Many people are booking right now. Please try again in a moment."), code="busy"
        )


def _is_lock_timeout(exc: OperationalError) -> bool:
    cause = exc.__cause__
    # PostgreSQL: lock_not_available (55P03). SQLite: "database is locked" after its timeout.
    return getattr(cause, "sqlstate", None) == "55P03" or "database is locked" in str(exc)


def lock(queryset: models.QuerySet[M], pks: Iterable[Any]) -> list[M]:
    """Lock the resource rows ``pks`` until the end of the current transaction.

    Call it once per transaction, after the checks that need no lock and before the
    availability re-check. Rows are locked in primary-key order so that two transactions
    locking the same resources cannot deadlock. On PostgreSQL the wait is bounded by a short
    ``lock_timeout`` (a lock timeout raises ``OperationalError``, which ``run_locked`` retries).
    On SQLite ``select_for_update`` does nothing: the write transaction itself is the lock, as
    settings open every transaction with ``BEGIN IMMEDIATE``.
    """
    connection = transaction.get_connection(queryset.db)
    if not connection.in_atomic_block:
        raise RuntimeError("booking.lock() must run inside a transaction (use run_locked)")
    ordered = sorted(set(pks))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # SET LOCAL: for this transaction only; every later wait in it is bounded too.
            cursor.execute(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
    # of=self: lock the resource rows only, never the rows of a select_related join.
    locked = queryset.select_for_update(of=("self",)).filter(pk__in=ordered).order_by("pk")
    return list(locked)


def run_locked(func: Callable[[], T], *, attempts: int | None = None) -> T:
    """Run ``func`` in its own transaction, retrying it when a lock wait times out.

    After the last attempt, raise ``ResourceBusy`` (a translated ValidationError).
    """
    attempts = attempts or LOCK_ATTEMPTS
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic():
                return func()
        except OperationalError as exc:
            if not _is_lock_timeout(exc):
                raise
            logger.info("booking lock busy (attempt %s/%s)", attempt, attempts)
    raise ResourceBusy()


def is_overlap_violation(exc: IntegrityError) -> bool:
    """PostgreSQL's ``exclusion_violation`` (SQLSTATE 23P01): a no-overlap constraint refused."""
    return getattr(exc.__cause__, "sqlstate", None) == "23P01"


def run_guarded(
    func: Callable[[], T], *, lock: bool = True, overlap: Callable[[], ValidationError]
) -> T:
    """``run_locked(func)``, turning an exclusion violation into the service's ``overlap()``
    field error (the same message as a conflict found by the re-check under the lock).

    ``lock=False`` runs ``func`` in one plain transaction, without retries: the concurrency
    tests' switch to show what the database constraint does alone.
    """
    try:
        if lock:
            return run_locked(func)
        with transaction.atomic():
            return func()
    except IntegrityError as exc:
        if is_overlap_violation(exc):
            raise overlap() from exc
        raise


# --- Audit ---------------------------------------------------------------------------------------


def record(
    actor: Any, action: str, obj: models.Model, start: datetime, end: datetime, **data: Any
) -> None:
    """An audit-log entry for a hold, with its range in ISO 8601 (UTC)."""
    audit.record(
        actor,
        action,
        obj,
        start=start.astimezone(UTC).isoformat(),
        end=end.astimezone(UTC).isoformat(),
        **data,
    )
