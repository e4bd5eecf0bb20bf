"""The booking rules of services/booking.py, with their field-level messages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from smartvillage.carsharing.models import Booking, CarshareMember, MaintenanceBlock, Vehicle
from smartvillage.carsharing.services import booking as service
from smartvillage.core.models import AuditLogEntry

from .conftest import NOW, paris


def codes(exc_info) -> dict[str, set[str]]:
    return {f: {e.code for e in errs} for f, errs in exc_info.value.error_dict.items()}


def test_it_books_a_free_vehicle(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.member.user == driver
    assert booking.estimated_price == pytest.approx(6)  # 3 h at €2
    entry = AuditLogEntry.objects.for_target(booking).get()
    assert entry.action == "carsharing.booking.created"
    assert entry.actor == driver


def test_it_rejects_an_end_before_the_start(zoe, driver):
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 12), paris(2026, 3, 3, 9), now=NOW)
    assert codes(exc) == {"end": {"end_before_start"}}


def test_it_rejects_a_too_short_booking(zoe, driver):
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 9, 30), now=NOW)
    assert codes(exc) == {"end": {"too_short"}}
    assert "1 h" in exc.value.message_dict["end"][0]


def test_it_rejects_a_too_long_booking(zoe, driver):
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 7, 9), now=NOW)
    assert codes(exc) == {"end": {"too_long"}}


def test_it_rejects_a_booking_in_the_past(zoe, driver):
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 2, 8), paris(2026, 3, 2, 10), now=NOW)
    assert codes(exc) == {"start": {"in_the_past"}}


def test_it_reports_several_field_errors_at_once(zoe, driver):
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 1, 8), paris(2026, 3, 1, 8, 10), now=NOW)
    assert codes(exc) == {"start": {"in_the_past"}, "end": {"too_short"}}


def test_a_member_under_review_cannot_book(zoe, applicant):
    with pytest.raises(ValidationError) as exc:
        service.book(applicant, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"__all__": {"under_review"}}
    assert not Booking.objects.exists()


def test_a_suspended_member_cannot_book(zoe, driver):
    CarshareMember.objects.filter(user=driver).update(status=CarshareMember.Status.SUSPENDED)
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"__all__": {"suspended"}}


def test_an_outsider_cannot_book(zoe, outsider):
    with pytest.raises(ValidationError) as exc:
        service.book(outsider, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"__all__": {"not_member"}}


def test_an_expired_licence_cannot_book(zoe, driver):
    CarshareMember.objects.filter(user=driver).update(licence_expiry=date(2026, 3, 1))
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"__all__": {"licence_expired"}}


def test_it_rejects_a_vehicle_in_maintenance(zoe, driver):
    Vehicle.objects.filter(pk=zoe.pk).update(status=Vehicle.Status.MAINTENANCE)
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"vehicle": {"vehicle_maintenance"}}


def test_it_rejects_a_slot_during_a_maintenance_block(zoe, driver):
    MaintenanceBlock.objects.create(
        vehicle=zoe, starts_at=paris(2026, 3, 3, 11), ends_at=paris(2026, 3, 3, 15)
    )
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"vehicle": {"vehicle_blocked"}}


def test_it_rejects_an_overlapping_booking(zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 11), paris(2026, 3, 3, 14), now=NOW)
    assert codes(exc) == {"vehicle": {"slot_taken"}}
    assert Booking.objects.count() == 1


def test_it_requires_the_charging_buffer_between_bookings(zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.book(driver, zoe, paris(2026, 3, 3, 12, 15), paris(2026, 3, 3, 14), now=NOW)
    assert codes(exc) == {"vehicle": {"charging_buffer"}}
    assert "30 min" in exc.value.message_dict["vehicle"][0]
    # After the buffer, and before the previous booking by as much, it is fine.
    service.book(driver, zoe, paris(2026, 3, 3, 12, 30), paris(2026, 3, 3, 14), now=NOW)
    service.book(driver, zoe, paris(2026, 3, 3, 7), paris(2026, 3, 3, 8, 30), now=NOW)


def test_a_cancelled_booking_frees_the_slot(zoe, driver):
    first = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    service.cancel(driver, first, now=NOW)
    again = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    assert again.pk != first.pk


def test_it_cancels_for_free_before_the_deadline(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    service.cancel(driver, booking, now=paris(2026, 3, 4, 9))  # exactly 24 h before
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancellation_fee == 0
    assert AuditLogEntry.objects.filter(action="carsharing.booking.cancelled").count() == 1


def test_it_charges_a_late_cancellation(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    service.cancel(driver, booking, now=paris(2026, 3, 4, 9, 1))
    booking.refresh_from_db()
    assert str(booking.cancellation_fee) == "3.00"  # 50 % of €6.00


def test_it_refuses_to_cancel_twice_or_after_the_start(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.cancel(driver, booking, now=paris(2026, 3, 5, 9))
    assert codes(exc) == {"__all__": {"already_started"}}
    service.cancel(driver, booking, now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.cancel(driver, booking, now=NOW)
    assert codes(exc) == {"__all__": {"cancelled"}}


def test_it_refuses_to_cancel_someone_elses_booking(zoe, driver, make_user):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    other = make_user("eve@example.org")
    with pytest.raises(Booking.DoesNotExist):
        service.cancel(other, booking, now=NOW)


def test_it_moves_a_booking_without_conflicting_with_itself(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    moved = service.change(driver, booking, paris(2026, 3, 5, 10), paris(2026, 3, 5, 14), now=NOW)
    assert moved.starts_at == paris(2026, 3, 5, 10)
    assert str(moved.estimated_price) == "8.00"
    assert AuditLogEntry.objects.filter(action="carsharing.booking.changed").count() == 1


def test_it_refuses_to_move_onto_another_booking(zoe, driver):
    service.book(driver, zoe, paris(2026, 3, 5, 14), paris(2026, 3, 5, 16), now=NOW)
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.change(driver, booking, paris(2026, 3, 5, 10), paris(2026, 3, 5, 15), now=NOW)
    assert codes(exc) == {"vehicle": {"slot_taken"}}


def test_a_started_booking_can_be_extended_but_not_moved(zoe, driver):
    booking = service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    during = paris(2026, 3, 5, 11)
    with pytest.raises(ValidationError) as exc:
        service.change(driver, booking, paris(2026, 3, 5, 10), paris(2026, 3, 5, 14), now=during)
    assert codes(exc) == {"start": {"already_started"}}
    extended = service.change(
        driver, booking, paris(2026, 3, 5, 9), paris(2026, 3, 5, 13), now=during
    )
    assert extended.ends_at == paris(2026, 3, 5, 13)


def test_availability_lists_free_and_taken_vehicles_with_a_price(zoe, driver, station):
    Vehicle.objects.create(
        organisation=zoe.organisation,
        station=station,
        name="Kangoo",
        make="Renault",
        model="Kangoo E-Tech",
    )
    service.book(driver, zoe, paris(2026, 3, 5, 9), paris(2026, 3, 5, 12), now=NOW)
    rows = service.availability(
        Vehicle.objects.order_by("name"), paris(2026, 3, 5, 10), paris(2026, 3, 5, 11, 30), driver
    )
    assert [(r["vehicle"].name, r["available"]) for r in rows] == [
        ("Kangoo", True),
        ("Zoé de La Chapelle", False),
    ]
    assert str(rows[1]["estimated_price"]) == "3.00"
    assert rows[1]["reason"]


def test_error_messages_are_translated(zoe, applicant):
    from django.utils import translation

    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        service.book(applicant, zoe, paris(2026, 3, 3, 9), paris(2026, 3, 3, 12), now=NOW)
    assert exc.value.message_dict["__all__"]


def test_booking_times_in_utc_and_paris_are_the_same_instant(zoe, driver):
    start = paris(2026, 3, 3, 9)
    booking = service.book(driver, zoe, start, start + timedelta(hours=2), now=NOW)
    booking.refresh_from_db()
    assert booking.starts_at == start
