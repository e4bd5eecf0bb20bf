"""Monthly statistics in open data: the statistics page's figures, from one function; and the
Table Schemas of the rideshare CSV exports (validated with frictionless)."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from smartvillage.rideshare.datasets import (
    BNLC_TABLE_SCHEMA,
    MONTHLY_STATS_SCHEMA,
    PROOFS_SCHEMA,
)
from tests.opendata.tabular import assert_valid
from tests.rideshare.test_proof_rules import morning, ride

FLOWS = ["rides", "hitchhiking_rides", "km_shared", "passenger_km", "co2_avoided_kg"]


def _rides(driver, passenger, car):
    ride(driver, passenger, car, at=morning(day=10), metres=12_000)
    ride(driver, passenger, car, at=morning(day=11), metres=8_000, seats=2)
    ride(driver, passenger, car, at=morning(day=10).replace(month=4), metres=5_000)


def _rows(client):
    response = client.get(reverse("rideshare:statistics_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    return text, {r["month"]: r for r in csv.DictReader(io.StringIO(text))}


def test_each_month_has_the_figures_of_the_statistics_page(client, driver, passenger, car):
    _rides(driver, passenger, car)
    _text, rows = _rows(client)
    for month in ("2026-03", "2026-04"):
        page = client.get(reverse("rideshare:statistics"), {"month": month})
        stats = page.context["stats"]
        assert [str(stats[k]) for k in FLOWS] == [rows[month][k] for k in FLOWS]
    assert rows["2026-03"]["rides"] == "2"
    assert rows["2026-03"]["km_shared"] == "20.0"
    assert rows["2026-03"]["passenger_km"] == "28.0"


def test_the_page_without_a_month_counts_every_ride(client, driver, passenger, car):
    _rides(driver, passenger, car)
    assert client.get(reverse("rideshare:statistics")).context["stats"]["rides"] == 3


def test_a_bad_month_is_a_field_error_not_a_500(client, driver, passenger, car):
    _rides(driver, passenger, car)
    page = client.get(reverse("rideshare:statistics"), {"month": "2026-13"})
    assert page.status_code == 200
    assert "month" in page.context["form"].errors
    assert page.context["stats"]["rides"] == 3


def test_the_monthly_csv_follows_its_table_schema(client, driver, passenger, car, stops):
    _rides(driver, passenger, car)
    text, rows = _rows(client)
    assert_valid(text, MONTHLY_STATS_SCHEMA)
    assert rows["2026-03"]["insee_codes"]


def test_no_ride_yet_gives_a_header_only(client, db):
    text, rows = _rows(client)
    assert rows == {}
    assert_valid(text, MONTHLY_STATS_SCHEMA)


def test_the_bnlc_export_follows_its_table_schema(client, stops):
    text = client.get(reverse("rideshare:stops_bnlc")).content.decode()
    assert_valid(text, BNLC_TABLE_SCHEMA, rows=len(stops))


def test_the_proofs_export_follows_its_table_schema(login, relay_staff, driver, passenger, car):
    _rides(driver, passenger, car)
    url = reverse("rideshare:relay_proofs", args=["parc-du-vercors", "csv"])
    text = login(relay_staff).get(url).content.decode()
    assert_valid(text, PROOFS_SCHEMA, rows=3)
