"""The network directory, its filters, the map data, the open-data exports and a place's page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from smartvillage.thirdplaces.models import Closure, ThirdPlace


@pytest.fixture
def lans(colo_org, db) -> ThirdPlace:
    from smartvillage.territory.models import Commune

    commune = Commune.objects.create(
        insee_code="38205", name="Lans-en-Vercors", departement="38", population=2751,
        latitude=45.12, longitude=5.59,
    )  # fmt: skip
    return ThirdPlace.objects.create(
        organisation=colo_org, name="Coworking de Lans", slug="lans", commune=commune,
        latitude=45.1275, longitude=5.588, has_coworking=True, has_cafe=True,
    )  # fmt: skip


def test_the_directory_lists_published_places(client, colo, lans):
    ThirdPlace.objects.filter(pk=lans.pk).update(is_published=False)
    response = client.get(reverse("thirdplaces:directory"))
    assert response.status_code == 200
    assert b"La Jolie Colo" in response.content
    assert b"Coworking de Lans" not in response.content


def test_the_directory_filters_by_service_and_commune(client, colo, lans):
    response = client.get(reverse("thirdplaces:directory"), {"service": "cafe"})
    assert list(response.context["places"]) == [lans]
    response = client.get(reverse("thirdplaces:directory"), {"commune": "38225"})
    assert list(response.context["places"]) == [colo]


def test_an_unknown_filter_value_gives_no_place_and_no_error(client, colo):
    response = client.get(reverse("thirdplaces:directory"), {"service": "spa"})
    assert response.status_code == 200
    assert list(response.context["places"]) == []


def test_the_directory_refuses_post(client, colo):
    assert client.post(reverse("thirdplaces:directory")).status_code == 405


def test_the_csv_export_has_insee_codes_and_services(client, colo, lans):
    response = client.get(reverse("thirdplaces:csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_id = {row["id"]: row for row in rows}
    assert by_id["la-jolie-colo"]["insee_code"] == "38225"
    assert by_id["lans"]["services"] == "coworking cafe"
    assert by_id["la-jolie-colo"]["opening_hours"].startswith("Mo 09:00-12:00,13:30-18:00")


def test_the_geojson_export_is_a_feature_collection_of_points(client, colo, lans):
    response = client.get(reverse("thirdplaces:geojson"), {"service": "coworking"})
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    feature = next(f for f in data["features"] if f["id"] == "lans")
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.588, 45.1275]}
    assert feature["properties"]["insee_code"] == "38205"
    assert feature["properties"]["services"] == ["coworking", "cafe"]


def test_a_place_page_shows_hours_spaces_and_closures(client, colo, desks, room):
    Closure.objects.create(
        third_place=colo, first_day="2099-08-01", last_day="2099-08-15", reason="Congés d'été"
    )
    response = client.get(reverse("thirdplaces:place", args=[colo.slug]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Salle du réfectoire" in content
    assert "Congés d&#x27;été" in content or "Congés d'été" in content
    assert "13:30" in content


def test_an_unpublished_place_is_not_found(client, colo):
    ThirdPlace.objects.filter(pk=colo.pk).update(is_published=False)
    assert client.get(reverse("thirdplaces:place", args=[colo.slug])).status_code == 404
