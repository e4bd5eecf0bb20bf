"""Check-in follows the locking rule (PostgreSQL; docs/locking.md).

``services.booking.check_in`` locks the vehicle row through ``locks.lock_vehicle`` (so its wait
is bounded by ``lock_timeout`` and retried by ``run_locked``) and re-reads the trip under the
lock. First the race is shown with the lock off (one trip closed several times: several audit
entries, prices and charge updates), then never with it on; then a lock held elsewhere makes
the check-in give up with "busy" after the lock timeout instead of waiting for it.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from smartvillage.carsharing.models import Trip, Vehicle
from smartvillage.carsharing.services import booking as service
from smartvillage.core import booking as core
from smartvillage.core.errors import error_codes
from smartvillage.core.models import AuditLogEntry

from .conftest import NOW, paris

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

START, END = paris(2026, 3, 10, 9), paris(2026, 3, 10, 12)
RETURN = START + timedelta(hours=2)
SUBMITS = 5


@pytest.fixture
def trip(zoe, driver) -> Trip:
    booking = service.book(driver, zoe, START, END, now=NOW)
    return service.check_out(driver, booking, 41000, 80, now=START + timedelta(minutes=5))


@pytest.fixture
def wide_race_window(monkeypatch):
    monkeypatch.setattr(service, "_race_window", lambda: time.sleep(0.05))


def _check_in_together(driver, trip, *, lock: bool) -> list[object]:
    """The same trip checked in by ``SUBMITS`` requests at once (a double-tapped button)."""
    barrier = threading.Barrier(SUBMITS)
    results: list[object] = []

    def attempt(odometer: int) -> None:
        try:
            barrier.wait(timeout=10)
            service.check_in(driver, trip, odometer, 40, "clean", now=RETURN, lock=lock)
            results.append("ok")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(41100 + i,)) for i in range(SUBMITS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _check_ins() -> int:
    return AuditLogEntry.objects.filter(action="carsharing.trip.checked_in").count()


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_without_the_lock(driver, trip, wide_race_window):
    results = _check_in_together(driver, trip, lock=False)
    assert results.count("ok") > 1, results  # one trip closed several times: the bug
    assert _check_ins() > 1


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_a_trip_is_checked_in_once(driver, trip, wide_race_window):
    results = _check_in_together(driver, trip, lock=True)
    assert results.count("ok") == 1, results
    assert results.count(["already_checked_in"]) == SUBMITS - 1, results
    assert _check_ins() == 1
    closed = Trip.objects.get(pk=trip.pk)
    assert closed.checked_in_at == RETURN
    assert closed.odometer_end in range(41100, 41100 + SUBMITS)


@pytest.mark.django_db(transaction=True)
def test_a_held_vehicle_lock_makes_check_in_busy_after_the_lock_timeout(
    driver, trip, zoe, monkeypatch
):
    monkeypatch.setattr(core, "LOCK_TIMEOUT_MS", 100)
    monkeypatch.setattr(core, "LOCK_ATTEMPTS", 2)
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:  # another transaction (a booking being changed) holds the vehicle
        try:
            with transaction.atomic():
                list(Vehicle.objects.select_for_update().filter(pk=zoe.pk))
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        started = time.monotonic()
        with pytest.raises(ValidationError) as caught:
            service.check_in(driver, trip, 41100, 40, "clean", now=RETURN)
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join(timeout=30)
    assert error_codes(caught.value) == {"busy"}
    assert waited < 5  # two attempts of 100 ms, not the 30 s the holder would keep it
    assert Trip.objects.get(pk=trip.pk).checked_in_at is None  # nothing half-saved
    assert _check_ins() == 0
    # Once the other transaction is over, the same check-in goes through.
    assert service.check_in(driver, trip, 41100, 40, "clean", now=RETURN).checked_in_at == RETURN
