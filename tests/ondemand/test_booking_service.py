from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from smartvillage.core.models import AuditLogEntry
from smartvillage.ondemand.models import Booking, Run, RunStop, Service
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services.booking import Endpoint, Unservable

from .conftest import NOW, WEDNESDAY, paris


def codes(exc: ValidationError) -> dict[str, set[str]]:
    return {f: {e.code for e in errs} for f, errs in exc.error_dict.items()}


def test_it_books_with_a_proposed_window(
    trip, driver, operator_user, django_capture_on_commit_callbacks
):
    from smartvillage.core.notifications import outbox as _sms_outbox

    with django_capture_on_commit_callbacks(execute=True):
        booking = service_booking.book(operator_user, trip(), now=NOW)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.run is not None
    assert booking.run.vehicle.name == "Zoé"
    assert booking.window_start <= booking.planned_pickup <= booking.window_end
    assert booking.planned_pickup >= WEDNESDAY
    assert booking.planned_dropoff > booking.planned_pickup
    assert RunStop.objects.filter(booking=booking).count() == 2
    assert AuditLogEntry.objects.filter(action="ondemand.booking.created").count() == 1
    assert _sms_outbox
    assert _sms_outbox[0][0] == "06 12 34 56 78"


def test_it_puts_an_arrive_by_dropoff_before_the_time(trip, driver, operator_user):
    booking = service_booking.book(operator_user, trip(time_kind="arrive_by"), now=NOW)
    assert booking.planned_dropoff <= WEDNESDAY
    assert booking.planned_dropoff >= WEDNESDAY - timedelta(minutes=30)


def test_it_rejects_too_short_notice(trip, driver, operator_user):
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(requested_time=paris(2026, 3, 3, 10)), now=NOW)
    assert codes(exc.value) == {"time": {"too_short_notice"}}
    assert not Booking.objects.exists()


def test_it_rejects_a_day_without_service_and_hours(trip, driver, operator_user):
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(requested_time=paris(2026, 3, 7, 20)), now=NOW)
    assert codes(exc.value) == {"date": {"no_service_day"}, "time": {"outside_hours"}}


def test_it_rejects_too_far_ahead(trip, driver, operator_user):
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(requested_time=paris(2026, 4, 15, 10)), now=NOW)
    assert "too_far_ahead" in codes(exc.value)["date"]


def test_it_rejects_a_place_outside_the_zone(trip, driver, operator_user, places):
    grenoble = places["grenoble"]
    outside = Endpoint(
        grenoble.name, grenoble.latitude, grenoble.longitude, None, grenoble.commune_id
    )
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(destination=outside), now=NOW)
    assert codes(exc.value) == {"destination": {"outside_zone"}}


def test_it_accepts_an_address_inside_the_zone_polygon(trip, driver, operator_user, service):
    service.communes.clear()
    service.zone_geojson = {
        "type": "Polygon",
        "coordinates": [
            [[5.30, 44.85], [5.50, 44.85], [5.50, 45.00], [5.30, 45.00], [5.30, 44.85]]
        ],
    }
    service.save()
    home = Endpoint("12 route des Alpes", 44.95, 5.40)
    booking = service_booking.book(operator_user, trip(origin=home), now=NOW)
    assert booking.origin_label == "12 route des Alpes"


def test_it_rejects_an_unregistered_beneficiary_when_registration_is_required(
    trip, driver, operator_user, service, beneficiary
):
    service.eligibility = Service.Eligibility.REGISTERED
    service.save()
    beneficiary.is_registered = False
    beneficiary.save()
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(), now=NOW)
    assert codes(exc.value) == {"beneficiary": {"not_registered"}}


def test_it_rejects_a_wheelchair_without_an_adapted_vehicle(trip, driver, operator_user):
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(wheelchair=True), now=NOW)
    assert codes(exc.value) == {"wheelchair": {"no_wheelchair_vehicle"}}


def test_it_gives_the_wheelchair_to_the_minibus(trip, driver, second_driver, operator_user):
    booking = service_booking.book(operator_user, trip(wheelchair=True), now=NOW)
    assert booking.run.vehicle.name == "Minibus"


def test_a_full_car_refuses_with_alternatives(trip, driver, operator_user):
    service_booking.book(operator_user, trip(passengers=3), now=NOW)
    with pytest.raises(Unservable) as exc:
        service_booking.book(operator_user, trip(passengers=2), now=NOW)
    assert exc.value.alternatives
    first = exc.value.alternatives[0]
    assert first.requested_time != WEDNESDAY
    refused = Booking.objects.get(status=Booking.Status.UNSERVED)
    assert refused.reason
    # The alternative really works.
    booked = service_booking.book(
        operator_user, trip(passengers=2, requested_time=first.requested_time), now=NOW
    )
    assert booked.status == Booking.Status.CONFIRMED


def test_it_refuses_when_no_driver_is_available(trip, car, operator_user):
    with pytest.raises(Unservable):
        service_booking.book(operator_user, trip(), now=NOW)


def test_quote_writes_nothing(trip, driver):
    quote = service_booking.quote(trip(), now=NOW)
    assert quote.window_start <= quote.pickup <= quote.window_end
    assert not Booking.objects.exists()
    assert not Run.objects.exists()


def test_insertion_keeps_earlier_promises(trip, driver, operator_user, beneficiary):
    first = service_booking.book(operator_user, trip(), now=NOW)
    for minutes in (5, 10):
        service_booking.book(
            operator_user, trip(requested_time=WEDNESDAY + timedelta(minutes=minutes)), now=NOW
        )
    first.refresh_from_db()
    assert first.window_start <= first.planned_pickup <= first.window_end


def test_cancel_frees_the_seat_and_keeps_others(trip, driver, operator_user):
    a = service_booking.book(operator_user, trip(passengers=2), now=NOW)
    b = service_booking.book(operator_user, trip(passengers=1), now=NOW)
    service_booking.cancel(operator_user, a, now=NOW)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Booking.Status.CANCELLED
    assert not a.late_cancellation
    assert not RunStop.objects.filter(booking=a).exists()
    assert b.window_start <= b.planned_pickup <= b.window_end
    # The freed seats can be booked again.
    service_booking.book(operator_user, trip(passengers=2), now=NOW)


def test_late_cancellation_records_an_incident(trip, driver, operator_user, beneficiary):
    booking = service_booking.book(operator_user, trip(), now=NOW)
    service_booking.cancel(operator_user, booking, now=WEDNESDAY - timedelta(hours=2))
    booking.refresh_from_db()
    assert booking.late_cancellation
    assert beneficiary.incidents.count() == 1


def test_repeated_incidents_restrict_the_beneficiary(trip, driver, operator_user, beneficiary):
    for day in (4, 5, 6):
        booking = service_booking.book(
            operator_user, trip(requested_time=paris(2026, 3, day, 10)), now=NOW
        )
        service_booking.cancel(operator_user, booking, now=paris(2026, 3, day, 9))
    beneficiary.refresh_from_db()
    assert beneficiary.restricted_until is not None
    with pytest.raises(ValidationError) as exc:
        service_booking.book(operator_user, trip(requested_time=paris(2026, 3, 10, 10)), now=NOW)
    assert codes(exc.value) == {"beneficiary": {"restricted"}}


def test_a_past_booking_cannot_be_cancelled(trip, driver, operator_user):
    booking = service_booking.book(operator_user, trip(), now=NOW)
    with pytest.raises(ValidationError):
        service_booking.cancel(operator_user, booking, now=WEDNESDAY + timedelta(hours=2))
