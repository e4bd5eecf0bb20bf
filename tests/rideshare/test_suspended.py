"""A suspended member can do nothing: every member page and action answers 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from smartvillage.rideshare.models import Contact, HitchRequest, Ride, Trip
from smartvillage.rideshare.services import carpool, live

ACTIONS = [
    ("get", "rideshare:dashboard", []),
    ("get", "rideshare:card", []),
    ("post", "rideshare:add_vehicle", []),
    ("post", "rideshare:new_trip", []),
    ("get", "rideshare:trip", ["trip"]),
    ("post", "rideshare:cancel_trip", ["trip"]),
    ("post", "rideshare:contact_driver", ["trip"]),
    ("post", "rideshare:new_request", []),
    ("get", "rideshare:contact", ["contact"]),
    ("post", "rideshare:contact_action", ["contact", "accept"]),
    ("post", "rideshare:contact_action", ["contact", "message"]),
    ("post", "rideshare:contact_action", ["contact", "share-phone"]),
    ("post", "rideshare:contact_action", ["contact", "start"]),
    ("post", "rideshare:new_hitch", []),
    ("get", "rideshare:hitch", ["hitch"]),
    ("post", "rideshare:hitch_action", ["hitch", "accept"]),
    ("post", "rideshare:hitch_action", ["hitch", "board"]),
    ("post", "rideshare:hitch_action", ["hitch", "cancel"]),
    ("get", "rideshare:ride", ["ride"]),
    ("post", "rideshare:ride_action", ["ride", "confirm"]),
    ("post", "rideshare:ride_action", ["ride", "arrive"]),
    ("post", "rideshare:ride_action", ["ride", "rate"]),
    ("post", "rideshare:member_action", ["other", "block"]),
    ("post", "rideshare:member_action", ["other", "report"]),
]


@pytest.fixture
def world(driver, car, passenger, trip, stops):
    """Every kind of object, owned by the member who is then suspended (the passenger)."""
    contact = carpool.contact(passenger, trip, trip.departure_at.date())
    carpool.respond(driver, contact, True)
    hitch, _told = live.hitch(passenger, stops["martin"], stops["villard"], 20)
    live.accept(driver, hitch.pk, car)
    ride = live.board(passenger, hitch)
    own_trip = Trip.objects.create(
        driver=passenger,
        vehicle=car,
        kind="one_off",
        origin_label="a",
        destination_label="b",
        seats=1,
        departure_at=trip.departure_at,
    )
    passenger.status = "suspended"
    passenger.save()
    return {
        "trip": own_trip.pk,
        "contact": contact.pk,
        "hitch": hitch.pk,
        "ride": ride.pk,
        "other": driver.number,
    }


@pytest.mark.parametrize(("method", "name", "args"), ACTIONS)
def test_a_suspended_member_gets_403(login, passenger, world, method, name, args):
    before = (
        Ride.objects.filter(status="ongoing").count(),
        Contact.objects.count(),
        HitchRequest.objects.count(),
        Trip.objects.filter(status="active").count(),
    )
    url = reverse(name, args=[world.get(a, a) for a in args])
    response = getattr(login(passenger), method)(url, {"body": "x", "reason": "x", "score": "5"})
    assert response.status_code == 403
    after = (
        Ride.objects.filter(status="ongoing").count(),
        Contact.objects.count(),
        HitchRequest.objects.count(),
        Trip.objects.filter(status="active").count(),
    )
    assert before == after


def test_a_suspended_member_gets_403_from_the_api(client, passenger, world):
    client.force_login(passenger.user)
    assert client.get("/api/v1/rideshare/rides").status_code == 403
