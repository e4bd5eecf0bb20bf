"""The last seats of an event go to exactly as many people as there are seats (PostgreSQL;
docs/locking.md). Twenty threads, each with its own connection, start together and ask for
the last three seats; ``services._race_window`` sleeps between the count and the insert, so
that without the lock every attempt has counted before any has written (the race is real)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from smartvillage.accounts.models import User
from smartvillage.core.errors import error_codes
from smartvillage.hub import services
from smartvillage.hub.models import Event, Registration

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

ATTEMPTS = 20


def _race(event, lock):
    users = [User.objects.create_user(f"p{i}@example.org", "x") for i in range(ATTEMPTS)]
    barrier = threading.Barrier(len(users))
    results: list[object] = []

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            services.register(user, event, lock=lock)
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
def last_three_seats(monkeypatch):
    monkeypatch.setattr(services, "_race_window", lambda: time.sleep(0.05))
    start = timezone.now() + timedelta(days=2)
    return Event.objects.create(
        title="Voyage d'étude", kind="visit", starts_at=start, ends_at=start + timedelta(hours=8),
        place_name="Saint-Jean-en-Royans", capacity=3,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_event_is_overbooked(last_three_seats):
    results = _race(last_three_seats, lock=False)
    assert results.count("ok") > 3, results


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_exactly_three_people_get_a_seat(last_three_seats):
    results = _race(last_three_seats, lock=True)
    assert results.count("ok") == 3, results
    assert results.count(["event_full"]) == ATTEMPTS - 3, results
    confirmed = Registration.objects.filter(status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 3
