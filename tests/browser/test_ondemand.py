"""On-demand transport in Chromium: an operator books by phone for a person without an account
(register, choose places — one picked on the map —, see the proposed times, confirm, read the
SMS-ready confirmation); a volunteer driver marks a passenger picked up then dropped off on a
390 px phone."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.ondemand import dispatch
from smartvillage.ondemand.models import (
    Availability,
    Beneficiary,
    Booking,
    Driver,
    Run,
    RunStop,
    Service,
    ServiceDay,
    Stop,
    Vehicle,
)
from smartvillage.territory.models import Commune, Place

pytestmark = pytest.mark.browser


def log_in(context: BrowserContext, live_server, user) -> None:
    """Reuse a session made by Django's test client (the login form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


@pytest.fixture
def la_paz(transactional_db, make_user):
    """The La Paz service every day 7:00-20:00, two stops, a car and a volunteer driver."""
    organisation = Organisation.objects.create(name="Centre social La Paz", slug="la-paz")
    chapelle = Commune.objects.create(
        insee_code="26074", name="La Chapelle-en-Vercors", departement="26",
        latitude=44.9697, longitude=5.4153,
    )  # fmt: skip
    vassieux = Commune.objects.create(
        insee_code="26364", name="Vassieux-en-Vercors", departement="26",
        latitude=44.8956, longitude=5.3711,
    )  # fmt: skip
    centre = Place.objects.create(
        slug="chapelle", name="La Chapelle – Centre", commune=chapelle,
        latitude=44.9703, longitude=5.4142, kind=Place.Kind.STOP,
    )  # fmt: skip
    market = Place.objects.create(
        slug="vassieux", name="Vassieux – Centre", commune=vassieux,
        latitude=44.8960, longitude=5.3720, kind=Place.Kind.STOP,
    )  # fmt: skip
    service = Service.objects.create(
        organisation=organisation, name="Transport solidaire", slug="tad", days="1234567",
        start_time=time(7), end_time=time(20), min_notice=timedelta(hours=48),
        phone="04 75 48 00 00",
    )  # fmt: skip
    service.communes.set([chapelle, vassieux])
    stops = {
        "chapelle": Stop.objects.create(service=service, place=centre),
        "vassieux": Stop.objects.create(service=service, place=market),
    }
    car = Vehicle.objects.create(organisation=organisation, name="Zoé", seats=3,
                                 home_base=centre)  # fmt: skip
    driver_user = make_user("dan@example.org", first_name="Dan", last_name="Driver")
    Membership.objects.create(user=driver_user, organisation=organisation,
                              role=Membership.Role.DRIVER)  # fmt: skip
    driver = Driver.objects.create(organisation=organisation, user=driver_user)
    for weekday in range(1, 8):
        Availability.objects.create(driver=driver, weekday=weekday, start_time=time(6),
                                    end_time=time(21))  # fmt: skip
    operator = make_user("olga@example.org", first_name="Olga", last_name="Operator")
    Membership.objects.create(user=operator, organisation=organisation,
                              role=Membership.Role.OPERATOR)  # fmt: skip
    return {"service": service, "stops": stops, "car": car, "driver": driver,
            "operator": operator, "organisation": organisation}  # fmt: skip


def test_an_operator_books_by_phone_for_a_person_without_an_account(
    page: Page, context: BrowserContext, live_server, la_paz, blocked_requests
):
    log_in(context, live_server, la_paz["operator"])
    page.goto("/transport/tad/operate/phone/")
    # Find the person: nobody yet, so register her (no email: she has a landline).
    page.locator("#q").fill("Roux")
    page.locator("#q").press("Enter")
    page.locator("input[name=first_name]").fill("Yvette")
    page.locator("input[name=last_name]").fill("Roux")
    page.locator("input[name=phone]").fill("04 75 00 00 01")
    page.locator("form", has=page.locator("input[name=first_name]")).locator(
        "button[type=submit]"
    ).click()
    expect(page.locator("h2", has_text="Yvette Roux")).to_be_visible()

    # From: a point picked on the map (inside the zone); to: a stop.
    expect(page.locator("#picker")).to_be_visible()
    page.locator("#picker-map").click(position={"x": 160, "y": 160})
    expect(page.locator("#id_origin_lat")).not_to_have_value("")
    expect(page.locator("#picker-status")).not_to_have_text("")
    page.locator("#id_destination_stop").select_option(str(la_paz["stops"]["vassieux"].pk))
    day = timezone.localdate() + timedelta(days=3)
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_time").fill("10:00")
    page.locator("button[value=preview]").click()

    proposal = page.locator(".card[role=status]")
    expect(proposal).to_be_visible()
    expect(proposal).to_contain_text("10:")
    assert not Booking.objects.exists()  # nothing booked before the confirmation
    page.locator("button[value=confirm]").click()

    confirmation = page.locator("#confirmation")
    expect(confirmation).to_contain_text("Vassieux – Centre")
    expect(confirmation).to_contain_text("04 75 48 00 00")
    assert len(confirmation.inner_text()) < 320  # one SMS
    booking = Booking.objects.get()
    assert booking.beneficiary.last_name == "Roux"
    assert booking.origin_stop is None
    assert booking.status == Booking.Status.CONFIRMED
    # Only map tiles were stopped at the door.
    tile_host = settings.MAP_TILE_URL.split("/")[2].replace("{s}.", "")
    assert all(tile_host in url for url in blocked_requests), blocked_requests


@pytest.fixture
def todays_run(la_paz):
    """A run today with one passenger, planned in the database as the engine would."""
    service, car, driver = la_paz["service"], la_paz["car"], la_paz["driver"]
    today = timezone.localdate()
    day = ServiceDay.objects.create(service=service, date=today)
    start = dispatch.local_instant(today, time(7))
    run = Run.objects.create(day=day, vehicle=car, driver=driver, status=Run.Status.ACCEPTED,
                             shift_start=start, shift_end=start + timedelta(hours=12))  # fmt: skip
    person = Beneficiary.objects.create(organisation=la_paz["organisation"], first_name="Jeanne",
                                        last_name="Martin", phone="06 12 34 56 78")  # fmt: skip
    chapelle, vassieux = la_paz["stops"]["chapelle"], la_paz["stops"]["vassieux"]
    pickup = start + timedelta(hours=3)
    booking = Booking.objects.create(
        service=service, beneficiary=person, date=today, origin_stop=chapelle,
        origin_label=chapelle.place.name, origin_lat=chapelle.place.latitude,
        origin_lon=chapelle.place.longitude, destination_stop=vassieux,
        destination_label=vassieux.place.name, destination_lat=vassieux.place.latitude,
        destination_lon=vassieux.place.longitude, time_kind="leave_at", requested_time=pickup,
        run=run, window_start=pickup, window_end=pickup + timedelta(minutes=20),
        planned_pickup=pickup, planned_dropoff=pickup + timedelta(minutes=15),
    )  # fmt: skip
    RunStop.objects.create(run=run, booking=booking, kind="pickup", sequence=1,
                           planned_time=pickup)  # fmt: skip
    RunStop.objects.create(run=run, booking=booking, kind="dropoff", sequence=2,
                           planned_time=pickup + timedelta(minutes=15))  # fmt: skip
    return run, booking


def test_a_driver_marks_picked_up_then_dropped_off_on_a_phone(
    mobile_page: Page, live_server, la_paz, todays_run
):
    run, booking = todays_run
    log_in(mobile_page.context, live_server, la_paz["driver"].user)
    mobile_page.goto(f"/transport/driver/runs/{run.pk}/")
    width = mobile_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on the phone
    expect(mobile_page.locator("a[href='tel:06 12 34 56 78']").first).to_be_visible()

    mobile_page.locator("button[value=picked_up]").click()
    expect(mobile_page.locator("button[value=dropped_off]")).to_be_visible()
    expect(mobile_page.locator("button[value=picked_up]")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.PICKED_UP

    mobile_page.locator("button[value=dropped_off]").click()
    expect(mobile_page.locator("button[value=dropped_off]")).to_have_count(0)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.COMPLETED
    run.refresh_from_db()
    assert run.status == Run.Status.DONE
