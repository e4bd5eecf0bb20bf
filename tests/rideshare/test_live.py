"""Live hitchhiking: notify drivers passing by, accept, see each other, board, arrive."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from smartvillage.rideshare.models import HitchRequest, Notification, Ride
from smartvillage.rideshare.services import live, proof


@pytest.fixture
def waiting(login, passenger, trip, stops):
    response = login(passenger).post(
        reverse("rideshare:new_hitch"),
        {"stop": stops["martin"].pk, "destination": stops["villard"].pk, "minutes": 20},
    )
    assert response.status_code == 302
    return HitchRequest.objects.get()


def test_drivers_passing_by_are_notified(waiting, driver):
    assert Notification.objects.filter(member=driver, hitch=waiting).exists()


def test_drivers_going_elsewhere_are_not_notified(passenger, trip, stops, driver):
    request, told = live.hitch(passenger, stops["villard"], stops["chapelle"], 20)
    assert told == 0  # the trip goes the other way
    assert not Notification.objects.exists()


def test_bad_hitch_input_gets_field_errors(passenger, stops):
    with pytest.raises(ValidationError) as exc:
        live.hitch(passenger, stops["martin"], stops["martin"], 500)
    assert {"destination", "minutes"} <= exc.value.message_dict.keys()


def test_the_whole_ride(login, waiting, driver, car, passenger):
    accept = reverse("rideshare:hitch_action", args=[waiting.pk, "accept"])
    assert login(driver).post(accept, {"vehicle": car.pk}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == HitchRequest.Status.ACCEPTED
    assert waiting.driver == driver
    # Each sees the other's first name; the passenger sees the car and the plate.
    page = login(passenger).get(reverse("rideshare:hitch", args=[waiting.pk]))
    assert b"Marie" in page.content
    assert b"GH-482-KT" in page.content
    assert b"Rey" not in page.content
    page = login(driver).get(reverse("rideshare:hitch", args=[waiting.pk]))
    assert b"Lucas" in page.content
    # Boarding records the ride.
    response = login(passenger).post(reverse("rideshare:hitch_action", args=[waiting.pk, "board"]))
    ride = Ride.objects.get()
    assert response["Location"] == reverse("rideshare:ride", args=[ride.pk])
    assert ride.passenger_confirmed_at
    assert ride.driver_confirmed_at is None
    assert ride.start_insee == "26315"
    assert ride.end_insee == "38548"
    # The trusted contact's link works without a login.
    login(passenger).logout()
    follow = login(passenger).get(reverse("rideshare:follow", args=[ride.share_token]))
    assert follow.status_code == 200
    assert b"GH-482-KT" in follow.content
    assert proof.proof_rows() == []  # not yet confirmed by the driver, not yet arrived
    login(driver).post(reverse("rideshare:ride_action", args=[ride.pk, "arrive"]))
    ride.refresh_from_db()
    assert ride.status == Ride.Status.COMPLETED
    assert ride.driver_confirmed_at
    assert [row["journey_id"] for row in proof.proof_rows()] == [str(ride.journey_id)]


def test_the_first_driver_wins(waiting, driver, car, make_user, stops):
    from smartvillage.rideshare.models import Vehicle
    from tests.rideshare.conftest import make_member

    other = make_member(make_user("o@example.org"))
    other_car = Vehicle.objects.create(owner=other, plate="AA-111-AA", colour="x", model="y")
    live.accept(driver, waiting.pk, car)
    with pytest.raises(ValidationError):
        live.accept(other, waiting.pk, other_car)
    waiting.refresh_from_db()
    assert waiting.driver == driver


def test_an_expired_request_cannot_be_accepted(waiting, driver, car):
    HitchRequest.objects.filter(pk=waiting.pk).update(expires_at=waiting.created)
    with pytest.raises(ValidationError):
        live.accept(driver, waiting.pk, car)


def test_a_driver_not_notified_cannot_see_the_request(login, waiting, make_user):
    from tests.rideshare.conftest import make_member

    stranger = make_member(make_user("s@example.org"))
    assert login(stranger).get(reverse("rideshare:hitch", args=[waiting.pk])).status_code == 404


def test_boarding_before_a_driver_accepts_is_refused(login, waiting, passenger):
    login(passenger).post(reverse("rideshare:hitch_action", args=[waiting.pk, "board"]))
    assert not Ride.objects.exists()


def test_rating_after_the_ride(login, waiting, driver, car, passenger):
    live.accept(driver, waiting.pk, car)
    ride = live.board(passenger, waiting)
    url = reverse("rideshare:ride_action", args=[ride.pk, "rate"])
    login(passenger).post(url, {"score": "5"})
    assert not ride.ratings.exists()  # not arrived yet
    live.arrive(passenger, ride)
    login(passenger).post(url, {"score": "5", "comment": "Merci"})
    rating = ride.ratings.get()
    assert rating.subject == driver
    assert rating.score == 5
    login(passenger).post(url, {"score": "1"})
    assert ride.ratings.count() == 1


def test_the_ride_and_dashboard_pages_show_the_other_member(login, waiting, driver, car, passenger):
    live.accept(driver, waiting.pk, car)
    ride = live.board(passenger, waiting)
    page = login(passenger).get(reverse("rideshare:ride", args=[ride.pk]))
    assert page.status_code == 200
    assert b"GH-482-KT" in page.content
    assert ride.share_token.encode() in page.content
    page = login(driver).get(reverse("rideshare:ride", args=[ride.pk]))
    assert b"Lucas" in page.content
    assert login(driver).get(reverse("rideshare:dashboard")).status_code == 200
    assert login(driver).post(reverse("rideshare:ride", args=[ride.pk])).status_code == 405
