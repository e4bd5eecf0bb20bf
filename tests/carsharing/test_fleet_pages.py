"""Fleet manager pages: stations, vehicles (photo), pricing plans, maintenance blocks."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing.models import (
    Booking,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Vehicle,
)
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import AuditLogEntry
from smartvillage.territory.models import Place

from .conftest import NOW, image_upload, paris

ORG = "vercors-soleil"
BASE = f"/carsharing/manage/{ORG}"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


def _urls(zoe, station, plan):
    return [
        f"{BASE}/stations/new/",
        f"{BASE}/stations/{station.pk}/",
        f"{BASE}/vehicles/new/",
        f"{BASE}/vehicles/{zoe.pk}/edit/",
        f"{BASE}/vehicles/{zoe.pk}/maintenance/",
        f"{BASE}/plans/new/",
        f"{BASE}/plans/{plan.pk}/",
    ]


def _read_only_urls():
    return [f"{BASE}/damage/", f"{BASE}/statements/", f"{BASE}/statements/?format=csv"]


def test_every_fleet_page_is_404_for_an_outsider(client, outsider, zoe, station, plan):
    client.force_login(outsider)
    for url in _urls(zoe, station, plan):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    for url in _read_only_urls():
        assert client.get(url).status_code == 404, url
    assert Station.objects.count() == 1
    assert PricingPlan.objects.count() == 1


def test_every_fleet_page_is_403_for_a_plain_member(client, plain_member, zoe, station, plan):
    client.force_login(plain_member)
    for url in _urls(zoe, station, plan):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url
    for url in _read_only_urls():
        assert client.get(url).status_code == 403, url
    assert Station.objects.count() == 1


def test_every_fleet_page_sends_anonymous_to_login(client, zoe, station, plan):
    for url in _urls(zoe, station, plan) + _read_only_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_the_fleet_pages_refuse_other_methods(client, manager, zoe, station, plan):
    client.force_login(manager)
    for url in _urls(zoe, station, plan):
        assert client.put(url).status_code == 405, url
    for url in _read_only_urls():
        assert client.post(url).status_code == 405, url


def test_the_manager_creates_a_station_at_a_place(client, manager, fleet, commune):
    place = Place.objects.create(
        name="Mairie", slug="mairie", commune=commune, latitude=44.97, longitude=5.41
    )
    client.force_login(manager)
    response = client.post(
        f"{BASE}/stations/new/",
        {
            "name": "Mairie",
            "place": place.pk,
            "parking_instructions": "Green bay.",
            "key_instructions": "Box 1234.",
            "has_charging_point": "on",
            "charging_details": "Type 2, 7 kW",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    station = Station.objects.get()
    assert station.organisation == fleet.organisation
    assert (station.latitude, station.longitude, station.commune) == (44.97, 5.41, commune)
    assert station.has_charging_point
    assert AuditLogEntry.objects.filter(action="carsharing.station.created").count() == 1


def test_a_station_without_place_or_position_gets_field_errors(client, manager, fleet):
    client.force_login(manager)
    response = client.post(f"{BASE}/stations/new/", {"name": "Nowhere", "is_active": "on"})
    assert response.status_code == 422
    assert response.context["form"].errors["latitude"]
    assert not Station.objects.exists()


def test_the_manager_edits_a_station(client, manager, station):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/stations/{station.pk}/",
        {
            "name": station.name,
            "latitude": "44.9",
            "longitude": "5.4",
            "key_instructions": "New box code 9999.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    station.refresh_from_db()
    assert station.key_instructions == "New box code 9999."
    assert not station.has_charging_point


def test_another_organisations_station_is_404(client, manager, fleet):
    other = Organisation.objects.create(name="Autre", slug="autre", kind=Organisation.Kind.COMMUNE)
    theirs = Station.objects.create(organisation=other, name="S", latitude=45, longitude=5)
    client.force_login(manager)
    assert client.get(f"{BASE}/stations/{theirs.pk}/").status_code == 404
    assert client.post(f"{BASE}/stations/{theirs.pk}/", {"name": "Mine"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "S"


def _vehicle_data(station, **extra):
    data = {
        "name": "Kangoo",
        "station": station.pk,
        "make": "Renault",
        "model": "Kangoo E-Tech",
        "propulsion": "electric",
        "seats": "5",
        "range_km": "280",
        "charge_percent": "90",
        "key_instructions": "Box 5555.",
        "status": "available",
    }
    data.update(extra)
    return data


def test_the_manager_adds_a_vehicle_with_a_photo(client, manager, station, media):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/vehicles/new/", _vehicle_data(station, photo=image_upload("kangoo.png"))
    )
    assert response.status_code == 302
    vehicle = Vehicle.objects.get(name="Kangoo")
    assert vehicle.organisation == station.organisation
    assert vehicle.photo.name.startswith("carsharing/vehicles/kangoo")
    assert (media / vehicle.photo.name).exists()
    assert AuditLogEntry.objects.filter(action="carsharing.vehicle.created").count() == 1


def test_a_file_that_is_not_an_image_is_refused(client, manager, station, media):
    client.force_login(manager)
    fake = SimpleUploadedFile("car.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(f"{BASE}/vehicles/new/", _vehicle_data(station, photo=fake))
    assert response.status_code == 422
    assert response.context["form"].errors["photo"]
    assert not Vehicle.objects.exists()


def test_an_image_in_another_format_is_refused(client, manager, station, media):
    client.force_login(manager)
    gif = image_upload("car.gif", fmt="GIF")
    response = client.post(f"{BASE}/vehicles/new/", _vehicle_data(station, photo=gif))
    assert response.status_code == 422
    assert "JPEG" in str(response.context["form"].errors["photo"])


def test_a_vehicle_cannot_use_another_organisations_station(client, manager, fleet):
    other = Organisation.objects.create(name="Autre", slug="autre", kind=Organisation.Kind.COMMUNE)
    theirs = Station.objects.create(organisation=other, name="S", latitude=45, longitude=5)
    Station.objects.create(organisation=fleet.organisation, name="Mine", latitude=45, longitude=5)
    client.force_login(manager)
    response = client.post(f"{BASE}/vehicles/new/", _vehicle_data(theirs))
    assert response.status_code == 422
    assert response.context["form"].errors["station"]


def test_a_bad_charge_gets_a_field_error(client, manager, station):
    client.force_login(manager)
    response = client.post(f"{BASE}/vehicles/new/", _vehicle_data(station, charge_percent="140"))
    assert response.status_code == 422
    assert response.context["form"].errors["charge_percent"]


def test_putting_a_booked_vehicle_in_maintenance_lists_the_bookings(client, manager, zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    client.force_login(manager)
    data = _vehicle_data(zoe.station, name=zoe.name, status="maintenance")
    response = client.post(f"{BASE}/vehicles/{zoe.pk}/edit/", data, follow=True)
    zoe.refresh_from_db()
    assert zoe.status == Vehicle.Status.MAINTENANCE
    assert list(response.context["at_risk"]) == [booking]
    assert "dora@example.org" in response.content.decode()
    # ... and nobody can book it any more.
    with pytest.raises(Exception, match="maintenance"):
        service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)


def test_the_manager_plans_a_maintenance_on_a_free_slot(client, manager, zoe, driver):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/vehicles/{zoe.pk}/maintenance/",
        {"starts_at": "2026-03-10T08:00", "ends_at": "2026-03-10T18:00", "reason": "Tyres"},
    )
    assert response.status_code == 302
    block = MaintenanceBlock.objects.get()
    assert (block.reason, block.created_by) == ("Tyres", manager)
    assert AuditLogEntry.objects.filter(action="carsharing.maintenance.created").count() == 1
    # The booking rule now refuses that time.
    with pytest.raises(Exception, match="maintenance"):
        service.book(driver, zoe, paris(2026, 3, 10, 9), paris(2026, 3, 10, 11), now=NOW)


def test_a_maintenance_over_a_booking_is_refused_and_lists_it(client, manager, zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 10, 9), paris(2026, 3, 10, 12), now=NOW)
    client.force_login(manager)
    response = client.post(
        f"{BASE}/vehicles/{zoe.pk}/maintenance/",
        {"starts_at": "2026-03-10T11:00", "ends_at": "2026-03-10T18:00", "reason": "Tyres"},
    )
    assert response.status_code == 422
    assert not MaintenanceBlock.objects.exists()
    [listed] = response.context["conflict"].bookings
    assert listed.member.user == driver
    assert "dora@example.org" in response.content.decode()


def test_a_maintenance_touching_a_booking_is_allowed(client, manager, zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 10, 9), paris(2026, 3, 10, 12), now=NOW)
    client.force_login(manager)
    response = client.post(
        f"{BASE}/vehicles/{zoe.pk}/maintenance/",
        {"starts_at": "2026-03-10T12:00", "ends_at": "2026-03-10T18:00"},
    )
    assert response.status_code == 302
    assert MaintenanceBlock.objects.count() == 1


def test_a_reversed_maintenance_gets_a_field_error(client, manager, zoe):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/vehicles/{zoe.pk}/maintenance/",
        {"starts_at": "2026-03-10T18:00", "ends_at": "2026-03-10T08:00"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["ends_at"]
    assert not MaintenanceBlock.objects.exists()


def test_the_manager_removes_a_maintenance(client, manager, zoe):
    block = MaintenanceBlock.objects.create(
        vehicle=zoe, starts_at=paris(2026, 3, 10, 8), ends_at=paris(2026, 3, 10, 18)
    )
    client.force_login(manager)
    url = f"{BASE}/maintenance/{block.pk}/delete/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not MaintenanceBlock.objects.exists()
    assert AuditLogEntry.objects.filter(action="carsharing.maintenance.deleted").count() == 1


def test_a_plain_member_cannot_remove_a_maintenance(client, plain_member, zoe):
    block = MaintenanceBlock.objects.create(
        vehicle=zoe, starts_at=paris(2026, 3, 10, 8), ends_at=paris(2026, 3, 10, 18)
    )
    client.force_login(plain_member)
    assert client.post(f"{BASE}/maintenance/{block.pk}/delete/").status_code == 403
    assert MaintenanceBlock.objects.filter(pk=block.pk).exists()


def test_the_manager_creates_a_default_plan_that_replaces_the_old_default(client, manager, plan):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/plans/new/",
        {
            "name": "Été",
            "hourly_rate": "2.50",
            "per_km_rate": "0.25",
            "daily_cap": "30",
            "membership_fee": "20",
            "deposit": "200",
            "is_default": "on",
        },
    )
    assert response.status_code == 302
    summer = PricingPlan.objects.get(name="Été")
    assert str(summer.hourly_rate) == "2.50"
    assert summer.is_default
    plan.refresh_from_db()
    assert not plan.is_default
    assert AuditLogEntry.objects.filter(action="carsharing.plan.created").count() == 1


def test_a_negative_price_gets_a_field_error(client, manager, fleet):
    client.force_login(manager)
    response = client.post(
        f"{BASE}/plans/new/",
        {"name": "Bad", "hourly_rate": "-1", "per_km_rate": "x", "membership_fee": "0",
         "deposit": "0"},
    )  # fmt: skip
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["hourly_rate"]
    assert errors["per_km_rate"]
    assert not PricingPlan.objects.exists()


def test_a_new_plan_prices_new_bookings(client, manager, plan, zoe, driver):
    client.force_login(manager)
    client.post(
        f"{BASE}/plans/{plan.pk}/",
        {"name": plan.name, "hourly_rate": "3.00", "per_km_rate": "0.20", "daily_cap": "20",
         "membership_fee": "20", "deposit": "150", "is_default": "on"},
    )  # fmt: skip
    booking = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11), now=NOW)
    assert str(booking.estimated_price) == "6.00"


def test_the_manage_page_writes_nothing_on_get(client, make_user):
    from smartvillage.accounts.models import Membership
    from smartvillage.carsharing.models import Fleet

    org = Organisation.objects.create(name="Neuf", slug="neuf", kind=Organisation.Kind.COMMUNE)
    boss = make_user("boss@example.org")
    Membership.objects.create(user=boss, organisation=org, role=Membership.Role.ADMIN)
    client.force_login(boss)
    assert client.get("/carsharing/manage/neuf/").status_code == 200
    assert not Fleet.objects.exists()
    assert not Booking.objects.exists()
