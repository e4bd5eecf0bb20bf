"""Open data of the third places: the monthly impact CSV has the impact page's figures (one
function), and every CSV export follows its Table Schema (validated with frictionless)."""

from __future__ import annotations

import csv
import io
from datetime import date

import time_machine
from django.urls import reverse

from smartvillage.thirdplaces.datasets import (
    COVERAGE_SCHEMA,
    IMPACT_SCHEMA,
    PLACES_TABLE_SCHEMA,
    STATEMENT_SCHEMA,
)
from smartvillage.thirdplaces.models import Workplace
from smartvillage.thirdplaces.services import booking as service
from tests.opendata.tabular import assert_valid
from tests.thirdplaces.test_coverage_page import staff, valley  # noqa: F401  (fixtures)
from tests.thirdplaces.test_manager_pages import bookings  # noqa: F401  (fixture)

from .conftest import NOW


def _desk_days(desks, coworker, grenoble, autrans):
    Workplace.objects.create(user=coworker, label="Bureaux", commune=grenoble, home_commune=autrans)
    with time_machine.travel(NOW, tick=False):
        service.book_desk(coworker, desks, date(2026, 3, 3), "day", now=NOW)
        service.book_desk(coworker, desks, date(2026, 3, 4), "morning", now=NOW)
        service.book_desk(coworker, desks, date(2026, 4, 7), "day", now=NOW)


def _impact_rows(client):
    response = client.get(reverse("thirdplaces:impact_csv"))
    assert response.status_code == 200
    text = response.content.decode()
    return text, list(csv.DictReader(io.StringIO(text)))


def test_each_month_has_the_figures_of_the_impact_page(client, desks, coworker, grenoble, autrans):
    _desk_days(desks, coworker, grenoble, autrans)
    _text, rows = _impact_rows(client)
    assert [(r["month"], r["desk_days"]) for r in rows] == [("2026-03", "2"), ("2026-04", "1")]
    for row in rows:
        page = client.get(reverse("thirdplaces:impact"), {"month": row["month"]})
        place = page.context["impact"].places["la-jolie-colo"]
        assert str(place["desk_days"]) == row["desk_days"]
        assert str(place["km"]) == row["km_avoided"]
        assert str(place["co2_kg"]) == row["co2_avoided_kg"]
        assert row["insee_code"] == autrans.insee_code


def test_the_impact_page_without_month_counts_every_day(client, desks, coworker, grenoble, autrans):
    _desk_days(desks, coworker, grenoble, autrans)
    assert client.get(reverse("thirdplaces:impact")).context["impact"].desk_days == 3


def test_a_bad_month_is_a_field_error(client, desks, coworker, grenoble, autrans):
    page = client.get(reverse("thirdplaces:impact"), {"month": "march"})
    assert page.status_code == 200
    assert "month" in page.context["form"].errors


def test_the_impact_csv_follows_its_table_schema(client, desks, coworker, grenoble, autrans):
    _desk_days(desks, coworker, grenoble, autrans)
    text, _rows = _impact_rows(client)
    assert_valid(text, IMPACT_SCHEMA, rows=2)


def test_the_places_csv_follows_its_table_schema(client, colo, fablab):
    text = client.get(reverse("thirdplaces:csv")).content.decode()
    assert_valid(text, PLACES_TABLE_SCHEMA, rows=2)


def test_the_coverage_csv_follows_its_table_schema(client, staff, valley):  # noqa: F811
    client.force_login(staff)
    text = client.get(reverse("thirdplaces:coverage_csv"), {"minutes": 15}).content.decode()
    assert_valid(text, COVERAGE_SCHEMA)


def test_the_statement_csv_follows_its_table_schema(client, manager, bookings):  # noqa: F811
    client.force_login(manager)
    url = reverse("thirdplaces:statement", args=["la-jolie-colo", "la-jolie-colo", "2026-03"])
    text = client.get(url, {"format": "csv"}).content.decode()
    assert_valid(text, STATEMENT_SCHEMA, rows=5)
