URL = "/api/v1/territory/places"


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["items"]}


def test_it_lists_places_with_their_commune_insee_code(client, places):
    response = client.get(URL)
    assert response.json()["count"] == 3
    stop = next(item for item in response.json()["items"] if item["slug"] == "arret-villard")
    assert stop["kind"] == "stop"
    assert stop["commune"] == "38548"
    assert stop["commune_name"] == "Villard-de-Lans"
    assert (stop["latitude"], stop["longitude"]) == (45.0708, 5.5560)
    assert stop["kind_label"]


def test_it_filters_by_kind(client, places):
    assert slugs(client.get(URL, {"kind": "stop"})) == {"arret-la-chapelle", "arret-villard"}


def test_it_filters_by_commune_departement_and_area(client, places, area):
    assert slugs(client.get(URL, {"commune": "38548"})) == {"arret-villard"}
    assert slugs(client.get(URL, {"departement": "26"})) == {
        "mairie-la-chapelle",
        "arret-la-chapelle",
    }
    assert slugs(client.get(URL, {"area": "vercors-dromois"})) == {
        "mairie-la-chapelle",
        "arret-la-chapelle",
    }
    assert slugs(client.get(URL, {"area": "unknown-area"})) == set()


def test_it_filters_by_bbox(client, places):
    # minlon,minlat,maxlon,maxlat around Villard-de-Lans only.
    assert slugs(client.get(URL, {"bbox": "5.5,45,5.6,45.1"})) == {"arret-villard"}
    assert slugs(client.get(URL, {"bbox": "5.3,44.9,5.6,45.1"})) == {
        "mairie-la-chapelle",
        "arret-la-chapelle",
        "arret-villard",
    }


def test_it_rejects_malformed_input_with_field_details(client, db):
    for params, field in [
        ({"bbox": "5.5,45,5.6"}, "bbox"),
        ({"bbox": "east,45,5.6,45.1"}, "bbox"),
        ({"bbox": "5.6,45,5.5,45.1"}, "bbox"),
        ({"bbox": "5.5,95,5.6,96"}, "bbox"),
        ({"kind": "castle"}, "kind"),
        ({"commune": "Villard"}, "commune"),
        ({"limit": "all"}, "limit"),
        ({"area": "no spaces"}, "area"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 422, params
        detail = response.json()["detail"][0]
        assert detail["loc"] == ["query", field], params
        assert detail["msg"]


def test_it_shows_one_place(client, places):
    response = client.get(f"{URL}/{places['mairie'].pk}")
    assert response.status_code == 200
    assert response.json()["slug"] == "mairie-la-chapelle"
    assert response.json()["kind"] == "town_hall"


def test_it_answers_404_for_an_unknown_place(client, places):
    assert client.get(f"{URL}/999999").status_code == 404


def test_it_answers_422_for_a_non_numeric_place_id(client, db):
    response = client.get(f"{URL}/mairie")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "place_id"]
