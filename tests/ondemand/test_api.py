from __future__ import annotations

import pytest
import time_machine

from smartvillage.ondemand.models import Booking

from .conftest import NOW, WEDNESDAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _trip(stops, **extra):
    return {
        "origin": {"stop": stops["vassieux"].pk},
        "destination": {"stop": stops["market"].pk},
        "time": WEDNESDAY.isoformat(),
        **extra,
    }


def test_services_are_public(client, service, stops):
    response = client.get("/api/v1/ondemand/services")
    assert response.status_code == 200
    (row,) = response.json()
    assert row["slug"] == "tad-la-paz"
    assert row["communes"] == ["26074", "26364"]
    assert {s["name"] for s in row["stops"]} == {s.place.name for s in stops.values()}


def test_quote_needs_login(client, service, stops):
    response = client.post("/api/v1/ondemand/services/tad-la-paz/quote", _trip(stops),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 401


def test_a_resident_quotes_books_and_cancels(client, member_user, service, stops, driver):
    client.force_login(member_user)
    url = "/api/v1/ondemand/services/tad-la-paz"
    quote = client.post(f"{url}/quote", _trip(stops), content_type="application/json")
    assert quote.status_code == 200, quote.json()
    assert not Booking.objects.exists()
    created = client.post(f"{url}/bookings", _trip(stops), content_type="application/json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "confirmed"
    assert body["window_start"]
    booking = Booking.objects.get()
    assert booking.beneficiary.user == member_user
    assert client.get("/api/v1/ondemand/bookings").json()[0]["id"] == booking.pk
    cancelled = client.post(f"/api/v1/ondemand/bookings/{booking.pk}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"


def test_it_answers_field_errors(client, member_user, service, stops, driver):
    client.force_login(member_user)
    response = client.post(
        "/api/v1/ondemand/services/tad-la-paz/bookings",
        _trip(stops, time="2026-03-02T20:00:00", destination={"label": "Grenoble",
              "latitude": 45.19, "longitude": 5.72}),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"time", "destination"}


def test_it_rejects_an_unknown_stop(client, member_user, service, stops, driver):
    client.force_login(member_user)
    response = client.post("/api/v1/ondemand/services/tad-la-paz/bookings",
                           _trip(stops, origin={"stop": 99999}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert "origin" in response.json()["errors"]


def test_only_operators_book_for_someone_else(
    client, member_user, operator_user, beneficiary, service, stops, driver
):
    url = "/api/v1/ondemand/services/tad-la-paz/bookings"
    client.force_login(member_user)
    denied = client.post(
        url, _trip(stops, beneficiary=beneficiary.pk), content_type="application/json"
    )
    assert denied.status_code == 403
    client.force_login(operator_user)
    ok = client.post(url, _trip(stops, beneficiary=beneficiary.pk), content_type="application/json")
    assert ok.status_code == 201
    assert Booking.objects.get().beneficiary == beneficiary


def test_unservable_trips_come_with_alternatives(client, member_user, service, stops, driver):
    client.force_login(member_user)
    url = "/api/v1/ondemand/services/tad-la-paz/bookings"
    assert (
        client.post(url, _trip(stops, passengers=3), content_type="application/json").status_code
        == 201
    )
    response = client.post(url, _trip(stops, passengers=2), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["alternatives"]


def test_another_persons_booking_is_404(client, member_user, outsider, service, stops, driver):
    client.force_login(member_user)
    client.post("/api/v1/ondemand/services/tad-la-paz/bookings", _trip(stops),
                content_type="application/json")  # fmt: skip
    booking = Booking.objects.get()
    client.force_login(outsider)
    assert client.get(f"/api/v1/ondemand/bookings/{booking.pk}").status_code == 404
    assert client.post(f"/api/v1/ondemand/bookings/{booking.pk}/cancel").status_code == 404
