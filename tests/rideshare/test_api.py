"""The rideshare API: stops, card check, search, hitch, rides, statistics."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvillage.rideshare.services import members


def test_stops_and_statistics_are_public(client, stops):
    assert len(client.get("/api/v1/rideshare/stops.geojson").json()["features"]) == 3
    assert client.get("/api/v1/rideshare/statistics").json()["rides"] == 0


def test_the_card_check(client, passenger):
    assert client.get(f"/api/v1/rideshare/cards/{members.card_token(passenger)}").json()["valid"]
    assert not client.get("/api/v1/rideshare/cards/forged").json()["valid"]


def test_search_finds_the_trip(client, passenger, trip):
    client.force_login(passenger.user)
    when = (timezone.now() + timedelta(minutes=15)).isoformat()
    response = client.post(
        "/api/v1/rideshare/search",
        {
            "origin_lat": 45.0233,
            "origin_lon": 5.4439,
            "destination_lat": 45.0708,
            "destination_lon": 5.556,
            "time": when,
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [o["trip"] for o in response.json()] == [trip.pk]


def test_search_needs_a_member(client, outsider):
    client.force_login(outsider)
    response = client.post("/api/v1/rideshare/search", {}, content_type="application/json")
    assert response.status_code in {403, 422}


def test_search_anonymous_is_401(client):
    assert (
        client.post("/api/v1/rideshare/search", {}, content_type="application/json").status_code
        == 401
    )


def test_hitch_errors_are_422_and_unknown_stops_404(client, passenger, stops):
    client.force_login(passenger.user)
    same = stops["martin"].pk
    response = client.post(
        "/api/v1/rideshare/hitch",
        {"stop": same, "destination": same},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "destination" in response.json()["errors"]
    response = client.post(
        "/api/v1/rideshare/hitch",
        {"stop": 999, "destination": same},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.post(
        "/api/v1/rideshare/hitch",
        {"stop": same, "destination": stops["villard"].pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.get("/api/v1/rideshare/rides").json() == []
