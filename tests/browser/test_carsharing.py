"""Car sharing in Chromium: an approved member finds the village car for tomorrow morning, books
it from the list and finds the booking in "my bookings"; a second member then sees it taken."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from smartvillage.carsharing.models import Booking, CarshareMember
from tests.carsharing.conftest import coop, driver, fleet, plan, station, zoe  # noqa: F401
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page: Page, email: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={quote(next_url)}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form", has=page.locator("input[name=password]")).locator("[type=submit]").click()


def tomorrow_at(hour: int) -> str:
    day = timezone.localdate() + timedelta(days=1)
    return datetime.combine(day, time(hour)).strftime("%Y-%m-%dT%H:%M")


def test_a_member_books_the_village_car_from_the_list(page: Page, zoe, driver, blocked_requests):  # noqa: F811
    start, end = tomorrow_at(9), tomorrow_at(12)
    log_in(page, driver.email, f"/carsharing/?start={start}&end={end}")
    car = page.locator("#cars tr", has_text=zoe.name)
    expect(car).to_be_visible()
    car.get_by_role("button", name=re.compile(zoe.name)).click()

    expect(page.locator(".messages")).to_contain_text("confirmée")
    booking = Booking.objects.get(member__user=driver)
    assert booking.vehicle == zoe
    assert timezone.localtime(booking.starts_at).hour == 9

    page.goto("/carsharing/bookings/")
    expect(page.locator("main")).to_contain_text(zoe.name)
    # Only the map's tiles (the tile server of settings.MAP_TILE_URL) would leave the site.
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in blocked_requests)


def test_a_second_member_sees_the_car_taken(page: Page, zoe, driver, make_user):  # noqa: F811
    other = make_user("eve@example.org", first_name="Eve", last_name="Second")
    CarshareMember.objects.create(
        user=other,
        organisation=zoe.organisation,
        licence_number="222222222222",
        status=CarshareMember.Status.APPROVED,
    )
    Booking.objects.create(
        vehicle=zoe,
        member=CarshareMember.objects.get(user=driver),
        starts_at=timezone.make_aware(datetime.fromisoformat(tomorrow_at(9))),
        ends_at=timezone.make_aware(datetime.fromisoformat(tomorrow_at(12))),
    )
    log_in(page, other.email, f"/carsharing/?start={tomorrow_at(10)}&end={tomorrow_at(11)}")
    car = page.locator("#cars tr", has_text=zoe.name)
    expect(car).to_be_visible()
    expect(car.get_by_role("button", name=re.compile(zoe.name))).to_have_count(0)
