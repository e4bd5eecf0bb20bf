import csv

import pytest
from django.core.management import call_command

from smartvillage.territory.communes import DEFAULT_CSV

# Metropolitan France, generously: longitude -5.5..10, latitude 41..51.5.
FRANCE = {"lon": (-5.5, 10.0), "lat": (41.0, 51.5)}


def assert_valid_point_collection(body):
    assert body["type"] == "FeatureCollection"
    assert isinstance(body["features"], list)
    for feature in body["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        # RFC 7946: [longitude, latitude]. In France the two ranges do not overlap.
        assert FRANCE["lon"][0] <= lon <= FRANCE["lon"][1]
        assert FRANCE["lat"][0] <= lat <= FRANCE["lat"][1]
        assert isinstance(feature["properties"], dict)


def test_communes_geojson_is_a_feature_collection_in_lon_lat_order(client, vercors):
    response = client.get("/api/v1/territory/communes.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert_valid_point_collection(body)
    assert len(body["features"]) == 4
    villard = next(f for f in body["features"] if f["id"] == "38548")
    assert villard["geometry"]["coordinates"] == [5.543896, 45.06003]
    assert villard["properties"] == {
        "insee_code": "38548",
        "name": "Villard-de-Lans",
        "departement": "38",
        "population": 4328,
        "postal_codes": ["38250"],
    }


def test_communes_geojson_takes_the_list_filters(client, vercors):
    body = client.get("/api/v1/territory/communes.geojson", {"departement": "26"}).json()
    assert sorted(f["id"] for f in body["features"]) == ["26074", "26290"]


def test_places_geojson_carries_kind_and_insee_code(client, places):
    response = client.get("/api/v1/territory/places.geojson")
    assert response.status_code == 200
    body = response.json()
    assert_valid_point_collection(body)
    stop = next(f for f in body["features"] if f["properties"]["slug"] == "arret-villard")
    assert stop["geometry"]["coordinates"] == [5.556, 45.0708]
    assert stop["properties"]["insee_code"] == "38548"
    assert stop["properties"]["kind"] == "stop"
    assert stop["properties"]["commune_name"] == "Villard-de-Lans"


def test_places_geojson_filters_by_kind(client, places):
    body = client.get("/api/v1/territory/places.geojson", {"kind": "town_hall"}).json()
    assert [f["properties"]["slug"] for f in body["features"]] == ["mairie-la-chapelle"]


@pytest.mark.parametrize("params", [{"bbox": "1,2"}, {"kind": "castle"}])
def test_places_geojson_rejects_malformed_filters(client, db, params):
    assert client.get("/api/v1/territory/places.geojson", params).status_code == 422


def test_the_shipped_communes_are_valid_geojson_in_france(client, db):
    call_command("load_communes", verbosity=0)
    with DEFAULT_CSV.open(encoding="utf-8") as handle:
        rows = sum(1 for _row in csv.DictReader(handle))
    body = client.get("/api/v1/territory/communes.geojson").json()
    assert_valid_point_collection(body)
    assert len(body["features"]) == rows
