from __future__ import annotations

import pytest

from smartvillage.optim.traveltime import OsmProfile
from smartvillage.optim.traveltime.osm_profile import Direction, direction, parse_maxspeed


@pytest.mark.parametrize(
    "highway",
    [
        "motorway",
        "trunk_link",
        "primary",
        "secondary",
        "tertiary",
        "unclassified",
        "residential",
        "service",
        "living_street",
    ],
)
def test_it_drives_car_highways(highway: str) -> None:
    assert OsmProfile().is_drivable({"highway": highway})


@pytest.mark.parametrize(
    "tags",
    [
        {"highway": "footway"},
        {"highway": "track"},
        {"highway": "path"},
        {"highway": "construction"},
        {"highway": "proposed"},
        {"highway": "pedestrian", "area": "yes"},
        {"highway": "service", "area": "yes"},
        {"highway": "residential", "access": "no"},
        {"highway": "service", "access": "private"},
        {"highway": "unclassified", "motor_vehicle": "agricultural"},
        {"highway": "residential", "motorcar": "no"},
        {"building": "yes"},
    ],
)
def test_it_skips_ways_cars_cannot_use(tags: dict[str, str]) -> None:
    assert not OsmProfile().is_drivable(tags)


def test_the_most_specific_access_tag_wins() -> None:
    profile = OsmProfile()

    assert profile.is_drivable({"highway": "service", "access": "no", "motor_vehicle": "yes"})
    assert not profile.is_drivable({"highway": "service", "access": "yes", "motorcar": "no"})
    assert profile.is_drivable({"highway": "residential", "access": "destination"})


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"highway": "residential"}, Direction.BOTH),
        ({"highway": "residential", "oneway": "yes"}, Direction.FORWARD),
        ({"highway": "residential", "oneway": "1"}, Direction.FORWARD),
        ({"highway": "residential", "oneway": "-1"}, Direction.BACKWARD),
        ({"highway": "primary", "junction": "roundabout"}, Direction.FORWARD),
        ({"highway": "primary", "junction": "roundabout", "oneway": "no"}, Direction.BOTH),
        ({"highway": "motorway"}, Direction.FORWARD),
        ({"highway": "motorway_link"}, Direction.FORWARD),
        ({"highway": "motorway", "oneway": "no"}, Direction.BOTH),
        ({"highway": "tertiary", "oneway": "reversible"}, None),
    ],
)
def test_it_reads_oneway(tags: dict[str, str], expected: Direction | None) -> None:
    assert direction(tags) is expected


@pytest.mark.parametrize(
    ("value", "kmh"),
    [
        ("50", 50.0),
        ("50 km/h", 50.0),
        ("30 mph", 48.28032),
        ("FR:rural", None),
        ("none", None),
        ("walk", None),
        ("50;30", None),
        ("0", None),
        (None, None),
    ],
)
def test_it_parses_numeric_maxspeed_only(value: str | None, kmh: float | None) -> None:
    assert parse_maxspeed(value) == (pytest.approx(kmh) if kmh else None)


def test_it_uses_maxspeed_when_numeric_else_the_type_default() -> None:
    profile = OsmProfile(speeds_kmh={"primary": 65.0}, maxspeed_factor=0.8)

    assert profile.speed_kmh({"highway": "primary", "maxspeed": "50"}) == pytest.approx(40.0)
    assert profile.speed_kmh({"highway": "primary", "maxspeed": "FR:rural"}) == 65.0
    assert profile.speed_kmh({"highway": "primary"}) == 65.0
    # A high legal limit never makes a road much faster than its type.
    assert profile.speed_kmh({"highway": "primary", "maxspeed": "130"}) == pytest.approx(81.25)


def test_its_cache_token_changes_with_speeds() -> None:
    assert OsmProfile().cache_token() == OsmProfile().cache_token()
    assert OsmProfile().cache_token() != OsmProfile(speeds_kmh={"primary": 60}).cache_token()
    assert OsmProfile().cache_token() != OsmProfile(maxspeed_factor=0.9).cache_token()


def test_it_rejects_invalid_speeds() -> None:
    with pytest.raises(ValueError, match="positive"):
        OsmProfile(speeds_kmh={"primary": 0})
