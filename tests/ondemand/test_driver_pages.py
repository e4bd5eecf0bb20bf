from __future__ import annotations

import pytest
import time_machine

from smartvillage.ondemand.models import Booking, Run
from smartvillage.ondemand.services import booking as service_booking

from .conftest import NOW, WEDNESDAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(trip, driver, operator_user):
    booking = service_booking.book(operator_user, trip(), now=NOW)
    return booking.run


def test_the_driver_sees_and_accepts_the_run(client, driver_user, run):
    client.force_login(driver_user)
    with time_machine.travel(NOW, tick=False):
        page = client.get("/transport/driver/")
        assert run in list(page.context["runs"])
        detail = client.get(f"/transport/driver/runs/{run.pk}/")
        assert detail.status_code == 200
        # Light page: no external stylesheet or script.
        assert "<script" not in detail.content.decode()
        assert "<link" not in detail.content.decode()
        assert client.get(f"/transport/driver/runs/{run.pk}/manifest/").status_code == 200
        assert client.get(f"/transport/driver/runs/{run.pk}/answer/").status_code == 405
        client.post(f"/transport/driver/runs/{run.pk}/answer/", {"answer": "accept"})
    run.refresh_from_db()
    assert run.status == Run.Status.ACCEPTED


def test_another_driver_gets_404(client, second_driver, run):
    client.force_login(second_driver.user)
    assert client.get(f"/transport/driver/runs/{run.pk}/").status_code == 404
    assert client.get(f"/transport/driver/runs/{run.pk}/manifest/").status_code == 404
    assert (
        client.post(f"/transport/driver/runs/{run.pk}/answer/", {"answer": "decline"}).status_code
        == 404
    )


def test_the_driver_marks_pickup_dropoff(client, driver_user, run):
    booking = Booking.objects.get(run=run)
    client.force_login(driver_user)
    url = f"/transport/driver/runs/{run.pk}/trips/{booking.pk}/"
    with time_machine.travel(WEDNESDAY, tick=False):
        client.post(url, {"event": "picked_up"})
        booking.refresh_from_db()
        assert booking.status == Booking.Status.PICKED_UP
        client.post(url, {"event": "dropped_off"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.COMPLETED
    run.refresh_from_db()
    assert run.status == Run.Status.DONE


def test_marking_before_the_day_is_refused(client, driver_user, run):
    booking = Booking.objects.get(run=run)
    client.force_login(driver_user)
    with time_machine.travel(NOW, tick=False):
        client.post(f"/transport/driver/runs/{run.pk}/trips/{booking.pk}/", {"event": "no_show"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_declining_hands_the_trips_back(client, driver_user, run, operator_user):
    client.force_login(driver_user)
    with time_machine.travel(NOW, tick=False):
        client.post(f"/transport/driver/runs/{run.pk}/answer/", {"answer": "decline"})
    run.refresh_from_db()
    assert run.status == Run.Status.DECLINED
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.run is None
