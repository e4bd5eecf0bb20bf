"""The GBFS v3.0 feed: every file valid against the official schemas, and what it says."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
import time_machine

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing import gbfs
from smartvillage.carsharing.models import Booking, CarshareMember, Fleet, MaintenanceBlock, Vehicle

from .conftest import paris

SCHEMAS = Path(__file__).parent / "data" / "gbfs_v3.0_schemas"
FEEDS = ["gbfs", *gbfs.FEEDS]
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NOW = paris(2026, 3, 5, 10)


def validate(name: str, payload: dict) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    # Draft 7, offline: the schemas do not $ref one another.
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(payload), key=str)
    assert not errors, f"{name}: " + "; ".join(e.message for e in errors[:5])
    assert RFC3339.match(payload["last_updated"])


@pytest.fixture
def feed(client, zoe, driver):
    member = CarshareMember.objects.get(user=driver)
    Booking.objects.create(
        vehicle=zoe,
        member=member,
        starts_at=NOW - timedelta(hours=1),
        ends_at=NOW + timedelta(hours=2),
    )
    Booking.objects.create(
        vehicle=zoe,
        member=member,
        starts_at=NOW + timedelta(days=1),
        ends_at=NOW + timedelta(days=1, hours=2),
    )

    def get(name: str, org: str | None = None) -> dict:
        url = f"/gbfs/v3/{org}/{name}.json" if org else f"/gbfs/v3/{name}.json"
        with time_machine.travel(NOW, tick=False):
            response = client.get(url)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*"
        return response.json()

    return get


@pytest.mark.parametrize("name", FEEDS)
def test_every_instance_file_is_valid_gbfs_3(feed, name):
    validate(name, feed(name))


@pytest.mark.parametrize("name", FEEDS)
def test_every_organisation_file_is_valid_gbfs_3(feed, name):
    validate(name, feed(name, org="vercors-soleil"))


def test_the_manifest_lists_each_organisation_system(feed, client):
    with time_machine.travel(NOW, tick=False):
        payload = client.get("/gbfs/v3/manifest.json").json()
    validate("manifest", payload)
    [dataset] = payload["data"]["datasets"]
    assert dataset["versions"][0]["url"].endswith("/gbfs/v3/vercors-soleil/gbfs.json")


def test_auto_discovery_lists_every_file_with_absolute_urls(feed):
    feeds = {f["name"]: f["url"] for f in feed("gbfs")["data"]["feeds"]}
    assert set(feeds) == set(FEEDS)
    assert feeds["vehicle_status"] == "http://testserver/gbfs/v3/vehicle_status.json"


def test_vehicle_status_reports_battery_range_and_reservation(feed, zoe):
    [vehicle] = feed("vehicle_status")["data"]["vehicles"]
    assert vehicle["current_fuel_percent"] == 0.8
    assert vehicle["current_range_meters"] == 240_000  # 80 % of 300 km
    assert vehicle["is_reserved"] is True
    assert vehicle["is_disabled"] is False
    assert vehicle["home_station_id"] == f"station-{zoe.station_id}"
    assert vehicle["available_until"] == "2026-03-06T09:00:00Z"


def test_a_vehicle_in_maintenance_is_disabled(feed, zoe):
    MaintenanceBlock.objects.create(
        vehicle=zoe, starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=1)
    )
    [vehicle] = feed("vehicle_status")["data"]["vehicles"]
    assert vehicle["is_disabled"] is True
    [station] = feed("station_status")["data"]["stations"]
    assert (station["num_vehicles_available"], station["num_vehicles_disabled"]) == (0, 1)


def test_station_status_counts_free_vehicles(feed, zoe):
    Vehicle.objects.create(
        organisation=zoe.organisation,
        station=zoe.station,
        name="Zoé 2",
        make="Renault",
        model="Zoé",
    )
    [station] = feed("station_status")["data"]["stations"]
    assert station["num_vehicles_available"] == 1  # the first Zoé is booked now
    assert station["vehicle_types_available"] == [
        {"vehicle_type_id": "renault-zoe-electric", "count": 1}
    ]


def test_vehicle_types_give_the_electric_range(feed):
    [vtype] = feed("vehicle_types")["data"]["vehicle_types"]
    assert vtype["form_factor"] == "car"
    assert vtype["propulsion_type"] == "electric"
    assert vtype["max_range_meters"] == 300_000


def test_pricing_plans_give_the_hourly_and_km_rates(feed, plan):
    [p] = feed("system_pricing_plans")["data"]["plans"]
    assert p["plan_id"] == f"plan-{plan.pk}"
    assert p["per_km_pricing"] == [{"start": 0, "rate": 0.2, "interval": 1}]
    assert p["per_min_pricing"][0]["rate"] == pytest.approx(2 / 60, abs=1e-4)


def test_the_vehicle_id_rotates_after_each_trip(feed, zoe):
    before = feed("vehicle_status")["data"]["vehicles"][0]["vehicle_id"]
    Booking.objects.filter(starts_at__lt=NOW).update(ends_at=NOW - timedelta(minutes=1))
    after = feed("vehicle_status")["data"]["vehicles"][0]["vehicle_id"]
    assert before != after
    assert str(zoe.pk) != after


def test_an_unknown_or_unpublished_organisation_is_404(client, fleet):
    assert client.get("/gbfs/v3/nowhere/gbfs.json").status_code == 404
    Fleet.objects.filter(pk=fleet.pk).update(publish_gbfs=False)
    assert client.get("/gbfs/v3/vercors-soleil/gbfs.json").status_code == 404
    assert client.get("/gbfs/v3/free_bike_status.json").status_code == 404


def test_an_empty_instance_feed_is_still_valid(client, db):
    Organisation.objects.create(name="Empty", slug="empty", kind=Organisation.Kind.COMMUNE)
    for name in FEEDS:
        validate(name, client.get(f"/gbfs/v3/{name}.json").json())
