"""A maintenance block and bookings racing for the same time (PostgreSQL; docs/locking.md).

No database constraint spans blocks and bookings: the vehicle row lock taken by both
``services.fleet.add_block`` and ``services.booking.book`` is the only guard. First the race is
shown with the locks off (a block over a booking), then never with them on.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from smartvillage.carsharing.models import Booking, MaintenanceBlock
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import fleet as fleet_service
from smartvillage.core.errors import error_codes

from .conftest import NOW, paris
from .test_concurrency import _drivers

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

START, END = paris(2026, 3, 10, 9), paris(2026, 3, 10, 12)
BOOKERS = 5


@pytest.fixture
def wide_race_windows(monkeypatch):
    monkeypatch.setattr(service, "_race_window", lambda: time.sleep(0.05))
    monkeypatch.setattr(fleet_service, "_race_window", lambda: time.sleep(0.05))


def _race(zoe, manager, *, lock: bool) -> list[object]:
    users = _drivers(zoe.organisation, BOOKERS)
    barrier = threading.Barrier(BOOKERS + 1)
    results: list[object] = []

    def run(job) -> None:
        try:
            barrier.wait(timeout=10)
            job()
            results.append("ok")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()

    jobs = [lambda u=u: service.book(u, zoe, START, END, now=NOW, lock=lock) for u in users] + [
        lambda: fleet_service.add_block(manager, zoe, START, END, "Tyres", lock=lock)
    ]
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_without_the_lock(zoe, manager, wide_race_windows):
    _race(zoe, manager, lock=False)
    assert MaintenanceBlock.objects.exists()
    assert Booking.objects.live().exists()  # a maintenance over a booking: the bug


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_a_block_and_a_booking_never_overlap(zoe, manager, wide_race_windows):
    results = _race(zoe, manager, lock=True)
    assert all(r == "ok" or isinstance(r, list) for r in results), results
    blocks, bookings = MaintenanceBlock.objects.count(), Booking.objects.live().count()
    assert (blocks, bookings) in {(1, 0), (0, 1)}, results
