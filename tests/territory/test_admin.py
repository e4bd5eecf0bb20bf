import pytest

from smartvillage.accounts.models import User


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser("root@example.org", "pw")
    client.force_login(user)
    return client


def test_the_commune_list_filters_by_departement(staff_client, vercors):
    response = staff_client.get("/admin/territory/commune/", {"departement": "38"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_the_commune_search_ignores_accents(staff_client, vercors):
    response = staff_client.get("/admin/territory/commune/", {"q": "correncon"})
    assert [c.insee_code for c in response.context["cl"].result_list] == ["38129"]


def test_the_commune_search_finds_insee_and_postal_codes(staff_client, vercors):
    response = staff_client.get("/admin/territory/commune/", {"q": "38548"})
    assert [c.insee_code for c in response.context["cl"].result_list] == ["38548"]
    response = staff_client.get("/admin/territory/commune/", {"q": "38250"})
    assert {c.insee_code for c in response.context["cl"].result_list} == {"38129", "38548"}


def test_the_place_and_area_pages_load(staff_client, places, area):
    for url in [
        "/admin/territory/place/",
        "/admin/territory/place/?kind=stop",
        f"/admin/territory/place/{places['stop'].pk}/change/",
        "/admin/territory/servicearea/",
        f"/admin/territory/servicearea/{area.pk}/change/",
        "/admin/territory/commune/add/",
    ]:
        assert staff_client.get(url).status_code == 200, url


def test_the_commune_autocomplete_serves_the_area_form(staff_client, vercors):
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "term": "villard",
            "app_label": "territory",
            "model_name": "servicearea",
            "field_name": "communes",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Villard-de-Lans (38)"]
