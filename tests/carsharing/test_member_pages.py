"""Member pages: find a car, book, my bookings, cancel, change, keys when the booking starts."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from icalendar import Calendar

from smartvillage.carsharing.models import Booking, CarshareMember, Trip
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import CalendarFeed

from .conftest import NOW, paris


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def test_find_lists_cars_with_availability_and_price(client, zoe):
    response = client.get("/carsharing/", {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"})
    assert response.status_code == 200
    assert "Zoé de La Chapelle" in response.content.decode()
    [row] = response.context["rows"]
    assert row["available"]
    assert str(row["estimated_price"]) == "6.00"


def test_find_shows_a_field_error_for_a_reversed_slot(client, zoe):
    response = client.get("/carsharing/", {"start": "2026-03-03T12:00", "end": "2026-03-03T09:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["end"]


def test_find_shows_a_field_error_for_a_time_that_does_not_exist(client, zoe):
    # 29 March 2026, 02:30 does not exist in Paris (the clocks jump from 02:00 to 03:00).
    response = client.get("/carsharing/", {"start": "2026-03-29T02:30", "end": "2026-03-29T09:00"})
    assert response.status_code == 200
    assert response.context["form"].errors["start"]


def test_booking_requires_login(client, zoe):
    response = client.post(
        f"/carsharing/vehicles/{zoe.pk}/book/",
        {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"},
    )
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Booking.objects.exists()


def test_it_books_and_redirects_to_the_booking(client, zoe, driver):
    client.force_login(driver)
    response = client.post(
        f"/carsharing/vehicles/{zoe.pk}/book/",
        {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"},
    )
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/carsharing/bookings/{booking.pk}/"
    assert booking.starts_at == paris(2026, 3, 3, 9)


def test_booking_errors_are_shown_on_the_fields(client, zoe, driver):
    client.force_login(driver)
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    response = client.post(
        f"/carsharing/vehicles/{zoe.pk}/book/",
        {"start": "2026-03-03T10:00", "end": "2026-03-03T10:20"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["end"] == [str(service.ERRORS["too_short"]) % {"limit": "1 h"}]
    response = client.post(
        f"/carsharing/vehicles/{zoe.pk}/book/",
        {"start": "2026-03-03T10:00", "end": "2026-03-03T11:00"},
    )
    assert response.context["form"].non_field_errors() == [str(service.ERRORS["slot_taken"])]


def test_a_member_under_review_sees_why_they_cannot_book(client, zoe, applicant):
    client.force_login(applicant)
    response = client.post(
        f"/carsharing/vehicles/{zoe.pk}/book/",
        {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"},
    )
    assert response.status_code == 200
    assert str(service.ERRORS["under_review"]) in response.context["form"].non_field_errors()


def test_an_unknown_vehicle_is_404(client, driver):
    client.force_login(driver)
    assert client.get("/carsharing/vehicles/999/book/").status_code == 404


def test_my_bookings_lists_mine_only(client, zoe, driver, fleet, make_user):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    other = make_user("eve@example.org")
    client.force_login(other)
    assert list(client.get("/carsharing/bookings/").context["upcoming"]) == []
    client.force_login(driver)
    response = client.get("/carsharing/bookings/")
    assert len(response.context["upcoming"]) == 1


def test_my_bookings_makes_the_calendar_address_only_on_post(client, driver):
    client.force_login(driver)
    response = client.get("/carsharing/bookings/")
    assert response.context["feed_url"] == ""
    assert not CalendarFeed.objects.exists()  # a GET writes nothing
    assert client.get("/carsharing/calendar-feed/").status_code == 405
    client.post("/carsharing/calendar-feed/")
    key = CalendarFeed.objects.get(user=driver, service="carsharing").key
    assert f"bookings.ics?token={key}" in client.get("/carsharing/bookings/").context["feed_url"]
    client.post("/carsharing/calendar-feed/")  # asking again keeps the address
    assert CalendarFeed.objects.get(user=driver).key == key


def test_replacing_the_calendar_address_invalidates_the_old_one(client, zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    old = CalendarFeed.for_user(driver, "carsharing").key
    assert client.get("/carsharing/bookings.ics", {"token": old}).status_code == 200
    client.force_login(driver)
    response = client.post("/carsharing/calendar-feed/", {"action": "reset"})
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=driver, service="carsharing").key
    assert new != old
    client.logout()
    assert client.get("/carsharing/bookings.ics", {"token": old}).status_code == 404
    assert client.get("/carsharing/bookings.ics", {"token": new}).status_code == 200


def test_cancel_is_post_only_and_cancels(client, zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 4, 9), paris(2026, 3, 4, 12), now=NOW)
    client.force_login(driver)
    assert client.get(f"/carsharing/bookings/{booking.pk}/cancel/").status_code == 405
    response = client.post(f"/carsharing/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_another_persons_booking_is_404(client, zoe, driver, make_user):
    booking = service.book(driver, zoe, paris(2026, 3, 4, 9), paris(2026, 3, 4, 12), now=NOW)
    client.force_login(make_user("eve@example.org"))
    assert client.get(f"/carsharing/bookings/{booking.pk}/").status_code == 404
    assert client.post(f"/carsharing/bookings/{booking.pk}/cancel/").status_code == 404
    assert client.post(f"/carsharing/bookings/{booking.pk}/change/", {}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_change_moves_the_booking(client, zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 4, 9), paris(2026, 3, 4, 12), now=NOW)
    client.force_login(driver)
    response = client.post(
        f"/carsharing/bookings/{booking.pk}/change/",
        {"start": "2026-03-04T10:00", "end": "2026-03-04T11:00"},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.ends_at == paris(2026, 3, 4, 11)


def test_key_instructions_appear_only_once_the_booking_has_started(client, zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 2, 10), paris(2026, 3, 2, 12), now=NOW)
    client.force_login(driver)
    before = client.get(f"/carsharing/bookings/{booking.pk}/").content.decode()
    assert "Key box 1234" not in before
    assert "4821" not in before
    with time_machine.travel(paris(2026, 3, 2, 10), tick=False):
        during = client.get(f"/carsharing/bookings/{booking.pk}/").content.decode()
    assert "Key box 1234" in during
    assert "4821" in during
    with time_machine.travel(paris(2026, 3, 2, 12), tick=False):
        after = client.get(f"/carsharing/bookings/{booking.pk}/").content.decode()
    assert "Key box 1234" not in after


def test_check_out_then_check_in_through_the_pages(client, zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 2, 10), paris(2026, 3, 2, 12), now=NOW)
    client.force_login(driver)
    with time_machine.travel(paris(2026, 3, 2, 10), tick=False):
        client.post(
            f"/carsharing/bookings/{booking.pk}/check-out/", {"odometer": 1000, "battery": 90}
        )
    with time_machine.travel(paris(2026, 3, 2, 11, 45), tick=False):
        client.post(
            f"/carsharing/bookings/{booking.pk}/check-in/",
            {"odometer": 1040, "battery": 50, "cleanliness": "clean"},
        )
    trip = Trip.objects.get()
    assert str(trip.total_price) == "12.00"  # 2 h × €2 + 40 km × €0.20


def test_join_asks_for_review(client, fleet, make_user):
    user = make_user("new@example.org")
    client.force_login(user)
    response = client.post(
        f"/carsharing/join/{fleet.organisation.slug}/",
        {"licence_number": "AB123", "licence_expiry": "2030-01-01"},
    )
    assert response.status_code == 302
    assert user.carshare_memberships.get().status == "under_review"


def test_the_ical_feed_lists_my_bookings_by_secret_token(client, zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    key = CalendarFeed.for_user(driver, "carsharing").key
    response = client.get("/carsharing/bookings.ics", {"token": key})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert "Zoé de La Chapelle" in body
    assert "DTSTART:20260303T080000Z" in body or "DTSTART;TZID=" in body
    assert "1234" not in body  # never the key box code
    assert client.get("/carsharing/bookings.ics", {"token": "wrong"}).status_code == 404
    assert client.get("/carsharing/bookings.ics").status_code == 404


def test_the_ical_feed_lists_only_its_owners_bookings(client, zoe, driver, fleet, make_user):
    other = make_user("olga@example.org")
    CarshareMember.objects.create(
        user=other, organisation=fleet.organisation, status=CarshareMember.Status.APPROVED
    )
    mine = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    service.book(other, zoe, paris(2026, 3, 3, 14), paris(2026, 3, 3, 16), now=NOW)
    response = client.get(
        "/carsharing/bookings.ics", {"token": CalendarFeed.for_user(driver, "carsharing").key}
    )
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]).startswith(f"carsharing-booking-{mine.pk}@")


def test_the_ical_feed_parses_back(client, zoe, driver):
    from icalendar import Calendar

    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    client.force_login(driver)
    cal = Calendar.from_ical(client.get("/carsharing/bookings.ics").content)
    [event] = cal.walk("VEVENT")
    assert event.decoded("dtstart") == paris(2026, 3, 3, 9)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=3)
