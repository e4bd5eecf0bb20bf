"""Public pages: home, stops map and list, destination cards, statistics."""

from __future__ import annotations

import json
from decimal import Decimal

from django.urls import reverse

from smartvillage.core import emissions
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


class _Table:
    """A versioned emission-factor table (core/emissions.py) with its own thermal car."""

    def factors(self):
        car = emissions.Factor("car_thermal", Decimal("0.2"), "vehicle-km", "test", "v-test")
        return {"car_thermal": car}


def test_home_and_statistics_use_the_current_factor_version(client, db):
    assert client.get(reverse("rideshare:home")).status_code == 200
    with emissions.registry.only(test__table=_Table()):
        response = client.get(reverse("rideshare:statistics"))
    assert response.context["stats"]["co2_factor_kg_per_km"] == 0.2
    assert b"v-test" in response.content
