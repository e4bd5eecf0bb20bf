from __future__ import annotations

import pytest
import time_machine

from smartvillage.accounts import gdpr
from smartvillage.ondemand.models import Beneficiary, Booking, Driver, RunStop
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services.booking import Endpoint

from .conftest import NOW


def test_a_residents_export_lists_their_trips_only(
    trip, driver, resident_beneficiary, beneficiary, member_user
):
    mine = service_booking.book(None, trip(beneficiary=resident_beneficiary), now=NOW)
    service_booking.book(None, trip(beneficiary=beneficiary), now=NOW)
    data = gdpr.export_user_data(member_user)
    part = (
        data["ondemand.personal"]
        if "ondemand.personal" in data
        else data["data"]["ondemand.personal"]
    )
    (person,) = part["beneficiaries"]
    assert [b["requested_time"] for b in person["bookings"]] == [mine.requested_time]
    assert "Jeanne" not in str(part)


def test_erasure_cancels_future_trips_and_blanks_the_person(
    trip, driver, resident_beneficiary, member_user
):
    home = Endpoint(
        "12 chemin des Gentianes", 44.9712, 5.4201, None, resident_beneficiary.commune_id
    )
    with time_machine.travel(NOW, tick=False):
        booking = service_booking.book(
            None, trip(beneficiary=resident_beneficiary, origin=home), now=NOW
        )
        gdpr.erase_account(member_user)
    booking.refresh_from_db()
    person = Beneficiary.objects.get(pk=resident_beneficiary.pk)
    assert booking.status == Booking.Status.CANCELLED
    assert not RunStop.objects.filter(booking=booking).exists()
    assert booking.origin_label == ""
    assert booking.origin_lat == pytest.approx(44.97)
    assert booking.direct_distance_m > 0  # kept for the statistics
    assert (person.first_name, person.phone, person.user) == ("—", "", None)


def test_erasing_a_driver_removes_their_availability(driver, driver_user):
    gdpr.erase_account(driver_user)
    driver = Driver.objects.get(pk=driver.pk)
    assert not driver.is_active
    assert not driver.availabilities.exists()


@pytest.mark.django_db
def test_operators_export_and_admins_erase_people_without_account(
    client, operator_user, admin_user, service, beneficiary
):
    client.force_login(operator_user)
    url = f"/transport/tad-la-paz/operate/people/{beneficiary.pk}/"
    data = client.get(url + "data.json").json()
    assert data["phone"] == "06 12 34 56 78"
    assert client.post(url + "erase/").status_code == 403
    client.force_login(admin_user)
    assert client.get(url + "erase/").status_code == 405
    client.post(url + "erase/")
    beneficiary.refresh_from_db()
    assert beneficiary.phone == ""
    assert beneficiary.last_name == ""
