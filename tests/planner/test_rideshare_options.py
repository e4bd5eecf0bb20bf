"""Carpool offers and hitchhiking in the planner: the matching's offers with a pre-filled
request; hitchhiking marked not guaranteed, with a wait estimate said for what it is."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartvillage.core.mobility import JourneyQuery, Needs, Point
from smartvillage.planner import search
from smartvillage.rideshare.models import HitchRequest, RideRequest
from tests.rideshare import conftest as _rideshare

# The rideshare tests' fixtures: stops at La Chapelle, Saint-Martin and Villard, a validated
# driver with a car and a trip La Chapelle -> Villard leaving in 5 minutes, a passenger.
FIXTURES = ("communes", "stops", "driver", "car", "passenger", "trip")
globals().update({name: getattr(_rideshare, name) for name in FIXTURES})

CHAPELLE = Point(44.9703, 5.4142, "La Chapelle")
VILLARD = Point(45.0708, 5.5560, "Villard")


def _modes(options, mode):
    return [o for o in options if mode in o.modes]


def test_it_offers_the_carpool_trip_along_the_route(trip):
    result = search.search(JourneyQuery(CHAPELLE, VILLARD, timezone.now()))
    (option,) = _modes(result.options, "carpool")
    leg = option.legs[0]
    assert leg.name == "Marie"
    assert leg.needs_booking
    assert urlsplit(leg.booking_url).path == reverse("rideshare:new_request")


def test_a_full_car_is_not_offered_to_a_companion_pair(trip):
    trip.seats = 1
    trip.save()
    query = JourneyQuery(CHAPELLE, VILLARD, timezone.now(), needs=Needs(companion=True))
    assert not _modes(search.search(query).options, "carpool")


def test_the_carpool_link_prefills_a_ride_request(client, trip, passenger):
    leg = _modes(search.search(JourneyQuery(CHAPELLE, VILLARD, timezone.now())).options,
                 "carpool")[0].legs[0]  # fmt: skip
    client.force_login(passenger.user)
    page = client.get(leg.booking_url)
    assert page.status_code == 200
    params = {k: v[0] for k, v in parse_qs(urlsplit(leg.booking_url).query).items()}
    assert page.context["form"].initial["origin"] == params["origin"]
    response = client.post(urlsplit(leg.booking_url).path, {**params, "flex_minutes": 30})
    assert response.status_code == 302
    request = RideRequest.objects.get()
    assert request.passenger == passenger
    # Another member cannot read the request made from the planner.
    other = Client()
    other.force_login(trip.driver.user)
    assert other.get(reverse("rideshare:request", args=[request.pk])).status_code == 404


def test_hitchhiking_is_not_guaranteed_and_says_how_the_wait_was_estimated(stops):
    result = search.search(JourneyQuery(CHAPELLE, VILLARD, timezone.now()))
    (option,) = _modes(result.options, "hitchhiking")
    assert not option.guaranteed
    leg = next(leg for leg in option.legs if leg.mode == "hitchhiking")
    assert "20" in leg.note  # the default wait, minutes
    assert "estimate" in leg.note or "estimation" in leg.note
    assert urlsplit(leg.booking_url).path == reverse("rideshare:new_hitch")


def test_the_wait_is_the_median_of_the_waits_recorded_at_the_stop(stops, passenger):
    now = timezone.now()
    for minutes in (2, 4, 6, 30, 40):
        HitchRequest.objects.create(
            passenger=passenger, stop=stops["chapelle"], destination=stops["villard"],
            created=now - timedelta(days=1), expires_at=now, status=HitchRequest.Status.ACCEPTED,
            accepted_at=now - timedelta(days=1) + timedelta(minutes=minutes),
        )  # fmt: skip
    result = search.search(JourneyQuery(CHAPELLE, VILLARD, now))
    leg = next(leg for o in _modes(result.options, "hitchhiking") for leg in o.legs
               if leg.mode == "hitchhiking")  # fmt: skip
    assert "6 min" in leg.note
    assert "5" in leg.note


def test_hitchhiking_is_not_offered_for_an_arrival_time_or_a_wheelchair(stops):
    later = timezone.now() + timedelta(hours=2)
    assert not _modes(
        search.search(JourneyQuery(CHAPELLE, VILLARD, later, arrive_by=True)).options,
        "hitchhiking",
    )
    query = JourneyQuery(CHAPELLE, VILLARD, later, needs=Needs(wheelchair=True))
    assert not _modes(search.search(query).options, "hitchhiking")
