URL = "/api/v1/territory/service-areas"


def test_it_lists_areas_with_their_communes_insee_codes(client, area):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "name": "Vercors drômois",
                "slug": "vercors-dromois",
                "description": "",
                "communes": ["26074", "26290"],
            }
        ],
        "count": 1,
    }


def test_it_shows_one_area(client, area):
    response = client.get(f"{URL}/vercors-dromois")
    assert response.status_code == 200
    assert response.json()["communes"] == ["26074", "26290"]


def test_it_answers_404_for_an_unknown_area(client, area):
    assert client.get(f"{URL}/nowhere").status_code == 404


def test_it_answers_422_for_a_malformed_slug(client, db):
    assert client.get(f"{URL}/not%20a%20slug").status_code == 422
