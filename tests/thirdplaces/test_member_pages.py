"""Member pages: book, my bookings, change, cancel, passes, workplace, iCalendar feed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from smartvillage.core.models import CalendarFeed
from smartvillage.thirdplaces.models import Booking, MemberPass, Workplace
from smartvillage.thirdplaces.services import booking as service

from .conftest import NOW, paris

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_member_books_a_desk(client, desks, coworker):
    client.force_login(coworker)
    response = client.post(
        reverse("thirdplaces:book", args=[desks.pk]),
        {"day": "2026-03-03", "period": "morning", "quantity": 1},
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.user, booking.period, booking.price) == (coworker, "morning", Decimal("8.00"))


def test_the_booking_form_shows_the_service_error_on_its_field(client, desks, coworker):
    client.force_login(coworker)
    response = client.post(
        reverse("thirdplaces:book", args=[desks.pk]),
        {"day": "2026-03-08", "period": "day", "quantity": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["day"]
    assert Booking.objects.count() == 0


def test_a_member_books_a_room_by_the_hour(client, room, coworker):
    client.force_login(coworker)
    response = client.post(
        reverse("thirdplaces:book", args=[room.pk]),
        {"start": "2026-03-03T09:00", "end": "2026-03-03T11:00"},
    )
    assert response.status_code == 302
    assert Booking.objects.get().price == Decimal("40.00")


def test_booking_needs_a_login(client, desks):
    response = client.post(reverse("thirdplaces:book", args=[desks.pk]), {})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_booking_refuses_other_methods(client, desks, coworker):
    client.force_login(coworker)
    assert client.put(reverse("thirdplaces:book", args=[desks.pk])).status_code == 405


def test_my_bookings_lists_only_mine(client, desks, coworker, make_user):
    other = make_user("other@example.org")
    service.book_desk(other, desks, date(2026, 3, 3), "day", now=NOW)
    mine = service.book_desk(coworker, desks, date(2026, 3, 4), "day", now=NOW)
    client.force_login(coworker)
    response = client.get(reverse("thirdplaces:my_bookings"))
    assert list(response.context["upcoming"]) == [mine]


def test_a_member_changes_a_booking(client, desks, coworker):
    booking = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    client.force_login(coworker)
    response = client.post(
        reverse("thirdplaces:change", args=[booking.pk]),
        {"day": "2026-03-05", "period": "afternoon", "quantity": 1},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.starts_at == paris(2026, 3, 5, 13)


def test_another_persons_booking_is_not_found(client, desks, coworker, outsider):
    booking = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    client.force_login(outsider)
    assert client.get(reverse("thirdplaces:change", args=[booking.pk])).status_code == 404
    assert client.post(reverse("thirdplaces:cancel", args=[booking.pk])).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_a_member_cancels_a_booking(client, desks, coworker):
    booking = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    client.force_login(coworker)
    assert client.get(reverse("thirdplaces:cancel", args=[booking.pk])).status_code == 405
    response = client.post(reverse("thirdplaces:cancel", args=[booking.pk]))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_member_takes_a_pass(client, card, coworker):
    client.force_login(coworker)
    response = client.post(reverse("thirdplaces:buy_pass", args=[card.pk]), {"first_day": ""})
    assert response.status_code == 302
    member_pass = MemberPass.objects.get()
    assert (member_pass.user, member_pass.valid_from, member_pass.visits_total) == (
        coworker, date(2026, 3, 2), 10,
    )  # fmt: skip


def test_a_pass_in_the_past_is_refused(client, card, coworker):
    client.force_login(coworker)
    client.post(reverse("thirdplaces:buy_pass", args=[card.pk]), {"first_day": "2026-01-01"})
    assert MemberPass.objects.count() == 0


def test_a_member_states_and_deletes_a_workplace(client, coworker, grenoble, autrans):
    client.force_login(coworker)
    response = client.post(
        reverse("thirdplaces:workplace"),
        {"label": "Bureaux", "commune": "38185", "home_commune": "38225"},
    )
    assert response.status_code == 302
    assert Workplace.objects.get(user=coworker).commune == grenoble
    bad = client.post(reverse("thirdplaces:workplace"), {"label": "X", "commune": "99999"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["commune"]
    client.post(reverse("thirdplaces:workplace_delete"))
    assert not Workplace.objects.filter(user=coworker).exists()


def test_the_calendar_feed_works_with_the_secret_token_only(client, desks, coworker):
    service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    key = CalendarFeed.for_user(coworker, "thirdplaces").key
    response = client.get(reverse("thirdplaces:ics"), {"token": key})
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == paris(2026, 3, 3, 9)
    assert client.get(reverse("thirdplaces:ics"), {"token": "wrong"}).status_code == 404
    assert client.get(reverse("thirdplaces:ics")).status_code == 404


def test_the_calendar_feed_lists_only_its_owners_bookings(client, desks, coworker, make_user):
    other = make_user("otto@example.org")
    mine = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    service.book_desk(other, desks, date(2026, 3, 4), "day", now=NOW)
    key = CalendarFeed.for_user(coworker, "thirdplaces").key
    response = client.get(reverse("thirdplaces:ics"), {"token": key})
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]).startswith(f"thirdplaces-booking-{mine.pk}@")


def test_my_bookings_makes_the_calendar_address_only_on_post(client, coworker):
    client.force_login(coworker)
    assert client.get(reverse("thirdplaces:my_bookings")).context["feed_url"] == ""
    assert not CalendarFeed.objects.exists()  # a GET writes nothing
    assert client.get(reverse("thirdplaces:calendar_feed")).status_code == 405
    client.post(reverse("thirdplaces:calendar_feed"))
    key = CalendarFeed.objects.get(user=coworker, service="thirdplaces").key
    feed_url = client.get(reverse("thirdplaces:my_bookings")).context["feed_url"]
    assert f"bookings.ics?token={key}" in feed_url
    client.post(reverse("thirdplaces:calendar_feed"))  # asking again keeps the address
    assert CalendarFeed.objects.get(user=coworker).key == key


def test_replacing_the_calendar_address_invalidates_the_old_one(client, coworker):
    old = CalendarFeed.for_user(coworker, "thirdplaces").key
    client.force_login(coworker)
    response = client.post(reverse("thirdplaces:calendar_feed"), {"action": "reset"})
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=coworker, service="thirdplaces").key
    assert new != old
    client.logout()
    assert client.get(reverse("thirdplaces:ics"), {"token": old}).status_code == 404
    assert client.get(reverse("thirdplaces:ics"), {"token": new}).status_code == 200


def test_the_calendar_address_needs_a_login(client, coworker):
    response = client.post(reverse("thirdplaces:calendar_feed"))
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()


def test_a_car_sharing_feed_key_does_not_open_the_third_places_feed(client, coworker):
    key = CalendarFeed.for_user(coworker, "carsharing").key
    assert client.get(reverse("thirdplaces:ics"), {"token": key}).status_code == 404


def test_the_place_page_shows_free_desks_today(client, desks, coworker):
    service.book_desk(coworker, desks, date(2026, 3, 2), "day", now=NOW)
    response = client.get(reverse("thirdplaces:place", args=["la-jolie-colo"]))
    assert response.context["spaces"][0][1] == 2
