"""The car-sharing API: the same rules and messages as the service, with HTTP statuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from smartvillage.accounts.models import ApiToken
from smartvillage.carsharing.models import Booking, CarshareMember
from smartvillage.carsharing.services import booking as service

from .conftest import NOW

BASE = "/api/v1/carsharing"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def token(driver) -> str:
    _token, key = ApiToken.issue(driver)
    return key


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post_booking(
    client, zoe, key=None, start="2026-03-03T09:00:00+01:00", end="2026-03-03T12:00:00+01:00"
):
    return client.post(
        f"{BASE}/bookings",
        {"vehicle": zoe.pk, "start": start, "end": end},
        content_type="application/json",
        **(auth(key) if key else {}),
    )


def test_it_lists_vehicles_with_availability_and_price(client, zoe, driver):
    service.book(driver, zoe, NOW + timedelta(hours=2), NOW + timedelta(hours=4), now=NOW)
    response = client.get(
        f"{BASE}/vehicles", {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"}
    )
    assert response.status_code == 200
    [vehicle] = response.json()
    assert vehicle["available"] is True
    assert vehicle["estimated_price"] == "6.00"
    taken = client.get(f"{BASE}/vehicles", {"start": "2026-03-02T10:00", "end": "2026-03-02T12:00"})
    assert taken.json()[0]["available"] is False
    assert taken.json()[0]["reason"]


def test_the_vehicle_list_rejects_a_reversed_slot(client, zoe):
    response = client.get(
        f"{BASE}/vehicles", {"start": "2026-03-03T12:00", "end": "2026-03-03T09:00"}
    )
    assert response.status_code == 422
    assert "end" in response.json()["errors"]


def test_it_books_with_a_token(client, zoe, token):
    response = post_booking(client, zoe, token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "confirmed"
    assert body["estimated_price"] == "6.00"
    assert Booking.objects.get().member.user.email == "dora@example.org"


def test_it_books_with_the_session(client, zoe, driver):
    client.force_login(driver)
    assert post_booking(client, zoe).status_code == 201


def test_it_requires_authentication(client, zoe):
    assert post_booking(client, zoe).status_code == 401
    assert not Booking.objects.exists()


def test_it_returns_field_errors_as_422(client, zoe, token):
    response = post_booking(client, zoe, token, start="2026-03-03T09:00", end="2026-03-03T09:20")
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"end": [str(service.ERRORS["too_short"]) % {"limit": "1 h"}]}
    }


def test_it_rejects_a_double_booking_with_422(client, zoe, token):
    assert post_booking(client, zoe, token).status_code == 201
    response = post_booking(client, zoe, token)
    assert response.status_code == 422
    assert response.json()["errors"]["vehicle"] == [str(service.ERRORS["slot_taken"])]


def test_a_member_under_review_gets_403(client, zoe, applicant):
    _t, key = ApiToken.issue(applicant)
    response = post_booking(client, zoe, key)
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"] == [str(service.ERRORS["under_review"])]


def test_an_unknown_vehicle_is_404(client, zoe, token):
    zoe.pk = 999999
    assert post_booking(client, zoe, token).status_code == 404


def test_it_cancels_a_booking(client, zoe, token):
    # 2 March 14:00-17:00, cancelled at 9:00 the same day: late, 50 % of €6.00.
    late = post_booking(client, zoe, token, "2026-03-02T14:00", "2026-03-02T17:00").json()["id"]
    response = client.post(f"{BASE}/bookings/{late}/cancel", **auth(token))
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancellation_fee"] == "3.00"
    early = post_booking(client, zoe, token, "2026-03-04T14:00", "2026-03-04T17:00").json()["id"]
    response = client.post(f"{BASE}/bookings/{early}/cancel", **auth(token))
    assert response.json()["cancellation_fee"] == "0.00"


def test_it_changes_a_booking(client, zoe, token):
    booking_id = post_booking(client, zoe, token).json()["id"]
    response = client.patch(
        f"{BASE}/bookings/{booking_id}",
        {"start": "2026-03-03T10:00", "end": "2026-03-03T11:00"},
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200, response.content
    assert response.json()["estimated_price"] == "2.00"


def test_another_persons_booking_is_404(client, zoe, token, make_user, fleet):
    booking_id = post_booking(client, zoe, token).json()["id"]
    other = make_user("eve@example.org")
    CarshareMember.objects.create(
        user=other,
        organisation=fleet.organisation,
        licence_number="x",
        status=CarshareMember.Status.APPROVED,
    )
    _t, key = ApiToken.issue(other)
    assert client.get(f"{BASE}/bookings/{booking_id}", **auth(key)).status_code == 404
    assert client.post(f"{BASE}/bookings/{booking_id}/cancel", **auth(key)).status_code == 404
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_it_lists_only_my_bookings(client, zoe, token, driver):
    post_booking(client, zoe, token)
    response = client.get(f"{BASE}/bookings", **auth(token))
    assert [b["vehicle"] for b in response.json()] == [zoe.pk]
