"""No double booking under concurrent requests (PostgreSQL; docs/locking.md).

Twenty threads, each with its own database connection, start together on a barrier and try to
book the same slot. The service's ``_race_window`` seam sleeps between the availability check
and the insert, so that every attempt has checked before any has written: with both guards off
this must give several bookings (the race is real), with either guard on exactly one.
"""

from __future__ import annotations

import importlib
import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from smartvillage.accounts.models import User
from smartvillage.carsharing.models import Booking, CarshareMember
from smartvillage.carsharing.services import booking as service
from smartvillage.core.errors import error_codes

from .conftest import NOW, paris

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="exclusion constraints and row locks need PostgreSQL",
    ),
]

ATTEMPTS = 20
START, END = paris(2026, 3, 10, 9), paris(2026, 3, 10, 12)
migration = importlib.import_module("smartvillage.carsharing.migrations.0002_booking_no_overlap")


def _drivers(organisation, n: int) -> list[User]:
    users = []
    for i in range(n):
        user = User.objects.create_user(f"driver{i}@example.org", "x")
        CarshareMember.objects.create(
            user=user,
            organisation=organisation,
            licence_number=f"L{i}",
            status=CarshareMember.Status.APPROVED,
        )
        users.append(user)
    return users


def _race(users, vehicle, *, lock: bool) -> list[object]:
    barrier = threading.Barrier(len(users))
    results: list[object] = []

    def attempt(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            service.book(user, vehicle, START, END, now=NOW, lock=lock)
            results.append("booked")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.fixture
def wide_race_window(monkeypatch):
    monkeypatch.setattr(service, "_race_window", lambda: time.sleep(0.05))


@pytest.fixture
def without_constraint():
    with connection.cursor() as cursor:
        cursor.execute(migration.DROP_SQL)
    yield
    Booking.objects.all().delete()  # double bookings would block the constraint's return
    with connection.cursor() as cursor:
        cursor.execute(migration.CREATE_SQL)


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_with_the_guards_off(zoe, without_constraint, wide_race_window):
    results = _race(_drivers(zoe.organisation, ATTEMPTS), zoe, lock=False)
    assert results.count("booked") > 1, results
    assert Booking.objects.live().count() == results.count("booked")


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_attempts_give_exactly_one_booking(zoe, wide_race_window):
    results = _race(_drivers(zoe.organisation, ATTEMPTS), zoe, lock=True)
    assert results.count("booked") == 1, results
    assert results.count(["slot_taken"]) == ATTEMPTS - 1, results
    assert Booking.objects.live().count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_vehicle_lock_alone_prevents_double_booking(zoe, without_constraint, wide_race_window):
    # What SQLite relies on: the service-layer rule without the database constraint.
    results = _race(_drivers(zoe.organisation, ATTEMPTS), zoe, lock=True)
    assert results.count("booked") == 1, results
    assert Booking.objects.live().count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_exclusion_constraint_alone_prevents_double_booking(zoe, wide_race_window):
    results = _race(_drivers(zoe.organisation, ATTEMPTS), zoe, lock=False)
    assert results.count("booked") == 1, results
    # The losers get the same clear message as a checked conflict, not a 500.
    assert results.count(["slot_taken"]) == ATTEMPTS - 1, results
    assert Booking.objects.live().count() == 1


def test_the_constraint_rejects_an_overlapping_insert(zoe, driver):
    member = CarshareMember.objects.get(user=driver)
    Booking.objects.create(vehicle=zoe, member=member, starts_at=START, ends_at=END)
    with pytest.raises(IntegrityError, match="carsharing_booking_no_overlap"), transaction.atomic():
        Booking.objects.create(
            vehicle=zoe, member=member, starts_at=START + timedelta(hours=1), ends_at=END
        )
    # Touching ranges and cancelled bookings are allowed.
    Booking.objects.create(
        vehicle=zoe, member=member, starts_at=END, ends_at=END + timedelta(hours=1)
    )
    Booking.objects.create(
        vehicle=zoe, member=member, starts_at=START, ends_at=END, status=Booking.Status.CANCELLED
    )


def test_the_service_turns_a_constraint_violation_into_a_field_error(zoe, driver, monkeypatch):
    service.book(driver, zoe, START, END, now=NOW)
    # Pretend the check missed the conflict (a bug, a stale replica): the database still says no.
    monkeypatch.setattr(service, "conflict", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, START + timedelta(hours=1), END, now=NOW)
    assert exc.value.message_dict == {"vehicle": [str(service.ERRORS["slot_taken"])]}
    assert Booking.objects.count() == 1
