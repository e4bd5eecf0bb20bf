"""Public pages: home, stops map and list, destination cards, statistics."""

from __future__ import annotations

import json

from django.urls import reverse

from smartvillage.rideshare.models import Stop


def test_the_stops_page_lists_the_stops(client, stops):
    response = client.get(reverse("rideshare:stops"))
    assert response.status_code == 200
    assert b"Saint-Martin" in response.content
    assert b"map-config" in response.content


def test_the_stops_geojson(client, stops):
    Stop.objects.filter(pk=stops["villard"].pk).update(is_active=False)
    data = json.loads(client.get(reverse("rideshare:stops_geojson")).content)
    names = {f["properties"]["name"] for f in data["features"]}
    assert names == {"La Chapelle – Centre", "Saint-Martin – Place"}
    assert data["features"][0]["geometry"]["type"] == "Point"


def test_destination_cards_print_each_direction(client, stops):
    response = client.get(reverse("rideshare:stop_cards", args=[stops["chapelle"].pk]))
    assert response.content.count(b'destination-card"') == 2


def test_public_pages_are_get_only(client, stops):
    assert client.post(reverse("rideshare:stops")).status_code == 405
    assert client.post(reverse("rideshare:home")).status_code == 405


def test_home_and_statistics(client, db, settings):
    settings.RIDESHARE_CO2_KG_PER_KM = 0.2
    assert client.get(reverse("rideshare:home")).status_code == 200
    response = client.get(reverse("rideshare:statistics"))
    assert response.context["stats"]["co2_factor_kg_per_km"] == 0.2
