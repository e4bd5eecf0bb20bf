"""On-demand transport in the planner: door to door and as a first mile to the bus, with the
window of the real insertion; the pre-filled booking link books; outsiders cannot touch it."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartvillage.core.mobility import JourneyQuery, Needs, Point
from smartvillage.ondemand.models import Booking
from smartvillage.planner import search
from tests.ondemand import conftest as _ondemand
from tests.ondemand.conftest import NOW, WEDNESDAY

# The on-demand tests' fixtures (a service over La Chapelle and Vassieux, a car, a driver).
FIXTURES = ("_sms_outbox", "car", "driver", "driver_user", "far_commune", "places", "service",
            "stops", "vassieux")  # fmt: skip
globals().update({name: getattr(_ondemand, name) for name in FIXTURES})

# Vassieux, a farm 1.3 km from the village centre (beyond a walk to the bus stop).
FARM = Point(44.9070, 5.3780, "Ferme des Chaux")
MARKET = Point(44.9700, 5.4160, "Marché de La Chapelle")
SAINT_JEAN = Point(45.0190, 5.2930, "Saint-Jean-en-Royans")


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _ondemand(options):
    return [o for o in options if o.modes == ["ondemand"]]


def test_it_offers_a_door_to_door_trip_with_the_insertion_window(service, stops, driver):
    result = search.search(JourneyQuery(FARM, MARKET, WEDNESDAY))
    (option,) = _ondemand(result.options)
    leg = option.legs[0]
    assert leg.needs_booking
    assert option.needs_booking
    assert leg.name == service.name
    assert "pick-up between" in leg.note or "prise en charge" in leg.note
    # The pick-up is the insertion's, at or after the asked time, inside the service's hours.
    assert WEDNESDAY <= leg.departs < leg.arrives
    assert urlsplit(leg.booking_url).path == reverse("ondemand:book", args=[service.slug])


def test_no_vehicle_with_a_driver_means_no_on_demand_option(service, stops, car):
    result = search.search(JourneyQuery(FARM, MARKET, WEDNESDAY))
    assert not _ondemand(result.options)


def test_a_wheelchair_trip_is_not_offered_without_an_adapted_vehicle(service, stops, driver):
    result = search.search(JourneyQuery(FARM, MARKET, WEDNESDAY, needs=Needs(wheelchair=True)))
    assert not _ondemand(result.options)


def test_too_short_a_notice_is_not_offered(service, stops, driver):
    soon = timezone.make_aware(datetime(2026, 3, 2, 14, 0))  # 5 hours ahead, 48 h needed
    assert not _ondemand(search.search(JourneyQuery(FARM, MARKET, soon)).options)


def test_it_feeds_the_bus_as_a_first_mile(service, stops, driver, vercors_feed):
    result = search.search(JourneyQuery(FARM, SAINT_JEAN, WEDNESDAY.replace(hour=9)))
    feeder = [o for o in result.options if o.modes[0] == "ondemand" and "bus" in o.modes]
    assert feeder, [o.modes for o in result.options]
    legs = feeder[0].legs
    first_bus = next(leg for leg in legs if leg.mode == "bus")
    assert legs[0].arrives <= first_bus.departs
    assert legs[0].destination.label == first_bus.origin.label


def test_the_booking_link_prefills_the_form_and_books(client, member_user, service, stops,
                                                       driver):  # fmt: skip
    leg = _ondemand(search.search(JourneyQuery(FARM, MARKET, WEDNESDAY)).options)[0].legs[0]
    client.force_login(member_user)
    page = client.get(leg.booking_url)
    assert page.status_code == 200
    initial = page.context["form"].initial
    assert initial["origin_found"] == "Ferme des Chaux"
    assert initial["time"] == "10:00"
    # Posting back what the page shows books the trip the planner proposed.
    data = {k: v[0] for k, v in parse_qs(urlsplit(leg.booking_url).query).items()}
    response = client.post(urlsplit(leg.booking_url).path, {**data, "action": "confirm"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.beneficiary.user == member_user
    assert booking.origin_label == "Ferme des Chaux"
    assert round(booking.origin_lat, 4) == FARM.latitude


def test_an_outsider_cannot_cancel_a_trip_booked_from_the_planner(
    client, member_user, outsider, service, stops, driver
):
    leg = _ondemand(search.search(JourneyQuery(FARM, MARKET, WEDNESDAY)).options)[0].legs[0]
    client.force_login(member_user)
    data = {k: v[0] for k, v in parse_qs(urlsplit(leg.booking_url).query).items()}
    client.post(urlsplit(leg.booking_url).path, {**data, "action": "confirm"})
    booking = Booking.objects.get()
    other = Client()  # another browser: no flash message of the booker's left in its cookies
    other.force_login(outsider)
    assert other.post(reverse("ondemand:cancel_trip", args=[booking.pk])).status_code == 404
    assert "Ferme des Chaux" not in other.get(reverse("ondemand:my_trips")).content.decode()
    booking.refresh_from_db()
    assert booking.status != Booking.Status.CANCELLED


def test_the_operator_variant_links_to_the_phone_booking_page(service, stops, driver):
    result = search.search(JourneyQuery(FARM, MARKET, WEDNESDAY, operator=True))
    leg = _ondemand(result.options)[0].legs[0]
    assert urlsplit(leg.booking_url).path == reverse("ondemand:phone", args=[service.slug])
