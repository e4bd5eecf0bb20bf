"""The third-places API: open directory, availability, bookings and registrations."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from smartvillage.accounts.models import ApiToken
from smartvillage.thirdplaces.models import Booking, Event, Registration
from smartvillage.thirdplaces.services import booking as service

from .conftest import NOW, paris

BASE = "/api/v1/thirdplaces"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def key(coworker) -> str:
    _token, secret = ApiToken.issue(coworker)
    return secret


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, path, data, key=None):
    headers = auth(key) if key else {}
    return client.post(f"{BASE}{path}", data, content_type="application/json", **headers)


def test_places_are_open_data_with_filters(client, colo):
    rows = client.get(f"{BASE}/places", {"service": "fablab"}).json()
    assert [(r["slug"], r["insee_code"]) for r in rows] == [("la-jolie-colo", "38225")]
    assert client.get(f"{BASE}/places", {"service": "cafe"}).json() == []
    bad = client.get(f"{BASE}/places", {"service": "spa"})
    assert bad.status_code == 422
    assert "service" in bad.json()["errors"]
    geo = client.get(f"{BASE}/places.geojson").json()
    assert geo["features"][0]["geometry"]["coordinates"] == [5.539, 45.17]


def test_availability_counts_free_desks_per_period(client, desks, room, coworker):
    service.book_desk(coworker, desks, date(2026, 3, 3), "morning", quantity=2, now=NOW)
    data = client.get(f"{BASE}/places/la-jolie-colo/availability", {"day": "2026-03-03"}).json()
    desk_row = next(s for s in data["spaces"] if s["kind"] == "desks")
    free = {p["period"]: p["free"] for p in desk_row["periods"]}
    assert free == {"morning": 1, "afternoon": 3, "day": 1}
    service.book_hours(coworker, room, paris(2026, 3, 3, 14), paris(2026, 3, 3, 16), now=NOW)
    data = client.get(f"{BASE}/places/la-jolie-colo/availability", {"day": "2026-03-03"}).json()
    room_row = next(s for s in data["spaces"] if s["kind"] == "room")
    free = {p["period"]: p["free"] for p in room_row["periods"]}
    assert free == {"morning": 1, "afternoon": 0, "day": 0}
    sunday = client.get(f"{BASE}/places/la-jolie-colo/availability", {"day": "2026-03-08"}).json()
    assert sunday["spaces"][0]["periods"] == []
    easter = client.get(f"{BASE}/places/la-jolie-colo/availability", {"day": "2026-04-06"}).json()
    assert easter["closed"]


def test_a_member_books_and_cancels_through_the_api(client, desks, key):
    response = post(
        client, "/bookings", {"space": desks.pk, "day": "2026-03-03", "period": "day"}, key
    )
    assert response.status_code == 201
    booking = response.json()
    assert booking["price"] == "14.00"
    assert client.get(f"{BASE}/bookings", **auth(key)).json()[0]["id"] == booking["id"]
    cancelled = post(client, f"/bookings/{booking['id']}/cancel", {}, key)
    assert cancelled.json()["status"] == "cancelled"


def test_booking_errors_are_422_with_field_messages(client, desks, room, key):
    closed = post(
        client, "/bookings", {"space": desks.pk, "day": "2026-03-08", "period": "day"}, key
    )
    assert closed.status_code == 422
    assert list(closed.json()["errors"]) == ["day"]
    missing = post(client, "/bookings", {"space": room.pk}, key)
    assert missing.status_code == 422
    assert list(missing.json()["errors"]) == ["start"]
    no_period = post(client, "/bookings", {"space": desks.pk, "day": "2026-03-03"}, key)
    assert no_period.status_code == 422
    assert list(no_period.json()["errors"]) == ["period"]
    hours_period = post(
        client, "/bookings", {"space": desks.pk, "day": "2026-03-03", "period": "hours"}, key
    )
    assert list(hours_period.json()["errors"]) == ["period"]
    assert Booking.objects.count() == 0


def test_members_only_places_answer_403(client, colo, desks, key):
    colo.members_only = True
    colo.save()
    response = post(
        client, "/bookings", {"space": desks.pk, "day": "2026-03-03", "period": "day"}, key
    )
    assert response.status_code == 403


def test_bookings_need_authentication_and_others_are_404(client, desks, key, make_user):
    assert post(client, "/bookings", {"space": desks.pk}).status_code == 401
    other = service.book_desk(make_user("o@example.org"), desks, date(2026, 3, 3), "day", now=NOW)
    assert post(client, f"/bookings/{other.pk}/cancel", {}, key).status_code == 404
    assert (
        post(
            client, "/bookings", {"space": 999, "day": "2026-03-03", "period": "day"}, key
        ).status_code
        == 404
    )


def test_events_and_registration(client, colo, key):
    event = Event.objects.create(
        third_place=colo, title="Atelier", starts_at=paris(2026, 3, 10, 14),
        ends_at=paris(2026, 3, 10, 16), capacity=1,
    )  # fmt: skip
    assert client.get(f"{BASE}/events").json()[0]["places_left"] == 1
    assert post(client, f"/events/{event.pk}/register", {}, key).status_code == 201
    assert Registration.objects.count() == 1
    again = post(client, f"/events/{event.pk}/register", {}, key)
    assert again.status_code == 422


def test_a_member_moves_a_booking_through_the_api(client, desks, room, key, coworker):
    booking = service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
    response = client.patch(
        f"{BASE}/bookings/{booking.pk}", {"day": "2026-03-04", "period": "morning"},
        content_type="application/json", **auth(key),
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["start"].startswith("2026-03-04T09:00")
    closed = client.patch(
        f"{BASE}/bookings/{booking.pk}", {"day": "2026-03-08"},
        content_type="application/json", **auth(key),
    )  # fmt: skip
    assert closed.status_code == 422
    booking.refresh_from_db()
    assert booking.starts_at == paris(2026, 3, 4, 9)
