"""One travel-time provider factory from settings, used by every app."""

import pytest

from smartvillage.core import traveltime
from smartvillage.ondemand import dispatch
from smartvillage.optim.traveltime import OsrmTable, StraightLine
from smartvillage.rideshare import matching
from smartvillage.thirdplaces import coverage, impact


@pytest.fixture(autouse=True)
def _fresh_provider():
    traveltime.provider.cache_clear()
    yield
    traveltime.provider.cache_clear()


def test_the_default_is_straight_lines_built_once(settings):
    settings.TRAVEL_TIME_PROVIDER = "straight_line"
    first = traveltime.provider()
    assert first == StraightLine()
    assert traveltime.provider() is first


def test_osrm_takes_its_url_from_settings(settings):
    settings.TRAVEL_TIME_PROVIDER = "osrm"
    settings.TRAVEL_TIME_OSRM_URL = "http://127.0.0.1:5000"
    built = traveltime.provider()
    assert isinstance(built, OsrmTable)
    assert built.base_url.startswith("http://127.0.0.1:5000")


def test_osm_takes_its_extract_from_settings(settings):
    settings.TRAVEL_TIME_PROVIDER = "osm"
    settings.TRAVEL_TIME_OSM_PBF = "/srv/data/vercors.osm.pbf"
    assert traveltime.config() == ("osm", {"pbf_path": "/srv/data/vercors.osm.pbf"})


def test_an_unknown_kind_is_refused(settings):
    settings.TRAVEL_TIME_PROVIDER = "teleport"
    with pytest.raises(ValueError, match="unknown travel-time provider 'teleport'"):
        traveltime.provider()


def test_every_app_uses_the_same_factory():
    assert dispatch.provider is traveltime.provider
    assert matching.provider is traveltime.provider
    assert coverage.traveltime is traveltime
    assert impact.traveltime is traveltime
