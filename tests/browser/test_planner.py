"""The journey planner in Chromium on a phone: a resident searches "without my car", reads the
options side by side, follows the on-demand option's booking link (pre-filled), sees the
proposed time and books; the trip is in their list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from smartvillage.ondemand.models import Booking
from smartvillage.planner import timetable
from smartvillage.planner.services import import_feed
from tests.browser import test_ondemand

from .test_ondemand import log_in

pytestmark = pytest.mark.browser
la_paz = test_ondemand.la_paz  # the on-demand service over La Chapelle and Vassieux

DATA = Path(__file__).resolve().parents[2] / "src/smartvillage/planner/data/gtfs"


def test_a_resident_searches_then_books_the_on_demand_option(mobile_page: Page, live_server,
                                                             la_paz, make_user,
                                                             blocked_requests):  # fmt: skip
    import_feed(DATA / "vercors_demo", slug="vercors-demo", name="Vercors (demo)", invented=True)
    timetable.forget()
    resident = make_user("rose@example.org", first_name="Rose")
    page = mobile_page
    log_in(page.context, live_server, resident)
    day = timezone.localdate() + timedelta(days=3)
    page.goto("/journey/")
    page.locator("#id_origin").fill("44.9070, 5.3780")
    page.locator("#id_destination").fill("La Chapelle – Centre")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_time").fill("10:00")
    page.locator("form.planner-form button[type=submit]").click()

    options = page.locator("article.planner-option")
    expect(options.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scroll
    assert not blocked_requests  # a light page: nothing fetched beyond the site (no map tiles)
    ondemand = options.filter(has_text="Transport solidaire")
    expect(ondemand.first).to_contain_text("Réservation nécessaire")
    ondemand.first.get_by_role("link", name="Réserver").click()

    expect(page.locator("#id_origin_address")).to_have_value("44.9070, 5.3780")
    expect(page.locator("#id_time")).to_have_value("10:00")
    page.locator("button[value=preview]").click()
    expect(page.locator(".card[role=status]")).to_contain_text("10:")
    page.locator("button[value=confirm]").click()
    expect(page).to_have_url(f"{live_server.url}/transport/my-trips/")
    booking = Booking.objects.get()
    assert booking.beneficiary.user == resident
    assert booking.date == day
