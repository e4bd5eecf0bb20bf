"""Car sharing's part of the personal-data export and erasure (accounts.gdpr registry)."""

from smartvillage.accounts import gdpr
from smartvillage.carsharing.models import Booking, CarshareMember
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import CalendarFeed

from .conftest import NOW, paris


def test_the_export_includes_memberships_and_bookings(zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    data = gdpr.export_user_data(driver)["data"]
    assert data["carsharing.memberships"][0]["licence_number"] == "123456789012"
    assert data["carsharing.bookings"][0]["vehicle"] == "Zoé de La Chapelle"


def test_erasure_blanks_the_licence_and_keeps_the_bookings(zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    CalendarFeed.for_user(driver, "carsharing")
    gdpr.erase_account(driver)
    member = CarshareMember.objects.get(user=driver)
    assert (member.licence_number, member.status) == ("", "suspended")
    assert Booking.objects.count() == 1
    assert not CalendarFeed.objects.exists()


def test_damage_reports_are_exported_and_detached_on_erasure(zoe, driver):
    from smartvillage.carsharing import privacy
    from smartvillage.carsharing.models import DamageReport

    report = DamageReport.objects.create(vehicle=zoe, reported_by=driver, description="Dent")
    [row] = privacy.export_damage_reports(driver)
    assert row["description"] == "Dent"
    privacy.erase_member_data(driver)
    report.refresh_from_db()
    assert report.reported_by is None
    assert report.description == "Dent"  # the car's follow-up goes on
