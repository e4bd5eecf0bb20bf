"""The catalogue page /open-data/ and each dataset's page with its preview."""

import json

from django.urls import reverse
from django.utils import translation


def test_it_lists_licence_frequency_formats_and_downloads(client, territory):
    response = client.get(reverse("opendata:catalogue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Licence Ouverte 2.0" in html
    assert reverse("rideshare:stops_bnlc") in html
    assert reverse("opendata:schema", args=["rideshare-hitchhiking-stops", 0]) in html
    for fmt in ("GTFS", "GBFS", "GeoJSON", "iCalendar"):
        assert fmt in html


def test_it_speaks_french(client, territory):
    client.cookies["django_language"] = "fr"
    with translation.override("fr"):
        response = client.get(reverse("opendata:catalogue"), HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert "Fréquence de mise à jour" in html
    assert "Tiers-lieux du territoire" in html


def test_dataset_page_previews_the_csv_rows(client, territory):
    response = client.get(reverse("opendata:dataset", args=["rideshare-hitchhiking-stops"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<th scope="col">insee</th>' in html
    assert "Place du village" in html


def test_dataset_page_previews_geojson_features(client, territory):
    response = client.get(reverse("opendata:dataset", args=["thirdplaces-directory"]))
    html = response.content.decode()
    assert "La Coloc" in html
    assert "44.895, 5.37" in html


def test_an_unknown_dataset_is_404(client, db):
    assert client.get(reverse("opendata:dataset", args=["nope"])).status_code == 404


def test_schema_is_served_as_json(client, territory):
    response = client.get(reverse("opendata:schema", args=["thirdplaces-directory", 0]))
    assert response.status_code == 200
    assert json.loads(response.content)["primaryKey"] == ["id"]


def test_schema_of_a_non_csv_distribution_is_404(client, territory):
    response = client.get(reverse("opendata:schema", args=["thirdplaces-directory", 1]))
    assert response.status_code == 404


def test_post_is_refused(client, db):
    assert client.post(reverse("opendata:catalogue")).status_code == 405
