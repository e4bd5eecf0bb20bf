"""Live hitchhiking and shared rides: "I am at stop X going to Y", a driver accepts, the
passenger boards (the ride is recorded), arrival closes it. Carpool contacts start rides too."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.core import booking as core_booking
from smartvillage.rideshare import conf, matching
from smartvillage.rideshare.models import (
    Contact,
    HitchRequest,
    Member,
    Notification,
    Ride,
    Stop,
    Vehicle,
    round_position,
)
from smartvillage.rideshare.services import notify
from smartvillage.rideshare.services.members import commune_at

ERRORS = {
    "same_stop": _("Choose a destination other than the stop you are at."),
    "minutes": _("Choose between 5 and %(max)s minutes."),
    "gone": _("This request is no longer waiting for a driver."),
    "own": _("You cannot pick yourself up."),
    "vehicle": _("Choose one of your vehicles."),
    "blocked": _("You cannot give a lift to this member."),
    "not_accepted": _("No driver has accepted this request yet."),
    "not_party": _("This ride is not yours."),
    "closed": _("This ride is already closed."),
    "contact": _("The driver has not accepted this contact."),
    "not_today": _("This ride is not planned for today."),
}


def hitch(
    member: Member,
    stop: Stop,
    destination: Stop,
    minutes: int | None = None,
    *,
    now: datetime | None = None,
) -> tuple[HitchRequest, int]:
    """Publish the request and notify drivers passing by; return it and how many were told."""
    now = now or timezone.now()
    default, longest = conf.hitch_minutes()
    minutes = default if minutes is None else minutes
    errors: dict[str, list[Any]] = {}
    if destination.pk == stop.pk:
        errors["destination"] = [ERRORS["same_stop"]]
    if not 5 <= minutes <= longest:
        errors["minutes"] = [ERRORS["minutes"] % {"max": longest}]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One live request per person: a new one replaces the previous.
        HitchRequest.objects.filter(passenger=member, status=HitchRequest.Status.WAITING).update(
            status=HitchRequest.Status.CANCELLED
        )
        request = HitchRequest.objects.create(
            passenger=member,
            stop=stop,
            destination=destination,
            created=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        audit.record(member.user, "rideshare.hitch.created", request)
        told = notify_drivers(request, now)
    return request, told


def notify_drivers(request: HitchRequest, now: datetime) -> int:
    """Drivers whose announced or regular trips pass near the stop before the request expires:
    each gets the request on their dashboard and, by their chosen channel and within the rate
    limit, an email or SMS (sent after the commit)."""
    window = request.expires_at - now
    found = matching.find_offers(
        request.passenger,
        request.stop.point,
        request.destination.point,
        now + window / 2,
        flex=window / 2,
        min_shared=0.0,
    )
    told: set[int] = set()
    for offer in found:
        if offer.trip.driver_id in told:
            continue
        row, created = Notification.objects.get_or_create(
            member_id=offer.trip.driver_id,
            hitch=request,
            defaults={"trip": offer.trip, "created": now},
        )
        if created:
            row.member = offer.trip.driver
            notify.hitch_alert(row, now)
        told.add(offer.trip.driver_id)
    return len(told)


def live_for_driver(driver: Member, now: datetime | None = None) -> list[Notification]:
    now = now or timezone.now()
    return list(
        Notification.objects.filter(
            member=driver,
            hitch__status=HitchRequest.Status.WAITING,
            hitch__expires_at__gt=now,
        ).select_related("hitch__stop__place", "hitch__destination__place", "hitch__passenger")
    )


def accept(driver: Member, request_pk: int, vehicle: Vehicle | None) -> HitchRequest:
    """First driver wins: the request row is locked and re-checked (docs/locking.md)."""
    if vehicle is None or vehicle.owner_id != driver.pk or not vehicle.is_active:
        raise ValidationError({"vehicle": [ERRORS["vehicle"]]})

    def attempt() -> HitchRequest:
        (locked,) = core_booking.lock(HitchRequest.objects.all(), [request_pk])
        if locked.passenger_id == driver.pk:
            raise ValidationError({"__all__": [ERRORS["own"]]})
        if locked.passenger_id in matching.blocked_ids(driver):
            raise ValidationError({"__all__": [ERRORS["blocked"]]})
        if not locked.is_live:
            raise ValidationError({"__all__": [ERRORS["gone"]]})
        locked.status = HitchRequest.Status.ACCEPTED
        locked.driver = driver
        locked.vehicle = vehicle
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["status", "driver", "vehicle", "accepted_at"])
        audit.record(driver.user, "rideshare.hitch.accepted", locked)
        notify.send(
            Member.objects.select_related("user").get(pk=locked.passenger_id),
            "hitch_accepted",
            {
                "driver_name": driver.first_name,
                "stop": str(locked.stop),
                "car": f"{vehicle.model} {vehicle.colour}",
                "url": notify.link("hitch", locked.pk),
            },
        )
        return locked

    return core_booking.run_locked(attempt)


def cancel_hitch(member: Member, request: HitchRequest) -> bool:
    if request.status not in {HitchRequest.Status.WAITING, HitchRequest.Status.ACCEPTED}:
        return False
    request.status = HitchRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    audit.record(member.user, "rideshare.hitch.cancelled", request)
    return True


def _insee(lat: float, lon: float) -> str:
    commune = commune_at(lat, lon)
    return commune.insee_code if commune else ""


def _new_ride(**fields: Any) -> Ride:
    start = (fields["start_lat"], fields["start_lon"])
    end = (fields["end_lat"], fields["end_lon"])
    fields["distance_m"] = matching.road_metres(start, end)
    fields["start_insee"] = _insee(*start)
    fields["end_insee"] = _insee(*end)
    for key in ("start_lat", "start_lon", "end_lat", "end_lon"):
        fields[key] = round_position(fields[key])
    return Ride.objects.create(**fields)


def board(passenger: Member, request: HitchRequest) -> Ride:
    """The passenger is in the car: the ride is recorded (the passenger's confirmation)."""
    with transaction.atomic():
        (locked,) = core_booking.lock(HitchRequest.objects.all(), [request.pk])
        if locked.passenger_id != passenger.pk:
            raise ValidationError({"__all__": [ERRORS["not_party"]]})
        if locked.status != HitchRequest.Status.ACCEPTED or locked.driver_id is None:
            raise ValidationError({"__all__": [ERRORS["not_accepted"]]})
        now = timezone.now()
        ride = _new_ride(
            driver_id=locked.driver_id,
            passenger=passenger,
            vehicle_id=locked.vehicle_id,
            hitch=locked,
            start_label=str(locked.stop),
            start_lat=locked.stop.place.latitude,
            start_lon=locked.stop.place.longitude,
            end_label=str(locked.destination),
            end_lat=locked.destination.place.latitude,
            end_lon=locked.destination.place.longitude,
            started_at=now,
            passenger_confirmed_at=now,
        )
        locked.status = HitchRequest.Status.BOARDED
        locked.save(update_fields=["status"])
        audit.record(passenger.user, "rideshare.ride.boarded", ride)
    return ride


def start_from_contact(member: Member, row: Contact) -> Ride:
    """A carpool contact becomes a ride on its day; the member who starts it confirms it."""
    if row.status != Contact.Status.ACCEPTED:
        raise ValidationError({"__all__": [ERRORS["contact"]]})
    if row.ride_on != timezone.localdate():
        raise ValidationError({"__all__": [ERRORS["not_today"]]})
    existing = row.rides.exclude(status=Ride.Status.CANCELLED).first()
    if existing:
        return existing
    trip, request = row.trip, row.request
    source = request or trip
    now = timezone.now()
    with transaction.atomic():
        ride = _new_ride(
            driver_id=trip.driver_id,
            passenger_id=row.passenger_id,
            vehicle_id=trip.vehicle_id,
            contact=row,
            seats=request.seats if request else 1,
            start_label=source.origin_label,
            start_lat=source.origin_lat,
            start_lon=source.origin_lon,
            end_label=source.destination_label,
            end_lat=source.destination_lat,
            end_lon=source.destination_lon,
            started_at=now,
            driver_confirmed_at=now if member.pk == trip.driver_id else None,
            passenger_confirmed_at=now if member.pk == row.passenger_id else None,
        )
        audit.record(member.user, "rideshare.ride.started", ride)
    return ride


def _side(member: Member, ride: Ride) -> str:
    if member.pk == ride.driver_id:
        return "driver_confirmed_at"
    if member.pk == ride.passenger_id:
        return "passenger_confirmed_at"
    raise ValidationError({"__all__": [ERRORS["not_party"]]})


def confirm(member: Member, ride: Ride) -> bool:
    """One side confirms the shared ride (the proof needs both)."""
    field = _side(member, ride)
    if getattr(ride, field) is not None:
        return False
    setattr(ride, field, timezone.now())
    ride.save(update_fields=[field])
    audit.record(member.user, "rideshare.ride.confirmed", ride)
    return True


def set_contribution(driver: Member, ride: Ride, cents: int) -> bool:
    """The driver records the costs the passenger shared (euro cents; 0 for a free ride)."""
    if ride.driver_id != driver.pk:
        raise ValidationError({"__all__": [ERRORS["not_party"]]})
    if ride.contribution_cents == cents:
        return False
    ride.contribution_cents = cents
    ride.save(update_fields=["contribution_cents"])
    audit.record(driver.user, "rideshare.ride.contribution", ride, cents=cents)
    return True


def arrive(member: Member, ride: Ride) -> bool:
    """Arrival closes the ride; closing it confirms it for the member who does."""
    field = _side(member, ride)
    if ride.status != Ride.Status.ONGOING:
        return False
    now = timezone.now()
    ride.status = Ride.Status.COMPLETED
    ride.ended_at = now
    if getattr(ride, field) is None:
        setattr(ride, field, now)
    ride.save(update_fields=["status", "ended_at", field])
    audit.record(member.user, "rideshare.ride.arrived", ride)
    return True
