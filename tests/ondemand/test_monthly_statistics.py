"""Monthly statistics in open data: the same figures as the statistics page, one function."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

from smartvillage.ondemand import stats
from smartvillage.ondemand.datasets import DAILY_STATS_SCHEMA, MONTHLY_STATS_SCHEMA
from smartvillage.ondemand.services import booking as service_booking
from tests.opendata.tabular import assert_valid, errors

from .conftest import NOW, WEDNESDAY


def _book_march(trip, operator_user):
    a = service_booking.book(operator_user, trip(passengers=1), now=NOW)
    service_booking.book(operator_user, trip(companion=True), now=NOW)
    late = service_booking.book(
        operator_user, trip(requested_time=WEDNESDAY.replace(hour=15)), now=NOW
    )
    service_booking.cancel(operator_user, late, now=NOW)
    return a


def _monthly(client, slug="tad-la-paz"):
    response = client.get(f"/transport/{slug}/statistics.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode()


def test_the_monthly_csv_has_the_figures_of_the_statistics_page(
    client, trip, driver, operator_user
):
    _book_march(trip, operator_user)
    text = _monthly(client)
    march = next(r for r in csv.DictReader(io.StringIO(text)) if r["month"] == "2026-03")
    client.force_login(operator_user)
    page = client.get("/transport/tad-la-paz/operate/stats/?start=2026-03-01&end=2026-03-31")
    total = page.context["total"]
    assert total.served == 2
    for f in fields(stats.Row)[1:]:
        assert str(getattr(total, f.name)) == march[f.name], f.name


def test_it_lists_every_month_with_the_zone_insee_codes(client, trip, driver, operator_user):
    _book_march(trip, operator_user)
    rows = list(csv.DictReader(io.StringIO(_monthly(client))))
    assert rows[0]["month"] == "2026-03"
    assert rows[0]["insee_codes"] == "26074 26364"
    months = [r["month"] for r in rows]
    assert months == sorted(months)
    assert len(set(months)) == len(months)
    assert {r["served"] for r in rows[1:]} <= {"0"}


def test_the_monthly_csv_follows_its_table_schema(client, trip, driver, operator_user):
    _book_march(trip, operator_user)
    text = _monthly(client)
    assert_valid(text, MONTHLY_STATS_SCHEMA)


def test_the_schema_catches_a_wrong_value(client, trip, driver, operator_user):
    _book_march(trip, operator_user)
    text = _monthly(client).replace("2026-03,", "2026-13,", 1)
    assert any("type-error" in e for e in errors(text, MONTHLY_STATS_SCHEMA))


def test_the_daily_staff_csv_follows_its_table_schema(client, trip, driver, operator_user):
    _book_march(trip, operator_user)
    client.force_login(operator_user)
    response = client.get("/transport/tad-la-paz/operate/stats.csv?start=2026-03-01&end=2026-03-31")
    assert_valid(response.content.decode(), DAILY_STATS_SCHEMA)


def test_an_inactive_service_publishes_no_statistics(client, service):
    service.is_active = False
    service.save(update_fields=["is_active"])
    assert client.get("/transport/tad-la-paz/statistics.csv").status_code == 404
