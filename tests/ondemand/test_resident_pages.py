from __future__ import annotations

import pytest
import time_machine

from smartvillage.ondemand.models import Beneficiary, Booking, RecurringBooking

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _form(stops, **extra):
    return {
        "origin_stop": stops["vassieux"].pk,
        "destination_stop": stops["market"].pk,
        "date": "2026-03-04",
        "time_kind": "leave_at",
        "time": "10:00",
        "passengers": 1,
        **extra,
    }


def test_index_and_service_pages_are_public(client, service, stops):
    assert client.get("/transport/").status_code == 200
    page = client.get("/transport/tad-la-paz/")
    assert page.status_code == 200
    assert "Marché de La Chapelle" in page.content.decode()


def test_an_inactive_service_is_404(client, service):
    service.is_active = False
    service.save()
    assert client.get("/transport/tad-la-paz/").status_code == 404


def test_booking_needs_login(client, service):
    response = client.get("/transport/tad-la-paz/book/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_showing_the_booking_page_writes_nothing(client, member_user, service, stops):
    client.force_login(member_user)
    assert client.get("/transport/tad-la-paz/book/").status_code == 200
    assert client.get("/transport/tad-la-paz/recurring/").status_code == 200
    assert not Beneficiary.objects.exists()


def test_preview_shows_the_window_without_booking(client, member_user, service, stops, driver):
    client.force_login(member_user)
    page = client.post("/transport/tad-la-paz/book/", _form(stops, action="preview"))
    assert page.status_code == 200
    assert page.context["quote"] is not None
    assert 'value="confirm"' in page.content.decode()
    assert not Booking.objects.exists()


def test_confirm_books_and_lists_the_trip(client, member_user, service, stops, driver):
    client.force_login(member_user)
    response = client.post("/transport/tad-la-paz/book/", _form(stops, action="confirm"))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.beneficiary.user == member_user
    trips = client.get("/transport/my-trips/")
    assert booking.origin_label in trips.content.decode()


def test_bad_input_gets_field_errors(client, member_user, service, stops, driver):
    client.force_login(member_user)
    page = client.post("/transport/tad-la-paz/book/", _form(stops, date="2026-03-03", time="20:00",
                       action="confirm"))  # fmt: skip
    assert page.status_code == 200
    assert "time" in page.context["form"].errors
    assert not Booking.objects.exists()


def test_missing_places_are_field_errors(client, member_user, service, stops, driver):
    client.force_login(member_user)
    page = client.post(
        "/transport/tad-la-paz/book/", _form(stops, origin_stop="", action="preview")
    )
    assert "origin_stop" in page.context["form"].errors


def test_cancel_own_trip_only(client, member_user, outsider, service, stops, driver):
    client.force_login(member_user)
    client.post("/transport/tad-la-paz/book/", _form(stops, action="confirm"))
    booking = Booking.objects.get()
    client.force_login(outsider)
    assert client.post(f"/transport/my-trips/{booking.pk}/cancel/").status_code == 404
    client.force_login(member_user)
    assert client.get(f"/transport/my-trips/{booking.pk}/cancel/").status_code == 405
    client.post(f"/transport/my-trips/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_recurring_trip_books_the_coming_weeks(client, member_user, service, stops, driver):
    client.force_login(member_user)
    response = client.post(
        "/transport/tad-la-paz/recurring/",
        {"weekdays": ["2"], "origin_stop": stops["vassieux"].pk,
         "destination_stop": stops["market"].pk, "time_kind": "arrive_by", "time": "09:30",
         "passengers": 1, "start_date": "2026-03-02"},
    )  # fmt: skip
    assert response.status_code == 302
    recurring = RecurringBooking.objects.get()
    dates = sorted(recurring.bookings.values_list("date", flat=True))
    # Tuesdays from the 48 h notice to the 30-day horizon: 10, 17, 24, 31 March.
    assert [d.day for d in dates] == [10, 17, 24, 31]
    assert all(d.isoweekday() == 2 for d in dates)


def test_recurring_rejects_a_day_without_service(client, member_user, service, stops):
    client.force_login(member_user)
    page = client.post(
        "/transport/tad-la-paz/recurring/",
        {"weekdays": ["7"], "origin_stop": stops["vassieux"].pk,
         "destination_stop": stops["market"].pk, "time_kind": "leave_at", "time": "09:30",
         "passengers": 1, "start_date": "2026-03-02"},
    )  # fmt: skip
    assert "weekdays" in page.context["form"].errors
    assert not RecurringBooking.objects.exists()


def test_gtfs_flex_feed_is_public(client, service, stops):
    response = client.get("/transport/tad-la-paz/gtfs-flex.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
