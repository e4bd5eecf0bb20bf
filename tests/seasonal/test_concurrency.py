"""Accepting candidates never fills more positions than the job has (PostgreSQL;
docs/locking.md). Ten threads, each with its own connection, accept ten candidates of a
job with three positions at once; the service's ``_race_window`` seam sleeps between the
count of accepted applications and the write: with the lock off the job is overfilled (the
race is real), with the lock on exactly three are accepted."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from smartvillage.core.errors import error_codes
from smartvillage.seasonal import services
from smartvillage.seasonal.models import Application

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]

CANDIDATES = 10


def _race(applications, call) -> list[object]:
    barrier = threading.Barrier(len(applications))
    results: list[object] = []

    def attempt(application) -> None:
        try:
            barrier.wait(timeout=10)
            call(application)
            results.append("ok")
        except ValidationError as exc:
            results.append(sorted(error_codes(exc)))
        except Exception as exc:  # noqa: BLE001 - reported in the assertion message
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(a,)) for a in applications]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.fixture
def applications(make_job, make_user):
    job = make_job(positions=3)
    return [
        Application.objects.create(job=job, worker=make_user(f"c{i}@example.org"))
        for i in range(CANDIDATES)
    ]


@pytest.fixture
def wide_race_window(monkeypatch):
    monkeypatch.setattr(services, "_race_window", lambda: time.sleep(0.05))


def _accepted():
    return Application.objects.filter(status=Application.Status.ACCEPTED).count()


@pytest.mark.django_db(transaction=True)
def test_the_race_exists_without_the_lock(applications, boss, wide_race_window):
    results = _race(applications, lambda a: services.answer(a, "accepted", actor=boss, lock=False))
    assert results.count("ok") > 3, results
    assert _accepted() > 3  # more people than positions


@pytest.mark.django_db(transaction=True)
def test_ten_acceptances_for_three_positions_give_exactly_three(
    applications, boss, wide_race_window
):
    results = _race(applications, lambda a: services.answer(a, "accepted", actor=boss))
    assert results.count("ok") == 3, results
    assert results.count(["full"]) == CANDIDATES - 3, results
    assert _accepted() == 3
