"""Carpooling: publishing trips (bad input), matching along the route, contact without phones."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from smartvillage.rideshare.models import Block, Contact, Trip
from smartvillage.rideshare.services import carpool

CHAPELLE, MARTIN, VILLARD = (44.9703, 5.4142), (45.0233, 5.4439), (45.0708, 5.5560)


def _publish(driver, car, **extra):
    fields = {
        "vehicle": car,
        "origin": CHAPELLE,
        "origin_label": "La Chapelle",
        "destination": VILLARD,
        "destination_label": "Villard",
        "seats": 3,
        "departure_at": timezone.now() + timedelta(hours=1),
    }
    fields.update(extra)
    return carpool.publish_trip(driver, **fields)


def test_it_publishes_a_one_off_trip_with_rounded_positions(driver, car, communes):
    trip = _publish(driver, car, origin=(44.970312, 5.414234))
    assert trip.kind == Trip.Kind.ONE_OFF
    assert (trip.origin_lat, trip.origin_lon) == (44.970, 5.414)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"departure_at": timezone.now() - timedelta(hours=1)}, "departure_at"),
        ({"seats": 0}, "seats"),
        ({"destination": (45.76, 4.83)}, "destination"),  # Lyon: outside the territory
        ({"destination": CHAPELLE}, "destination"),
        ({"vehicle": None}, "vehicle"),
        ({"departure_at": None, "departure_time": time(7, 30), "weekdays": ""}, "weekdays"),
    ],
)
def test_it_rejects_bad_trips_with_field_errors(driver, car, communes, extra, field):
    with pytest.raises(ValidationError) as exc:
        _publish(driver, car, **extra)
    assert field in exc.value.message_dict
    assert not Trip.objects.exists()


def test_the_trip_form_shows_the_errors(login, driver, car, communes):
    response = login(driver).post(
        reverse("rideshare:new_trip"),
        {
            "vehicle": car.pk,
            "origin": "La Chapelle-en-Vercors",
            "destination": "Villard-de-Lans",
            "departure_at": "2000-01-01T08:00",
            "seats": "0",
            "flex_minutes": "10",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "departure_at" in errors
    assert "seats" in errors
    assert not Trip.objects.exists()


def test_the_trip_form_publishes_a_regular_trip(login, driver, car, communes):
    response = login(driver).post(
        reverse("rideshare:new_trip"),
        {
            "vehicle": car.pk,
            "origin": "La Chapelle-en-Vercors",
            "destination": "Villard-de-Lans",
            "departure_time": "07:30",
            "weekdays": ["1", "3"],
            "seats": "2",
            "flex_minutes": "10",
        },
    )
    assert response.status_code == 302
    trip = Trip.objects.get()
    assert trip.kind == Trip.Kind.REGULAR
    assert trip.weekdays == "13"


def test_the_trip_form_rejects_an_unknown_place(login, driver, car, communes):
    response = login(driver).post(
        reverse("rideshare:new_trip"),
        {
            "vehicle": car.pk,
            "origin": "Atlantis",
            "destination": "Villard-de-Lans",
            "departure_time": "07:30",
            "weekdays": ["1"],
            "seats": "2",
            "flex_minutes": "10",
        },
    )
    assert "origin" in response.context["form"].errors


def test_a_request_finds_the_trip_passing_by(login, passenger, trip):
    response = login(passenger).post(
        reverse("rideshare:new_request"),
        {
            "origin": "45.0233, 5.4439",
            "destination": "Villard-de-Lans",
            "departure_at": timezone.localtime(timezone.now() + timedelta(minutes=20)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "seats": "1",
            "flex_minutes": "30",
        },
    )
    assert response.status_code == 302
    page = login(passenger).get(response["Location"])
    assert [m.trip for m in page.context["matches"]] == [trip]


def test_a_request_in_the_past_is_refused(login, passenger, communes):
    response = login(passenger).post(
        reverse("rideshare:new_request"),
        {
            "origin": "La Chapelle-en-Vercors",
            "destination": "Villard-de-Lans",
            "departure_at": "2000-01-01T08:00",
            "seats": "1",
            "flex_minutes": "30",
        },
    )
    assert "departure_at" in response.context["form"].errors


def test_blocked_members_are_not_matched(passenger, driver, trip):
    when = timezone.now() + timedelta(minutes=15)
    from smartvillage.rideshare import matching

    assert matching.find_offers(passenger, MARTIN, VILLARD, when)
    Block.objects.create(blocker=driver, blocked=passenger)
    assert matching.find_offers(passenger, MARTIN, VILLARD, when) == []


def test_regular_trips_are_matched_on_their_days(passenger, driver, car, communes):
    trip = _publish(driver, car, departure_at=None, departure_time=time(7, 30), weekdays="1234567")
    tomorrow = timezone.localtime(timezone.now() + timedelta(days=1)).replace(hour=7, minute=45)
    from smartvillage.rideshare import matching

    assert [m.trip for m in matching.find_offers(passenger, MARTIN, VILLARD, tomorrow)] == [trip]
    trip.weekdays = ""
    trip.save()
    assert matching.find_offers(passenger, MARTIN, VILLARD, tomorrow) == []


def test_phones_stay_hidden_until_both_agree(login, passenger, driver, trip):
    client = login(passenger)
    response = client.post(
        reverse("rideshare:contact_driver", args=[trip.pk]),
        {"ride_on": timezone.localdate().isoformat(), "message": "Bonjour !"},
    )
    contact = Contact.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("rideshare:contact", args=[contact.pk]))
    assert b"0601020304" not in page.content
    client.post(reverse("rideshare:contact_action", args=[contact.pk, "share-phone"]))
    assert b"0601020304" not in client.get(reverse("rideshare:contact", args=[contact.pk])).content
    login(driver).post(reverse("rideshare:contact_action", args=[contact.pk, "share-phone"]))
    page = login(passenger).get(reverse("rideshare:contact", args=[contact.pk]))
    assert b"0601020304" in page.content


def test_only_the_driver_accepts_a_contact(login, passenger, driver, trip):
    contact = carpool.contact(passenger, trip, timezone.localdate())
    url = reverse("rideshare:contact_action", args=[contact.pk, "accept"])
    assert login(passenger).post(url).status_code == 403
    assert login(driver).post(url).status_code == 302
    contact.refresh_from_db()
    assert contact.status == Contact.Status.ACCEPTED


def test_an_outsider_cannot_see_a_contact(login, passenger, trip, make_user):
    from tests.rideshare.conftest import make_member

    contact = carpool.contact(passenger, trip, timezone.localdate())
    other = make_member(make_user("eve@example.org"))
    assert login(other).get(reverse("rideshare:contact", args=[contact.pk])).status_code == 404
    assert login(other).get(reverse("rideshare:trip", args=[trip.pk])).status_code == 404


def test_contacting_on_a_day_the_trip_does_not_run_is_refused(passenger, trip):
    with pytest.raises(ValidationError) as exc:
        carpool.contact(passenger, trip, timezone.localdate() + timedelta(days=3))
    assert "ride_on" in exc.value.message_dict


def test_an_accepted_contact_starts_a_ride(login, passenger, driver, trip):
    contact = carpool.contact(passenger, trip, timezone.localdate())
    carpool.respond(driver, contact, True)
    response = login(driver).post(reverse("rideshare:contact_action", args=[contact.pk, "start"]))
    ride = contact.rides.get()
    assert response["Location"] == reverse("rideshare:ride", args=[ride.pk])
    assert ride.driver_confirmed_at
    assert ride.passenger_confirmed_at is None
    assert ride.distance_m > 10_000


def test_the_driver_cancels_a_trip(login, driver, trip):
    assert login(driver).get(reverse("rideshare:cancel_trip", args=[trip.pk])).status_code == 405
    login(driver).post(reverse("rideshare:cancel_trip", args=[trip.pk]))
    trip.refresh_from_db()
    assert trip.status == Trip.Status.CANCELLED
