"""Two operators booking the last seat at once: exactly one succeeds (PostgreSQL; locking.md).

Twenty threads, each with its own connection, wait on a barrier and book one seat in a car that
has one seat left. The service's ``_race_window`` seam sleeps between reading the day's plan
and writing the insertion, so that every attempt has read before any has written: without the
service-day lock several get the seat (the race is real); with it exactly one does.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from smartvillage.core.errors import error_codes
from smartvillage.ondemand.models import Beneficiary, Booking
from smartvillage.ondemand.services import booking as service

from .conftest import NOW

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

ATTEMPTS = 20


def _race(requests, *, lock: bool) -> list[object]:
    barrier = threading.Barrier(len(requests))
    results: list[object] = []

    def attempt(req) -> None:
        try:
            barrier.wait(timeout=10)
            service.book(None, req, now=NOW, lock=lock, notify_passenger=False)
            results.append("booked")
        except service.Unservable:
            results.append("unservable")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.fixture
def last_seat(trip, driver, organisation):
    """The car (3 seats) already carries two passengers on the trip: one seat is left."""
    service.book(None, trip(passengers=2), now=NOW, notify_passenger=False)
    people = [
        Beneficiary.objects.create(organisation=organisation, first_name=f"P{i}", last_name="X")
        for i in range(ATTEMPTS)
    ]
    return [trip(beneficiary=p) for p in people]


@pytest.fixture
def wide_race_window(monkeypatch):
    monkeypatch.setattr(service, "_race_window", lambda: time.sleep(0.05))
    # Losers would compute alternatives (other times): not what this test is about.
    monkeypatch.setattr(service, "alternatives", lambda *args, **kwargs: [])


def _seated() -> int:
    return Booking.objects.live().exclude(passengers=2).count()


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_without_the_lock(last_seat, wide_race_window):
    results = _race(last_seat, lock=False)
    assert results.count("booked") > 1, results
    assert _seated() == results.count("booked")


@pytest.mark.django_db(transaction=True)
def test_twenty_operators_booking_the_last_seat_give_exactly_one_booking(
    last_seat, wide_race_window
):
    results = _race(last_seat, lock=True)
    assert results.count("booked") == 1, results
    assert results.count("unservable") == ATTEMPTS - 1, results
    assert _seated() == 1
    assert Booking.objects.filter(status=Booking.Status.UNSERVED).count() == ATTEMPTS - 1
