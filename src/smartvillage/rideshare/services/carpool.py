"""Carpooling: trips offered, requests, contacts through the platform, messages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.rideshare import matching
from smartvillage.rideshare.models import (
    Contact,
    Member,
    Message,
    RideRequest,
    Stop,
    Trip,
    Vehicle,
    round_position,
)
from smartvillage.rideshare.services import notify
from smartvillage.rideshare.services.members import commune_at

ERRORS = {
    "past": _("This time is in the past."),
    "seats": _("Offer at least one seat."),
    "vehicle": _("Choose one of your vehicles."),
    "same_place": _("The start and the destination are the same place."),
    "outside": _("This point is outside the territory served by the network."),
    "weekdays": _("Choose at least one day."),
    "when": _("Give a date and time, or days and a time for a regular trip."),
    "blocked": _("You cannot contact this member."),
    "own_trip": _("This is your own trip."),
    "not_running": _("This trip does not run on that day."),
    "already": _("You have already contacted this driver for that day."),
    "empty": _("Write a message."),
}
Point = tuple[float, float]


def _check_points(errors: dict[str, list[Any]], origin: Point, destination: Point) -> None:
    if commune_at(*origin) is None:
        errors.setdefault("origin", []).append(ERRORS["outside"])
    if commune_at(*destination) is None:
        errors.setdefault("destination", []).append(ERRORS["outside"])
    if round_position(origin[0]) == round_position(destination[0]) and round_position(
        origin[1]
    ) == round_position(destination[1]):
        errors.setdefault("destination", []).append(ERRORS["same_place"])


def publish_trip(
    member: Member,
    *,
    vehicle: Vehicle | None,
    origin: Point,
    origin_label: str,
    destination: Point,
    destination_label: str,
    seats: int,
    departure_at: datetime | None = None,
    departure_time: time | None = None,
    weekdays: str = "",
    valid_until: date | None = None,
    flex_minutes: int = 10,
    via: list[Stop] | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> Trip:
    now = now or timezone.now()
    errors: dict[str, list[Any]] = {}
    if vehicle is None or vehicle.owner_id != member.pk or not vehicle.is_active:
        errors["vehicle"] = [ERRORS["vehicle"]]
    if seats is None or seats < 1:
        errors["seats"] = [ERRORS["seats"]]
    _check_points(errors, origin, destination)
    regular = departure_at is None
    if regular:
        days = "".join(sorted({d for d in weekdays if d in "1234567"}))
        if departure_time is None:
            errors["departure_at"] = [ERRORS["when"]]
        elif not days:
            errors["weekdays"] = [ERRORS["weekdays"]]
        if valid_until and valid_until < timezone.localdate(now):
            errors["valid_until"] = [ERRORS["past"]]
    else:
        days = ""
        if departure_at is not None and departure_at < now:
            errors["departure_at"] = [ERRORS["past"]]
    if errors:
        raise ValidationError(errors)
    assert vehicle is not None  # checked above
    with transaction.atomic():
        trip = Trip.objects.create(
            driver=member,
            vehicle=vehicle,
            kind=Trip.Kind.REGULAR if regular else Trip.Kind.ONE_OFF,
            origin_label=origin_label,
            origin_lat=round_position(origin[0]),
            origin_lon=round_position(origin[1]),
            destination_label=destination_label,
            destination_lat=round_position(destination[0]),
            destination_lon=round_position(destination[1]),
            departure_at=departure_at,
            departure_time=departure_time if regular else None,
            weekdays=days,
            valid_until=valid_until if regular else None,
            flex_minutes=flex_minutes,
            seats=seats,
            comment=comment,
        )
        if via:
            trip.via.set(via)
        audit.record(member.user, "rideshare.trip.published", trip)
    return trip


def cancel_trip(member: Member, trip: Trip) -> bool:
    if trip.status == Trip.Status.CANCELLED:
        return False
    trip.status = Trip.Status.CANCELLED
    trip.save(update_fields=["status"])
    audit.record(member.user, "rideshare.trip.cancelled", trip)
    return True


def request_ride(
    member: Member,
    *,
    origin: Point,
    origin_label: str,
    destination: Point,
    destination_label: str,
    departure_at: datetime,
    seats: int = 1,
    flex_minutes: int = 30,
    now: datetime | None = None,
) -> RideRequest:
    now = now or timezone.now()
    errors: dict[str, list[Any]] = {}
    if seats is None or seats < 1:
        errors["seats"] = [_("Ask for at least one seat.")]
    if departure_at < now:
        errors["departure_at"] = [ERRORS["past"]]
    _check_points(errors, origin, destination)
    if errors:
        raise ValidationError(errors)
    request = RideRequest.objects.create(
        passenger=member,
        origin_label=origin_label,
        origin_lat=round_position(origin[0]),
        origin_lon=round_position(origin[1]),
        destination_label=destination_label,
        destination_lat=round_position(destination[0]),
        destination_lon=round_position(destination[1]),
        departure_at=departure_at,
        seats=seats,
        flex_minutes=flex_minutes,
    )
    audit.record(member.user, "rideshare.request.created", request)
    return request


def matches_for(request: RideRequest) -> list[matching.OfferMatch]:
    return matching.find_offers(
        request.passenger,
        (request.origin_lat or 0.0, request.origin_lon or 0.0),
        (request.destination_lat or 0.0, request.destination_lon or 0.0),
        request.departure_at,
        flex=timedelta(minutes=request.flex_minutes),
        seats=request.seats,
    )


def contact(
    passenger: Member,
    trip: Trip,
    ride_on: date,
    *,
    message: str = "",
    request: RideRequest | None = None,
    now: datetime | None = None,
) -> Contact:
    now = now or timezone.now()
    if trip.driver_id == passenger.pk:
        raise ValidationError({"__all__": [ERRORS["own_trip"]]})
    if trip.driver_id in matching.blocked_ids(passenger):
        raise ValidationError({"__all__": [ERRORS["blocked"]]})
    start = datetime.combine(ride_on, time(0), tzinfo=timezone.get_current_timezone())
    runs = matching.departures(trip, start, start + timedelta(days=1) - timedelta(seconds=1))
    if trip.status != Trip.Status.ACTIVE or not runs or runs[0] < now:
        raise ValidationError({"ride_on": [ERRORS["not_running"]]})
    try:
        with transaction.atomic():
            row = Contact.objects.create(
                trip=trip, passenger=passenger, ride_on=ride_on, request=request
            )
            if message.strip():
                Message.objects.create(contact=row, sender=passenger, body=message.strip())
            audit.record(passenger.user, "rideshare.contact.created", row)
            notify.send(
                trip.driver,
                "contact_new",
                {"passenger_name": passenger.first_name, "trip": str(trip), "day": ride_on,
                 "url": notify.link("contact", row.pk)},
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError({"__all__": [ERRORS["already"]]}) from None
    return row


def respond(driver: Member, row: Contact, accept: bool) -> bool:
    status = Contact.Status.ACCEPTED if accept else Contact.Status.DECLINED
    if row.status == status:
        return False
    with transaction.atomic():
        row.status = status
        row.save(update_fields=["status"])
        audit.record(driver.user, f"rideshare.contact.{status}", row)
        notify.send(
            row.passenger,
            "contact_answer",
            {"accepted": accept, "driver_name": driver.first_name, "trip": str(row.trip),
             "day": row.ride_on, "url": notify.link("contact", row.pk)},
        )  # fmt: skip
    return True


def share_phone(member: Member, row: Contact) -> bool:
    """One side agrees to show their phone number; numbers appear once both agree."""
    field = "driver_shares_phone" if member.pk == row.trip.driver_id else "passenger_shares_phone"
    if getattr(row, field):
        return False
    setattr(row, field, True)
    row.save(update_fields=[field])
    audit.record(member.user, "rideshare.contact.phone_shared", row)
    return True


def send_message(member: Member, row: Contact, body: str) -> Message:
    body = body.strip()
    if not body:
        raise ValidationError({"body": [ERRORS["empty"]]})
    other = row.passenger_id if member.pk == row.trip.driver_id else row.trip.driver_id
    if other in matching.blocked_ids(member):
        raise ValidationError({"body": [ERRORS["blocked"]]})
    return Message.objects.create(contact=row, sender=member, body=body[:1000])
