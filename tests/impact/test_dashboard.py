"""The territory dashboard, its CSV export and the embeddable widget."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from smartvillage.impact import services

from .conftest import APRIL, MARCH, carpool


@pytest.fixture(autouse=True)
def _april():
    with time_machine.travel(date(2026, 4, 15), tick=False):
        yield


@pytest.fixture
def figures(db, provide, commune, make_user):
    anna = make_user("anna@example.org")
    provide(carpool(anna, km=100.0), carpool(anna, km=40.0, month=APRIL))
    services.recompute(MARCH, date(2026, 5, 1))
    return anna


def test_the_dashboard_shows_totals_charts_and_their_tables(client, figures):
    response = client.get(reverse("impact:dashboard"))
    assert response.status_code == 200
    totals = response.context["figures"].totals
    assert (totals.trips, totals.car_km_avoided) == (2, Decimal("140"))
    body = response.content.decode()
    assert body.count("<svg") >= 2
    assert 'role="img"' in body
    assert "<rect" in body
    # The chart's figures are also in a table, and the map's in the commune table.
    assert "<caption" in body
    assert "La Chapelle-en-Vercors" in body
    assert "ademe-impactco2-2026-12" in body  # the factor version that made the figures
    assert "<script>" not in body
    assert " onclick=" not in body


def test_the_dashboard_filters_by_service_and_months(client, figures):
    response = client.get(reverse("impact:dashboard"), {"months": "1", "service": "ondemand"})
    assert response.context["figures"].totals.trips == 0
    response = client.get(reverse("impact:dashboard"), {"months": "1"})
    assert response.context["figures"].totals.car_km_avoided == Decimal("40.0")


@pytest.mark.parametrize(
    "query", [{"months": "999"}, {"months": "abc"}, {"service": "x"}, {"commune": "00000"}]
)
def test_bad_filters_are_field_errors_not_a_500(client, figures, query):
    response = client.get(reverse("impact:dashboard"), query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["figures"].totals.trips == 2  # the defaults apply


def test_the_csv_has_one_line_per_service_commune_and_month(client, figures):
    response = client.get(reverse("impact:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["month"], r["insee_code"], r["car_km_avoided"]) for r in rows] == [
        ("2026-03", "26074", "100.0"), ("2026-04", "26074", "40.0"),
    ]  # fmt: skip
    assert rows[0]["commune"] == "La Chapelle-en-Vercors"
    assert rows[0]["factor_version"] == "ademe-impactco2-2026-12"


def test_only_the_widget_may_be_framed(client, figures):
    widget = client.get(reverse("impact:widget_commune", args=["26074"]))
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget
    assert b"140" in widget.content
    assert client.get(reverse("impact:dashboard"))["X-Frame-Options"] == "DENY"
    assert client.get(reverse("impact:widget_commune", args=["99999"])).status_code == 404


def test_the_pages_are_get_only(client, db):
    for name in ("impact:dashboard", "impact:export_csv", "impact:widget", "impact:factors"):
        assert client.post(reverse(name)).status_code == 405


def test_the_dashboard_speaks_french_first(client, figures):
    response = client.get(reverse("impact:dashboard"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Km de voiture évités par mois" in response.content.decode()


def test_a_recompute_refreshes_the_cached_dashboard(client, db, provide, commune):
    service = provide(carpool(km=10.0, month=APRIL))
    services.recompute(MARCH, date(2026, 5, 1))
    first = client.get(reverse("impact:dashboard")).context["figures"]
    service.rows = [carpool(km=25.0, month=APRIL)]
    assert client.get(reverse("impact:dashboard")).context["figures"] == first  # cached
    services.recompute(MARCH, date(2026, 5, 1))
    again = client.get(reverse("impact:dashboard")).context["figures"]
    assert again.totals.car_km_avoided == Decimal("25.0")
