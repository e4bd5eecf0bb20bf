"""The find page: nearest cars from a commune or place, a map, availability, no write, and a
number of queries that does not grow with the number of cars."""

from __future__ import annotations

import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smartvillage.carsharing.models import Fleet, Station, Vehicle
from smartvillage.carsharing.services import booking as service
from smartvillage.territory.models import Commune

from .conftest import NOW, paris

SLOT = {"start": "2026-03-03T09:00", "end": "2026-03-03T12:00"}


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def villard_car(zoe, plan):
    villard = Commune.objects.create(
        insee_code="38548", name="Villard-de-Lans", departement="38",
        latitude=45.06, longitude=5.55,
    )  # fmt: skip
    station = Station.objects.create(
        organisation=zoe.organisation, name="Les Bains", commune=villard,
        latitude=45.0705, longitude=5.5535,
    )  # fmt: skip
    return Vehicle.objects.create(
        organisation=zoe.organisation, station=station, name="e-208", make="Peugeot",
        model="e-208", pricing_plan=plan,
    )  # fmt: skip


def test_cars_are_sorted_by_distance_from_the_chosen_commune(client, zoe, villard_car):
    response = client.get("/carsharing/", {**SLOT, "near": "villard de lans"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r["vehicle"] for r in rows] == [villard_car, zoe]
    assert rows[0]["distance_km"] < rows[1]["distance_km"]
    response = client.get("/carsharing/", {**SLOT, "near": "La Chapelle-en-Vercors"})
    assert [r["vehicle"] for r in response.context["rows"]] == [zoe, villard_car]


def test_available_cars_come_before_nearer_taken_ones(client, zoe, villard_car, driver):
    service.book(driver, villard_car, paris(2026, 3, 3, 8), paris(2026, 3, 3, 13), now=NOW)
    response = client.get("/carsharing/", {**SLOT, "near": "Villard-de-Lans"})
    rows = response.context["rows"]
    assert [(r["vehicle"], r["available"]) for r in rows] == [(zoe, True), (villard_car, False)]
    assert rows[1]["reason"]  # why it is taken


def test_an_unknown_place_is_a_field_error(client, zoe):
    response = client.get("/carsharing/", {**SLOT, "near": "Atlantis"})
    assert response.status_code == 200
    assert response.context["form"].errors["near"]
    assert response.context["rows"] == []


def test_the_map_gets_the_stations_and_the_origin(client, zoe, villard_car):
    response = client.get("/carsharing/", {**SLOT, "near": "Villard"})
    config = response.context["map_config"]
    assert config["origin"]["name"] == "Villard-de-Lans"
    names = sorted(s["name"] for s in config["stations"])
    assert names == ["Les Bains", "Place de la mairie"]
    car = next(s for s in config["stations"] if s["name"] == "Les Bains")["vehicles"][0]
    assert car["available"]
    assert car["price"] == "6.00"
    assert car["bookUrl"].endswith("/book/?start=2026-03-03T09%3A00&end=2026-03-03T12%3A00")
    html = response.content.decode()
    assert 'id="carsharing-map-config"' in html
    assert "leaflet/leaflet.js" in html
    json.loads(html.split('id="carsharing-map-config" type="application/json">')[1].split("<")[0])


def test_the_logged_in_members_commune_is_the_default_origin(client, zoe, driver, commune):
    driver.commune = commune
    driver.save()
    client.force_login(driver)
    response = client.get("/carsharing/")
    assert response.context["origin"].name == commune.name


def test_find_writes_nothing(client, zoe, driver):
    Fleet.objects.all().delete()  # a fleet that has no row yet shows the default rules
    client.force_login(driver)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/carsharing/", SLOT)
    assert response.status_code == 200
    assert response.context["rows"][0]["available"]
    writes = [
        q["sql"] for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]  # fmt: skip
    assert writes == []
    assert not Fleet.objects.exists()


def _count_availability_queries(n_extra: int, zoe, plan) -> int:
    for i in range(n_extra):
        Vehicle.objects.create(
            organisation=zoe.organisation, station=zoe.station, name=f"Car {i}", make="R",
            model="Z", pricing_plan=plan,
        )  # fmt: skip
    vehicles = Vehicle.objects.bookable().select_related("station__commune", "organisation")
    with CaptureQueriesContext(connection) as queries:
        rows = service.availability(vehicles, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12))
    assert len(rows) == n_extra + 1
    return len(queries)


def test_availability_does_not_query_per_vehicle(zoe, plan, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 8), paris(2026, 3, 3, 10), now=NOW)
    one = _count_availability_queries(0, zoe, plan)
    many = _count_availability_queries(20, zoe, plan)
    assert many == one
    assert one <= 6


def test_availability_matches_the_locked_re_check(zoe, plan, driver, fleet):
    """The display and the booking rule agree (maintenance, overlap, charging buffer, free)."""
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    vehicles = Vehicle.objects.filter(pk=zoe.pk)
    for start, end in [
        (paris(2026, 3, 3, 11), paris(2026, 3, 3, 13)),  # overlap
        (paris(2026, 3, 3, 12, 15), paris(2026, 3, 3, 14)),  # within the buffer
        (paris(2026, 3, 3, 12, 30), paris(2026, 3, 3, 14)),  # just after the buffer
    ]:
        [row] = service.availability(vehicles, start, end)
        problem = service.conflict(fleet, zoe, start, end)
        assert row["available"] == (problem is None)
        assert row["reason"] == (problem.messages[0] if problem else "")
