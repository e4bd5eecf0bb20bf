"""Car sharing in the planner: the nearest station's free car for the whole trip, its price,
a pre-filled booking link that books; a car already booked is not offered."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from smartvillage.carsharing.models import Booking, CarshareMember
from smartvillage.core.mobility import JourneyQuery, Needs, Point
from smartvillage.planner import search
from tests.carsharing import conftest as _carsharing
from tests.carsharing.conftest import NOW

# The car-sharing tests' fixtures (a cooperative's Zoé at La Chapelle, an approved member).
FIXTURES = ("coop", "driver", "fleet", "plan", "station", "zoe")
globals().update({name: getattr(_carsharing, name) for name in FIXTURES})

TOWN_HALL = Point(44.9705, 5.4150, "Mairie")  # 60 m from the station
VILLARD = Point(45.0708, 5.5560, "Villard-de-Lans")
WHEN = NOW + timedelta(days=2)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _cars(options):
    return [o for o in options if "carsharing" in o.modes]


def test_it_offers_the_free_car_of_the_nearest_station(zoe):
    (option,) = _cars(search.search(JourneyQuery(TOWN_HALL, VILLARD, WHEN)).options)
    walk, drive = option.legs
    assert walk.mode == "walk"
    assert drive.destination == VILLARD
    assert drive.cost is not None
    assert drive.cost > 0
    assert drive.co2_mode == "car_electric"
    assert urlsplit(drive.booking_url).path == reverse("carsharing:book", args=[zoe.pk])


def test_a_car_booked_for_the_slot_is_not_offered(zoe, driver):
    member = CarshareMember.objects.get(user=driver)
    Booking.objects.create(vehicle=zoe, member=member, starts_at=WHEN - timedelta(hours=1),
                           ends_at=WHEN + timedelta(hours=6))  # fmt: skip
    assert not _cars(search.search(JourneyQuery(TOWN_HALL, VILLARD, WHEN)).options)


def test_a_wheelchair_user_is_not_offered_a_car(zoe):
    query = JourneyQuery(TOWN_HALL, VILLARD, WHEN, needs=Needs(wheelchair=True))
    assert not _cars(search.search(query).options)


def test_the_booking_link_prefills_the_slot_and_books(client, zoe, driver):
    drive = _cars(search.search(JourneyQuery(TOWN_HALL, VILLARD, WHEN)).options)[0].legs[-1]
    client.force_login(driver)
    page = client.get(drive.booking_url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.data["start"] == parse_qs(urlsplit(drive.booking_url).query)["start"][0]
    slot = {k: v[0] for k, v in parse_qs(urlsplit(drive.booking_url).query).items()}
    response = client.post(urlsplit(drive.booking_url).path, slot)
    assert response.status_code == 302, page.context["form"].errors
    booking = Booking.objects.get()
    assert booking.member.user == driver
    assert booking.starts_at <= drive.departs
    # Someone else cannot open the booking made from the planner.
    other = Client()
    other.force_login(
        type(driver).objects.create_user("eve@example.org", "correct horse battery staple")
    )
    assert other.get(reverse("carsharing:booking", args=[booking.pk])).status_code == 404
