"""The public impact API: monthly rows with filters, the factor versions."""

from __future__ import annotations

from datetime import date

import pytest

from smartvillage.impact import services

from .conftest import APRIL, MARCH, carpool


def test_monthly_rows_filter_by_month_and_commune(client, db, provide):
    provide(carpool(km=10.0), carpool(km=4.0, month=APRIL), carpool(km=2.0, commune="38548"))
    services.recompute(MARCH, date(2026, 5, 1))
    response = client.get("/api/v1/impact/monthly", {"since": "2026-03", "until": "2026-03",
                                                    "insee_code": "26074"})  # fmt: skip
    assert response.status_code == 200
    [row] = response.json()["items"]
    assert (row["month"], row["insee_code"], row["car_km_avoided"]) == ("2026-03", "26074", "10.0")
    assert row["factor_version"] == "ademe-impactco2-2026-12"


@pytest.mark.parametrize(
    "query", [{"since": "2026-13"}, {"insee_code": "x"}, {"limit": "5000"}, {"offset": "9" * 20}]
)
def test_bad_filters_are_a_422(client, db, query):
    assert client.get("/api/v1/impact/monthly", query).status_code == 422


def test_the_factor_versions_with_their_source(client, db):
    [current] = client.get("/api/v1/impact/factors").json()
    assert current["is_current"] is True
    assert current["source_url"] == "https://impactco2.fr/outils/transport"
    assert {f["mode"]: f["kg_per_km"] for f in current["factors"]}["car_thermal"] == "0.21800"
