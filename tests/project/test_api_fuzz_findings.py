"""What the API fuzzing (schemathesis, tests/fuzz) found, kept as regression tests.

- Every API 404 has the body its operation documents: the services document
  ``{"errors": {...}}``, the territory ``{"detail": ...}``; Ninja's default answered
  ``{"detail": "Not Found"}`` everywhere, breaking the services' schema.
- Dates in year 1 or 8496 overflowed the date arithmetic (a 500): now a 422 on the field.
- The impact API's month filters accepted "0000-01" and failed building the date (a 500).
"""

import pytest

from smartvillage.accounts.models import ApiToken

URLS = [
    ("post", "/api/v1/carsharing/bookings/999999/cancel"),
    ("get", "/api/v1/carsharing/bookings/999999"),
    ("post", "/api/v1/ondemand/bookings/999999/cancel"),
    ("post", "/api/v1/thirdplaces/bookings/999999/cancel"),
    ("post", "/api/v1/thirdplaces/events/999999/register"),
    ("get", "/api/v1/territory/communes/00000"),
]


@pytest.mark.parametrize(("method", "url"), URLS)
def test_a_404_has_the_documented_body(client, member_user, method, url):
    _token, key = ApiToken.issue(member_user)
    response = getattr(client, method)(url, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 404
    body = response.json()
    assert isinstance(body["errors"]["__all__"][0], str)
    assert isinstance(body["detail"], str)


def test_car_availability_of_year_one_is_a_field_error(client, db):
    response = client.get(
        "/api/v1/carsharing/vehicles",
        {"start": "0001-01-01T00:03:27Z", "end": "8496-01-10T20:07:46Z"},
    )
    assert response.status_code == 422
    assert "2000" in response.json()["errors"]["start"][0]


def test_a_rideshare_search_in_year_one_is_a_field_error(client, member_user):
    _token, key = ApiToken.issue(member_user)
    payload = {
        "origin_lat": 45.0,
        "origin_lon": 5.4,
        "destination_lat": 45.1,
        "destination_lon": 5.5,
        "time": "0001-01-01T00:00:00Z",
    }
    response = client.post(
        "/api/v1/rideshare/search",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 422
    assert response.json()["errors"]["time"]


@pytest.mark.parametrize("month", ["0000-01", "9999-12"])
def test_an_impact_month_outside_the_supported_years_is_refused(client, db, month):
    response = client.get("/api/v1/impact/monthly", {"since": month})
    assert response.status_code == 422


def test_an_impact_month_inside_the_supported_years_is_answered(client, db):
    response = client.get("/api/v1/impact/monthly", {"since": "2026-01", "until": "2026-12"})
    assert response.status_code == 200
