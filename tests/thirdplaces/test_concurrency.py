"""Capacity is never exceeded under concurrent requests (PostgreSQL; docs/locking.md).

Thirty threads, each with its own connection, start together on a barrier and ask for the last
three desks (or the last three places of an event). The services' ``_race_window`` seam sleeps
between the capacity check and the insert, so that every attempt has checked before any has
written: with the lock off this must oversell (the race is real), with the lock on exactly
three win. Rooms are also guarded by the exclusion constraint of migration 0002.
"""

from __future__ import annotations

import importlib
import threading
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from smartvillage.accounts.models import User
from smartvillage.core.errors import error_codes
from smartvillage.thirdplaces.models import Booking, Event, Registration, Space
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import events as event_service

from .conftest import NOW, paris

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and exclusion constraints need PostgreSQL",
    ),
]

ATTEMPTS = 30
DAY = date(2026, 3, 3)
migration = importlib.import_module("smartvillage.thirdplaces.migrations.0002_booking_no_overlap")


def _people(n: int, prefix: str = "p") -> list[User]:
    return [User.objects.create_user(f"{prefix}{i}@example.org", "x") for i in range(n)]


def _race(users, call) -> list[object]:
    barrier = threading.Barrier(len(users))
    results: list[object] = []

    def attempt(user: User) -> None:
        try:
            barrier.wait(timeout=10)
            call(user)
            results.append("ok")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.fixture
def wide_race_window(monkeypatch):
    monkeypatch.setattr(service, "_race_window", lambda: time.sleep(0.05))
    monkeypatch.setattr(event_service, "_race_window", lambda: time.sleep(0.05))


@pytest.fixture
def big_open_space(desks) -> Space:
    """Ten desks, seven already taken: three left."""
    desks.capacity = 10
    desks.save()
    for user in _people(7, "early"):
        Booking.objects.create(
            space=desks, user=user, period="day", starts_at=paris(2026, 3, 3, 9),
            ends_at=paris(2026, 3, 3, 18),
        )  # fmt: skip
    return desks


@pytest.fixture
def without_constraint():
    with connection.cursor() as cursor:
        cursor.execute(migration.DROP_SQL)
    yield
    Booking.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(migration.CREATE_SQL)


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_without_the_lock(big_open_space, wide_race_window):
    results = _race(
        _people(ATTEMPTS),
        lambda u: service.book_desk(u, big_open_space, DAY, "day", now=NOW, lock=False),
    )
    assert results.count("ok") > 3, results
    assert Booking.objects.live().count() > 10  # oversold


@pytest.mark.django_db(transaction=True)
def test_thirty_requests_for_the_last_three_desks_give_exactly_three(
    big_open_space, wide_race_window
):
    results = _race(
        _people(ATTEMPTS), lambda u: service.book_desk(u, big_open_space, DAY, "day", now=NOW)
    )
    assert results.count("ok") == 3, results
    assert results.count(["full"]) == ATTEMPTS - 3, results
    assert Booking.objects.live().count() == 10


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_for_rooms_with_both_guards_off(room, without_constraint, wide_race_window):
    start, end = paris(2026, 3, 3, 9), paris(2026, 3, 3, 11)
    results = _race(
        _people(10), lambda u: service.book_hours(u, room, start, end, now=NOW, lock=False)
    )
    assert results.count("ok") > 1, results


@pytest.mark.django_db(transaction=True)
def test_the_exclusion_constraint_alone_prevents_overlapping_rooms(room, wide_race_window):
    start, end = paris(2026, 3, 3, 9), paris(2026, 3, 3, 11)
    results = _race(
        _people(10), lambda u: service.book_hours(u, room, start, end, now=NOW, lock=False)
    )
    assert results.count("ok") == 1, results
    assert results.count(["slot_taken"]) == 9, results


@pytest.mark.django_db(transaction=True)
def test_the_room_lock_alone_prevents_overlapping_rooms(room, without_constraint, wide_race_window):
    start, end = paris(2026, 3, 3, 9), paris(2026, 3, 3, 11)
    results = _race(_people(10), lambda u: service.book_hours(u, room, start, end, now=NOW))
    assert results.count("ok") == 1, results


def test_the_constraint_rejects_overlapping_room_rows_but_not_desks(room, desks, coworker):
    Booking.objects.create(
        space=room, user=coworker, period="hours", starts_at=paris(2026, 3, 3, 9),
        ends_at=paris(2026, 3, 3, 11), exclusive=True,
    )  # fmt: skip
    with (
        pytest.raises(IntegrityError, match="thirdplaces_booking_no_overlap"),
        transaction.atomic(),
    ):
        Booking.objects.create(
            space=room, user=coworker, period="hours", starts_at=paris(2026, 3, 3, 10),
            ends_at=paris(2026, 3, 3, 12), exclusive=True,
        )  # fmt: skip
    # Touching and cancelled room bookings are allowed; desks share their space.
    Booking.objects.create(
        space=room, user=coworker, period="hours", starts_at=paris(2026, 3, 3, 11),
        ends_at=paris(2026, 3, 3, 12), exclusive=True,
    )  # fmt: skip
    Booking.objects.create(
        space=room, user=coworker, period="hours", starts_at=paris(2026, 3, 3, 9),
        ends_at=paris(2026, 3, 3, 11), exclusive=True, status="cancelled",
    )  # fmt: skip
    for _i in range(2):
        Booking.objects.create(
            space=desks, user=coworker, period="day", starts_at=paris(2026, 3, 3, 9),
            ends_at=paris(2026, 3, 3, 18),
        )  # fmt: skip


def test_the_service_turns_a_constraint_violation_into_a_field_error(room, coworker, monkeypatch):
    service.book_hours(coworker, room, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11), now=NOW)
    monkeypatch.setattr(service, "conflict", lambda *args, **kwargs: None)
    with pytest.raises(ValidationError) as exc:
        service.book_hours(coworker, room, paris(2026, 3, 3, 10), paris(2026, 3, 3, 12), now=NOW)
    assert exc.value.message_dict == {"space": [str(service.ERRORS["slot_taken"])]}
    assert Booking.objects.count() == 1


@pytest.fixture
def nearly_full_event(colo) -> Event:
    event = Event.objects.create(
        third_place=colo, title="Atelier", starts_at=paris(2026, 3, 10, 14),
        ends_at=paris(2026, 3, 10, 16), capacity=10,
    )  # fmt: skip
    for user in _people(7, "early"):
        Registration.objects.create(event=event, user=user)
    return event


@pytest.mark.django_db(transaction=True)
def test_the_event_race_exists_without_the_lock(nearly_full_event, wide_race_window):
    results = _race(
        _people(ATTEMPTS),
        lambda u: event_service.register(u, nearly_full_event, now=NOW, lock=False),
    )
    assert results.count("ok") > 3, results


@pytest.mark.django_db(transaction=True)
def test_thirty_requests_for_the_last_three_places_give_exactly_three(
    nearly_full_event, wide_race_window
):
    results = _race(
        _people(ATTEMPTS), lambda u: event_service.register(u, nearly_full_event, now=NOW)
    )
    assert results.count("ok") == 3, results
    assert results.count(["event_full"]) == ATTEMPTS - 3, results
    assert Registration.objects.filter(status="confirmed").count() == 10
