"""Monthly statements: per member, CSV and printable page, for the manager and the member."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from smartvillage.carsharing.models import CarshareMember
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import statements

from .conftest import paris

ORG = "vercors-soleil"
BEFORE = paris(2026, 3, 1, 8)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(paris(2026, 4, 2, 9), tick=False):
        yield


@pytest.fixture
def march(zoe, driver, fleet, make_user):
    """Dora: a 3-hour trip of 50 km on 3 March and a late cancellation on 20 March; one trip
    of Colette's, checked in on 1 April (April's statement)."""
    b1 = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=BEFORE)
    trip = service.check_out(driver, b1, 41000, 90, now=paris(2026, 3, 3, 9))
    service.check_in(driver, trip, 41050, 40, "clean", now=paris(2026, 3, 3, 11, 50))
    b2 = service.book(driver, zoe, paris(2026, 3, 21, 9), paris(2026, 3, 21, 13), now=BEFORE)
    service.cancel(driver, b2, now=paris(2026, 3, 20, 20))  # 13 h before: late, 50 % of 8 €
    other = make_user("colette@example.org", first_name="Colette", last_name="Autre")
    CarshareMember.objects.create(
        user=other, organisation=fleet.organisation, licence_number="2", status="approved"
    )
    b3 = service.book(other, zoe, paris(2026, 3, 31, 20), paris(2026, 4, 1, 8), now=BEFORE)
    t3 = service.check_out(other, b3, 41050, 90, now=paris(2026, 3, 31, 20))
    service.check_in(other, t3, 41080, 70, "clean", now=paris(2026, 4, 1, 7, 50))
    return driver


def test_a_statement_adds_trips_and_fees_of_the_month(march):
    member = CarshareMember.objects.get(user=march)
    statement = statements.statement_for(member, date(2026, 3, 1))
    assert [line.kind for line in statement.lines] == ["trip", "cancellation"]
    trip, fee = statement.lines
    # 3 h at 2 €/h, 50 km at 0.20 €/km; the fee is half the 8 € estimate.
    assert (trip.time_price, trip.km_price, trip.km) == (Decimal("6.00"), Decimal("10.00"), 50)
    assert fee.fee == Decimal("4.00")
    assert statement.total == Decimal("20.00")
    assert statement.km == 50


def test_a_trip_belongs_to_the_month_of_its_check_in(march):
    colette = CarshareMember.objects.get(user__email="colette@example.org")
    assert statements.statement_for(colette, date(2026, 3, 1)).lines == []
    [line] = statements.statement_for(colette, date(2026, 4, 1)).lines
    assert line.km == 30


def test_the_month_bounds_are_in_paris_time(march):
    first, after = statements.month_bounds(date(2026, 3, 1))
    assert first.utcoffset().total_seconds() == 3600  # winter time on 1 March
    assert after.utcoffset().total_seconds() == 7200  # summer time on 1 April


def test_the_manager_sees_every_members_statement(client, march, manager):
    client.force_login(manager)
    response = client.get(f"/carsharing/manage/{ORG}/statements/", {"month": "2026-03"})
    assert response.status_code == 200
    [statement] = response.context["statements"]  # Colette's trip is April's
    assert statement.member.user == march
    assert response.context["grand_total"] == Decimal("20.00")
    assert "20,00\u00a0€" in response.content.decode()  # French number format and spacing


def test_the_manager_downloads_the_csv(client, march, manager):
    client.force_login(manager)
    response = client.get(
        f"/carsharing/manage/{ORG}/statements/", {"month": "2026-03", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["line"] for r in rows] == ["trip", "cancellation"]
    assert rows[0]["station_insee_code"] == "26074"
    assert rows[0]["member_email"] == "dora@example.org"
    assert sum(Decimal(r["total_eur"]) for r in rows) == Decimal("20.00")
    assert rows[0]["booked_from"] == "2026-03-03T09:00+01:00"


def test_the_manager_prints_one_members_statement(client, march, manager):
    member = CarshareMember.objects.get(user=march)
    client.force_login(manager)
    response = client.get(
        f"/carsharing/manage/{ORG}/statements/", {"month": "2026-03", "member": member.pk}
    )
    assert response.status_code == 200
    assert response.context["single"]
    assert len(response.context["statements"]) == 1


def test_another_fleets_member_is_not_on_the_managers_statement(client, march, manager):
    from smartvillage.accounts.models import Organisation

    other = Organisation.objects.create(name="Autre", slug="autre", kind=Organisation.Kind.COMMUNE)
    stranger = CarshareMember.objects.create(
        user=march, organisation=other, licence_number="3", status="approved"
    )
    client.force_login(manager)
    response = client.get(
        f"/carsharing/manage/{ORG}/statements/", {"month": "2026-03", "member": stranger.pk}
    )
    assert response.status_code == 302  # unknown here: back to the whole list


def test_a_bad_month_falls_back_to_the_current_one(client, march, manager):
    client.force_login(manager)
    response = client.get(f"/carsharing/manage/{ORG}/statements/", {"month": "2026-13"})
    assert response.status_code == 200
    assert response.context["month"] == date(2026, 4, 1)


def test_a_member_sees_their_own_statement_only(client, march):
    client.force_login(march)
    response = client.get("/carsharing/statements/", {"month": "2026-03"})
    assert response.status_code == 200
    [statement] = response.context["statements"]
    assert statement.total == Decimal("20.00")
    csv_response = client.get("/carsharing/statements/", {"month": "2026-04", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert rows == []  # Colette's April trip is not Dora's


def test_my_statements_require_login_and_get(client, march):
    assert client.get("/carsharing/statements/").status_code == 302
    client.force_login(march)
    assert client.post("/carsharing/statements/").status_code == 405
