"""The GTFS-Flex export: files, fields (GTFS reference as adopted in 2024) and references."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ZONE = {
    "type": "Polygon",
    "coordinates": [[[5.30, 44.85], [5.50, 44.85], [5.50, 45.00], [5.30, 45.00], [5.30, 44.85]]],
}


def _read(path) -> dict[str, object]:
    with zipfile.ZipFile(path) as archive:
        out: dict[str, object] = {}
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            out[name] = (
                json.loads(text)
                if name.endswith(".geojson")
                else list(csv.DictReader(io.StringIO(text)))
            )
        return out


@pytest.fixture
def feed(tmp_path, service, stops):
    service.zone_geojson = ZONE
    service.instructions = "Appelez le centre social."
    service.save()
    path = tmp_path / "feed.zip"
    call_command("export_gtfs_flex", "tad-la-paz", str(path))
    return _read(path)


def test_it_writes_the_flex_files(feed):
    assert set(feed) == {
        "agency.txt", "routes.txt", "trips.txt", "calendar.txt", "stop_times.txt",
        "stops.txt", "locations.geojson", "location_groups.txt", "location_group_stops.txt",
        "booking_rules.txt", "feed_info.txt",
    }  # fmt: skip


def test_references_resolve(feed):
    agencies = {a["agency_id"] for a in feed["agency.txt"]}
    routes = {r["route_id"]: r for r in feed["routes.txt"]}
    assert {r["agency_id"] for r in routes.values()} <= agencies
    calendars = {c["service_id"] for c in feed["calendar.txt"]}
    trips = {t["trip_id"]: t for t in feed["trips.txt"]}
    assert all(t["route_id"] in routes and t["service_id"] in calendars for t in trips.values())
    stops = {s["stop_id"] for s in feed["stops.txt"]}
    groups = {g["location_group_id"] for g in feed["location_groups.txt"]}
    members = feed["location_group_stops.txt"]
    assert {m["stop_id"] for m in members} == stops
    assert {m["location_group_id"] for m in members} == groups
    locations = {f["id"] for f in feed["locations.geojson"]["features"]}
    rules = {b["booking_rule_id"] for b in feed["booking_rules.txt"]}
    for row in feed["stop_times.txt"]:
        assert row["trip_id"] in trips
        places = [row["stop_id"], row["location_group_id"], row["location_id"]]
        assert sum(bool(p) for p in places) == 1  # exactly one of the three
        assert not row["location_group_id"] or row["location_group_id"] in groups
        assert not row["location_id"] or row["location_id"] in locations
        for key in ("pickup_booking_rule_id", "drop_off_booking_rule_id"):
            assert not row[key] or row[key] in rules


def test_stop_times_use_windows_not_times(feed):
    rows = feed["stop_times.txt"]
    assert "arrival_time" not in rows[0]
    assert "departure_time" not in rows[0]
    for row in rows:
        assert row["start_pickup_drop_off_window"] == "08:00:00"
        assert row["end_pickup_drop_off_window"] == "18:00:00"
        # 0 (regular) is forbidden with windows; 2 = phone the agency.
        assert row["pickup_type"] in {"1", "2"}
        assert row["drop_off_type"] in {"1", "2"}
    by_trip: dict[str, list[dict]] = {}
    for row in rows:
        by_trip.setdefault(row["trip_id"], []).append(row)
    for pair in by_trip.values():
        first, last = sorted(pair, key=lambda r: int(r["stop_sequence"]))
        assert (first["pickup_type"], first["drop_off_type"]) == ("2", "1")
        assert (last["pickup_type"], last["drop_off_type"]) == ("1", "2")


def test_the_booking_rule_expresses_48_hours_notice(feed):
    (rule,) = feed["booking_rules.txt"]
    assert rule["booking_type"] == "2"
    assert rule["prior_notice_last_day"] == "2"
    assert rule["prior_notice_last_time"] == "08:00:00"
    assert rule["prior_notice_start_day"] == "30"
    assert rule["prior_notice_duration_min"] == ""
    assert rule["phone_number"] == "04 75 48 00 00"
    assert rule["message"] == "Appelez le centre social."


def test_a_short_notice_is_a_same_day_rule(tmp_path, service, stops):
    service.min_notice = timedelta(hours=2)
    service.save()
    path = tmp_path / "feed.zip"
    call_command("export_gtfs_flex", "tad-la-paz", str(path))
    (rule,) = _read(path)["booking_rules.txt"]
    assert rule["booking_type"] == "1"
    assert rule["prior_notice_duration_min"] == "120"
    assert rule["prior_notice_last_day"] == ""
    assert rule["prior_notice_start_day"] == ""


def test_the_zone_is_a_geojson_polygon(feed):
    (feature,) = feed["locations.geojson"]["features"]
    assert feature["geometry"] == ZONE
    assert feature["id"] == "tad-la-paz-zone"


def test_calendar_follows_the_service_days(feed):
    (cal,) = feed["calendar.txt"]
    assert [cal[d] for d in ("monday", "friday", "saturday", "sunday")] == ["1", "1", "0", "0"]


def test_without_a_polygon_there_is_no_zone_trip(tmp_path, service, stops):
    path = tmp_path / "feed.zip"
    call_command("export_gtfs_flex", "tad-la-paz", str(path))
    feed = _read(path)
    assert "locations.geojson" not in feed
    assert {t["trip_id"] for t in feed["trips.txt"]} == {"tad-la-paz-stops"}


def test_an_unknown_service_is_an_error(tmp_path, service):
    with pytest.raises(CommandError, match="service inconnu"):
        call_command("export_gtfs_flex", "nope", str(tmp_path / "x.zip"))
