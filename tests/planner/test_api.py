"""GET /api/v1/planner/search: options as JSON, field errors as 422, in the OpenAPI document."""

from __future__ import annotations

from .test_journey_page import QUERY

URL = "/api/v1/planner/search"


def test_it_answers_options_as_json(client, vercors_feed):
    response = client.get(URL, QUERY)
    assert response.status_code == 200
    body = response.json()
    assert body["invented_timetable"] is True
    bus = [o for o in body["options"] if o["modes"] == ["bus", "bus"]]
    assert bus
    assert bus[0]["transfers"] == 1
    assert bus[0]["needs_booking"] is False
    assert body["drive"]["mode"] == "drive"
    assert float(body["drive"]["co2_kg"]) > 0


def test_bad_input_is_a_422_with_field_errors(client, db):
    response = client.get(URL, {**QUERY, "origin": "Atlantis"})
    assert response.status_code == 422
    assert "origin" in response.json()["errors"]
    response = client.get(URL, {**QUERY, "date": "not a date"})
    assert response.status_code == 422


def test_it_is_in_the_openapi_document(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "get" in schema["paths"][URL]
    assert "PlannerSearchOut" in schema["components"]["schemas"]
