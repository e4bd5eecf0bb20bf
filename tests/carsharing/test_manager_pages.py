"""Manager pages: vehicles, per-vehicle calendar, member approval; who may see them."""

from __future__ import annotations

import pytest
import time_machine

from smartvillage.carsharing.models import CarshareMember
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import AuditLogEntry

from .conftest import NOW, paris

ORG = "vercors-soleil"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_manager_sees_vehicles_and_members(client, manager, zoe, applicant):
    client.force_login(manager)
    response = client.get(f"/carsharing/manage/{ORG}/")
    assert response.status_code == 200
    assert list(response.context["vehicles"]) == [zoe]
    assert "999999999999" in response.content.decode()  # the licence to check


@pytest.mark.parametrize(
    "url", [f"/carsharing/manage/{ORG}/", f"/carsharing/manage/{ORG}/vehicles/1/"]
)
def test_an_outsider_gets_404(client, outsider, zoe, url):
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", [f"/carsharing/manage/{ORG}/", f"/carsharing/manage/{ORG}/vehicles/1/"]
)
def test_a_plain_member_gets_403(client, plain_member, zoe, url):
    client.force_login(plain_member)
    assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, zoe):
    response = client.get(f"/carsharing/manage/{ORG}/")
    assert response.status_code == 302


def test_the_calendar_lists_bookings_by_day(client, manager, zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 20), paris(2026, 3, 4, 10), now=NOW)
    client.force_login(manager)
    response = client.get(f"/carsharing/manage/{ORG}/vehicles/{zoe.pk}/", {"from": "2026-03-02"})
    assert response.status_code == 200
    days = {d.isoformat(): len(b) for d, b in response.context["days"]}
    assert (days["2026-03-02"], days["2026-03-03"], days["2026-03-04"], days["2026-03-05"]) == (
        0,
        1,
        1,
        0,
    )


def test_the_calendar_of_another_fleets_vehicle_is_404(client, manager, zoe, make_user):
    from smartvillage.accounts.models import Organisation
    from smartvillage.carsharing.models import Station, Vehicle

    other = Organisation.objects.create(name="Autre", slug="autre", kind=Organisation.Kind.COMMUNE)
    station = Station.objects.create(organisation=other, name="S", latitude=45, longitude=5)
    car = Vehicle.objects.create(organisation=other, station=station, name="C", make="M", model="M")
    client.force_login(manager)
    assert client.get(f"/carsharing/manage/{ORG}/vehicles/{car.pk}/").status_code == 404


def test_the_manager_approves_a_member(client, manager, applicant):
    member = CarshareMember.objects.get(user=applicant)
    client.force_login(manager)
    url = f"/carsharing/manage/{ORG}/members/{member.pk}/review/"
    assert client.get(url).status_code == 405
    response = client.post(url, {"status": "approved"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "approved"
    assert member.reviewed_by == manager
    assert AuditLogEntry.objects.filter(action="carsharing.member.approved").count() == 1


def test_a_plain_member_cannot_approve(client, plain_member, applicant):
    member = CarshareMember.objects.get(user=applicant)
    client.force_login(plain_member)
    response = client.post(
        f"/carsharing/manage/{ORG}/members/{member.pk}/review/", {"status": "approved"}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.status == "under_review"


def test_an_unknown_status_changes_nothing(client, manager, applicant):
    member = CarshareMember.objects.get(user=applicant)
    client.force_login(manager)
    client.post(f"/carsharing/manage/{ORG}/members/{member.pk}/review/", {"status": "king"})
    member.refresh_from_db()
    assert member.status == "under_review"
