"""Personal data held by on-demand transport, for the export and erasure registry.

A beneficiary may have no account (registered by an operator on the phone): the same
``export_beneficiary`` / ``erase_beneficiary`` serve the person's own "my data" page (through
the accounts.gdpr registry) and the operator's page for people without an account.

Erasure keeps the trips for the statistics (date, distances, status, stop names) and blanks
what identifies the person: names, contact, address, notes, free addresses of trips (their
coordinates are rounded to ~1 km). Future trips are cancelled first, through the booking
service, so that the day's plan stays consistent.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from smartvillage.ondemand.models import Beneficiary, Booking, Driver


def _booking(b: Booking) -> dict[str, Any]:
    return {
        "service": b.service.slug,
        "date": b.date,
        "from": b.origin_label,
        "to": b.destination_label,
        "time_kind": b.time_kind,
        "requested_time": b.requested_time,
        "pickup_window": [b.window_start, b.window_end],
        "passengers": b.passengers,
        "wheelchair": b.wheelchair,
        "companion": b.companion,
        "status": b.status,
        "fare": str(b.fare),
        "note": b.note,
        "late_cancellation": b.late_cancellation,
    }


def export_beneficiary(person: Beneficiary) -> dict[str, Any]:
    return {
        "organisation": person.organisation.slug,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "phone": person.phone,
        "email": person.email,
        "commune": person.commune.insee_code if person.commune else None,
        "address": person.address,
        "uses_wheelchair": person.uses_wheelchair,
        "notes": person.notes,
        "registered": person.is_registered,
        "restricted_until": person.restricted_until,
        "bookings": [
            _booking(b) for b in person.bookings.select_related("service").order_by("date")
        ],
        "recurring": [
            {
                "service": r.service.slug,
                "days": r.weekdays,
                "time": r.time.isoformat(),
                "from": str(r.origin_stop),
                "to": str(r.destination_stop),
                "active": r.is_active,
            }
            for r in person.recurring.select_related(
                "service", "origin_stop__place", "destination_stop__place"
            )
        ],  # fmt: skip
        "incidents": [{"kind": i.kind, "date": i.created} for i in person.incidents.all()],
    }


def erase_beneficiary(person: Beneficiary, actor: Any = None) -> None:
    from smartvillage.ondemand.services import booking as service_booking

    now = timezone.now()
    for booking in person.bookings.filter(status=Booking.Status.CONFIRMED):
        if booking.cancellable(now):
            service_booking.cancel(actor, booking, now=now)
    for booking in person.bookings.all():
        updates: dict[str, Any] = {"note": ""}
        if booking.origin_stop_id is None:
            updates.update(origin_label="", origin_lat=round(booking.origin_lat, 2),
                           origin_lon=round(booking.origin_lon, 2))  # fmt: skip
        if booking.destination_stop_id is None:
            updates.update(destination_label="", destination_lat=round(booking.destination_lat, 2),
                           destination_lon=round(booking.destination_lon, 2))  # fmt: skip
        Booking.objects.filter(pk=booking.pk).update(**updates)
    person.recurring.update(is_active=False)
    Beneficiary.objects.filter(pk=person.pk).update(
        first_name="—", last_name="", phone="", email="", address="", notes="", user=None,
        sms_ok=False,
    )  # fmt: skip


def export_user(user: Any) -> dict[str, Any]:
    drivers = Driver.objects.filter(user=user).select_related("organisation", "home")
    return {
        "beneficiaries": [
            export_beneficiary(p)
            for p in Beneficiary.objects.filter(user=user).select_related("organisation", "commune")
        ],
        "driver": [
            {"organisation": d.organisation.slug, "kind": d.kind,
             "home": d.home.name if d.home else None, "max_distance_km": d.max_distance_km,
             "availability": [[a.weekday, a.start_time.isoformat(), a.end_time.isoformat()]
                              for a in d.availabilities.all()],
             "exceptions": [[e.date, e.available, e.note] for e in d.exceptions.all()],
             "runs": [[r.day.date, r.vehicle.name, r.status] for r in d.runs.select_related(
                 "day", "vehicle")]}
            for d in drivers
        ],
    }  # fmt: skip


def erase_user(user: Any) -> None:
    for person in Beneficiary.objects.filter(user=user):
        erase_beneficiary(person, actor=None)
    # Runs keep their distances for the statistics; the driver's details go.
    for driver in Driver.objects.filter(user=user):
        driver.availabilities.all().delete()
        driver.exceptions.all().delete()
        Driver.objects.filter(pk=driver.pk).update(is_active=False, home=None, max_distance_km=None)
