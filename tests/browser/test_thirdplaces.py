"""Third places in Chromium: a coworker books a desk for tomorrow from the place's page and finds
it in "my bookings"; the network map draws a marker per place (no request leaves localhost)."""

from __future__ import annotations

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from smartvillage.accounts.models import Organisation
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import Booking, OpeningHours, Space, ThirdPlace
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def network(db):
    """Two published places open every day (tomorrow is always bookable), one unpublished."""
    org = Organisation.objects.create(
        name="La Jolie Colo", slug="la-jolie-colo", kind=Organisation.Kind.THIRD_PLACE
    )
    autrans = Commune.objects.create(insee_code="38225", name="Autrans-Méaudre en Vercors",
                                     departement="38", population=2936, latitude=45.168,
                                     longitude=5.545)  # fmt: skip
    places = []
    for slug, name, lat, published in [
        ("la-jolie-colo", "La Jolie Colo", 45.17, True),
        ("cowork-lans", "Cowork Lans", 45.13, True),
        ("brouillon", "Brouillon", 45.10, False),
    ]:
        place = ThirdPlace.objects.create(
            organisation=org, name=name, slug=slug, commune=autrans, latitude=lat,
            longitude=5.54, has_coworking=True, closed_on_public_holidays=False,
            is_published=published,
        )  # fmt: skip
        for weekday in range(7):
            OpeningHours.objects.create(
                third_place=place, weekday=weekday, opens=time(8), closes=time(19)
            )
        places.append(place)
    desks = Space.objects.create(third_place=places[0], name="Open space du réfectoire",
                                 kind=Space.Kind.DESKS, capacity=4,
                                 price_half_day=Decimal("8"), price_day=Decimal("14"))  # fmt: skip
    return places[0], desks


def log_in(page: Page, email: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form", has=page.locator("input[name=password]")).locator("[type=submit]").click()


def test_a_coworker_books_a_desk_for_tomorrow_and_sees_it_in_my_bookings(
    page: Page, network, make_user, blocked_requests
):
    place, desks = network
    make_user("amelie@example.org", first_name="Amélie", last_name="Cowork")
    tomorrow = timezone.localdate() + timedelta(days=1)

    log_in(page, "amelie@example.org", f"/third-places/{place.slug}/")
    expect(page.locator("h1")).to_have_text("La Jolie Colo")
    page.locator(f'a[href="/third-places/spaces/{desks.pk}/book/"]').click()

    expect(page).to_have_url(re.compile(rf"/spaces/{desks.pk}/book/$"))
    page.locator("input[name=day]").fill(tomorrow.isoformat())
    page.locator("select[name=period]").select_option("day")
    page.locator("input[name=quantity]").fill("1")
    page.locator("form.form [type=submit]").click()

    expect(page).to_have_url(re.compile(r"/third-places/me/bookings/$"))
    booking = Booking.objects.get(user__email="amelie@example.org")
    assert (booking.space, booking.local_date, booking.period) == (desks, tomorrow, "day")
    upcoming = page.locator("main li", has_text="Open space du réfectoire")
    expect(upcoming).to_contain_text("La Jolie Colo")
    expect(upcoming).to_contain_text("14")  # the price of a day
    assert blocked_requests == []  # nothing fetched off-site


def test_the_network_map_draws_a_marker_per_published_place(page: Page, network):
    page.goto("/third-places/")
    expect(page.locator("#map.leaflet-container")).to_be_visible()
    expect(page.locator("#map")).to_have_attribute("data-markers", "2")
    expect(page.locator("#map canvas")).to_have_count(1)  # the markers' layer (preferCanvas)
    expect(page.locator("#map-status")).to_have_text("")  # no "map could not be loaded"
    expect(page.locator("#list article")).to_have_count(2)
