"""The stops in the national carpool places schema (BNLC): public CSV with the schema's columns
and INSEE codes; GeoJSON of the stops."""

from __future__ import annotations

import csv
import io
import re

from django.urls import reverse

from smartvillage.rideshare import bnlc
from smartvillage.rideshare.models import Stop

URL = reverse("rideshare:stops_bnlc")
# The schema's columns (etalab/schema-lieux-covoiturage), in its order.
SCHEMA_COLUMNS = [
    "id_local", "nom_lieu", "ad_lieu", "com_lieu", "insee", "type", "date_maj", "ouvert",
    "source", "Xlong", "Ylat", "nbre_pl", "nbre_pmr", "duree", "horaires", "proprio",
    "lumiere", "comm",
]  # fmt: skip
INSEE = re.compile(r"^([013-9]\d|2[AB1-9])\d{3}$")  # the schema's pattern


def _rows(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    return reader.fieldnames, list(reader)


def test_the_csv_has_the_schema_columns_and_one_row_per_active_stop(client, stops, relay):
    Stop.objects.filter(pk=stops["villard"].pk).update(is_active=False)
    Stop.objects.filter(pk=stops["martin"].pk).update(relay=relay)
    columns, rows = _rows(client)
    assert columns == SCHEMA_COLUMNS
    by_name = {r["nom_lieu"]: r for r in rows}
    assert set(by_name) == {"La Chapelle – Centre", "Saint-Martin – Place"}
    martin = by_name["Saint-Martin – Place"]
    assert martin["insee"] == "26315"
    assert martin["com_lieu"] == "Saint-Martin-en-Vercors"
    assert martin["type"] == "Auto-stop"
    assert martin["ouvert"] == "true"
    assert martin["proprio"] == "Parc du Vercors"
    assert float(martin["Xlong"]) == 5.4439
    assert float(martin["Ylat"]) == 45.0233
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", martin["date_maj"])
    assert "Villard-de-Lans" in martin["comm"]
    for row in rows:
        assert INSEE.match(row["insee"]), row
        assert row["id_local"]
        assert row["source"]
    assert len({r["id_local"] for r in rows}) == len(rows)


def test_it_is_public_and_read_only(client, stops):
    assert client.get(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_an_empty_network_gives_the_header_only(client, db):
    columns, rows = _rows(client)
    assert columns == SCHEMA_COLUMNS
    assert rows == []


def test_the_module_columns_match_the_schema():
    assert bnlc.COLUMNS == SCHEMA_COLUMNS


def test_the_geojson_lists_the_stops_with_their_insee_codes(client, stops):
    response = client.get(reverse("rideshare:stops_geojson"))
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    chapelle = by_name["La Chapelle – Centre"]
    assert chapelle["geometry"] == {"type": "Point", "coordinates": [5.4142, 44.9703]}
    assert chapelle["properties"]["insee"] == "26074"


def test_the_stops_page_links_both_exports(client, stops):
    page = client.get(reverse("rideshare:stops")).content.decode()
    assert URL in page
    assert reverse("rideshare:stops_geojson") in page
