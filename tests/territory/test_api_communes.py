from smartvillage.territory.api import MAX_PAGE_SIZE, PAGE_SIZE
from smartvillage.territory.models import Commune

URL = "/api/v1/territory/communes"


def codes(response) -> list[str]:
    return [item["insee_code"] for item in response.json()["items"]]


def test_it_lists_communes_with_their_insee_code(client, vercors):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    chapelle = next(item for item in body["items"] if item["insee_code"] == "26074")
    assert chapelle == {
        "insee_code": "26074",
        "name": "La Chapelle-en-Vercors",
        "departement": "26",
        "population": 650,
        "latitude": 44.97,
        "longitude": 5.41,
        "postal_codes": [],
        "altitude_m": None,
    }


def test_it_needs_no_authentication(client, vercors):
    assert client.get(URL).status_code == 200


def test_it_filters_by_departement(client, vercors):
    assert sorted(codes(client.get(URL, {"departement": "38"}))) == ["38129", "38548"]


def test_it_searches_names_ignoring_case_and_accents(client, vercors):
    assert codes(client.get(URL, {"q": "CORRENCON"})) == ["38129"]
    assert codes(client.get(URL, {"q": "saint agnan"})) == ["26290"]


def test_it_filters_by_insee_code_and_population(client, vercors):
    assert codes(client.get(URL, {"insee_code": "26290"})) == ["26290"]
    assert codes(client.get(URL, {"min_population": 1000})) == ["38548"]


def test_it_treats_empty_filters_as_absent(client, vercors):
    response = client.get(URL, {"departement": "", "q": ""})
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_it_paginates_with_limit_and_offset(client, vercors):
    everything = codes(client.get(URL))
    response = client.get(URL, {"limit": 2, "offset": 1})
    assert response.json()["count"] == 4
    assert codes(response) == everything[1:3]


def test_it_defaults_to_a_bounded_page(client, db):
    Commune.objects.bulk_create(
        Commune(insee_code=f"38{i:03d}", name=f"C{i}", departement="38", latitude=45, longitude=5)
        for i in range(PAGE_SIZE + 5)
    )
    assert len(codes(client.get(URL))) == PAGE_SIZE
    assert client.get(URL, {"limit": MAX_PAGE_SIZE + 1}).status_code == 422


def test_it_rejects_malformed_filters_with_field_details(client, db):
    for params, field in [
        ({"limit": "ten"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**20}, "offset"),  # found by schemathesis: overflowed SQLite (a 500)
        ({"departement": "Drôme"}, "departement"),
        ({"insee_code": "123"}, "insee_code"),
        ({"min_population": "lots"}, "min_population"),
        ({"q": "x" * 101}, "q"),
        ({"q": "la\x00chapelle"}, "q"),
    ]:
        response = client.get(URL, params)
        assert response.status_code == 422, params
        assert response.json()["detail"][0]["loc"] == ["query", field], params


def test_it_shows_one_commune(client, vercors):
    response = client.get(f"{URL}/38548")
    assert response.status_code == 200
    assert response.json()["name"] == "Villard-de-Lans"
    assert response.json()["postal_codes"] == ["38250"]


def test_it_answers_404_for_an_unknown_insee_code(client, vercors):
    response = client.get(f"{URL}/38999")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_it_answers_422_for_a_malformed_insee_code(client, db):
    response = client.get(f"{URL}/chapelle")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "insee_code"]


def test_it_accepts_corsican_insee_codes(client, db):
    Commune.objects.create(
        insee_code="2A004", name="Ajaccio", departement="2A", latitude=41.9, longitude=8.7
    )
    assert client.get(f"{URL}/2A004").status_code == 200
    assert codes(client.get(URL, {"departement": "2A"})) == ["2A004"]


def test_it_rejects_writes(client, vercors):
    assert client.post(URL, {}).status_code == 405
