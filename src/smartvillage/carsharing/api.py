"""Car-sharing API (/api/v1/carsharing/): availability, and a member's bookings.

The same service functions and messages as the web pages. Errors: 422 ``{"errors": {field:
[messages]}}`` for the booking rules, 403 for a person who may not book (not an approved
member), 404 for an unknown vehicle or another person's booking, 503 when busy (retry).
Times without an offset are read in Europe/Paris.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from smartvillage.accounts.api_auth import AUTH
from smartvillage.carsharing import api_examples as ex
from smartvillage.carsharing.models import Booking, Vehicle
from smartvillage.carsharing.services import booking as service
from smartvillage.core import validation
from smartvillage.core.dates import aware
from smartvillage.core.errors import error_dict, http_status
from smartvillage.core.openapi import example
from smartvillage.core.ratelimit import limit_api

router = Router(tags=["carsharing"])


class StationOut(Schema):
    id: int
    name: str
    latitude: float
    longitude: float
    commune: str | None


class VehicleOut(Schema):
    id: int
    name: str
    make: str
    model: str
    seats: int
    propulsion: str
    charge_percent: int
    current_range_km: int
    station: StationOut
    organisation: str
    available: bool
    reason: str
    estimated_price: Decimal


class CarBookingIn(Schema):
    vehicle: int
    start: datetime
    end: datetime


class CarBookingChange(Schema):
    start: datetime
    end: datetime


class CarBookingOut(Schema):
    id: int
    vehicle: int
    start: datetime
    end: datetime
    status: str
    estimated_price: Decimal
    cancellation_fee: Decimal | None


class CarErrorsOut(Schema):
    errors: dict[str, list[str]]


def _booking_out(b: Booking) -> dict[str, Any]:
    return {
        "id": b.pk,
        "vehicle": b.vehicle_id,
        "start": timezone.localtime(b.starts_at),
        "end": timezone.localtime(b.ends_at),
        "status": b.status,
        "estimated_price": b.estimated_price,
        "cancellation_fee": b.cancellation_fee,
    }


def _vehicle_out(row: dict[str, Any]) -> dict[str, Any]:
    v: Vehicle = row["vehicle"]
    return {
        "id": v.pk,
        "name": v.name,
        "make": v.make,
        "model": v.model,
        "seats": v.seats,
        "propulsion": v.propulsion,
        "charge_percent": v.charge_percent,
        "current_range_km": v.current_range_km,
        "station": {
            "id": v.station.pk,
            "name": v.station.name,
            "latitude": v.station.latitude,
            "longitude": v.station.longitude,
            "commune": v.station.commune.insee_code if v.station.commune else None,
        },
        "organisation": v.organisation.slug,
        "available": row["available"],
        "reason": str(row["reason"]),
        "estimated_price": row["estimated_price"],
    }


def _failure(exc: ValidationError) -> Status[dict[str, Any]]:
    return Status(http_status(exc, service.MEMBER_ERRORS), {"errors": error_dict(exc)})


def _own_booking(request: HttpRequest, booking_id: int) -> Booking:
    return get_object_or_404(Booking, pk=booking_id, member__user=request.user)


@router.get(
    "/vehicles",
    response={200: list[VehicleOut], 422: CarErrorsOut},
    summary="Vehicles with their availability and estimated price for a time slot",
    openapi_extra=example(ex.VEHICLES),
)
def vehicles(request: HttpRequest, start: datetime, end: datetime) -> Any:
    for name, moment in (("start", start), ("end", end)):
        if validation.out_of_range(moment):
            return Status(422, {"errors": {name: [validation.out_of_range_message()]}})
    start, end = aware(start), aware(end)
    if end <= start:
        return Status(422, {"errors": {"end": [str(service.ERRORS["end_before_start"])]}})
    qs = (
        Vehicle.objects.bookable().select_related("station__commune", "organisation").order_by("pk")
    )
    return Status(
        200, [_vehicle_out(r) for r in service.availability(qs, start, end, request.user)]
    )


@router.get("/bookings", response=list[CarBookingOut], auth=AUTH, summary="My bookings")
def my_bookings(request: HttpRequest) -> Any:
    bookings = Booking.objects.for_user(request.user).order_by("starts_at")
    return [_booking_out(b) for b in bookings]


@router.post(
    "/bookings",
    response={
        201: CarBookingOut,
        403: CarErrorsOut,
        404: CarErrorsOut,
        422: CarErrorsOut,
        503: CarErrorsOut,
    },
    auth=AUTH,
    summary="Book a vehicle",
)
@limit_api("carsharing-booking")
def create_booking(request: HttpRequest, payload: CarBookingIn) -> Any:
    vehicle = get_object_or_404(Vehicle, pk=payload.vehicle)
    try:
        booking = service.book(request.user, vehicle, aware(payload.start), aware(payload.end))
    except ValidationError as exc:
        return _failure(exc)
    return Status(201, _booking_out(booking))


@router.get(
    "/bookings/{booking_id}", response=CarBookingOut, auth=AUTH, summary="One of my bookings"
)
def get_booking(request: HttpRequest, booking_id: int) -> Any:
    return _booking_out(_own_booking(request, booking_id))


@router.patch(
    "/bookings/{booking_id}",
    response={
        200: CarBookingOut,
        403: CarErrorsOut,
        404: CarErrorsOut,
        422: CarErrorsOut,
        503: CarErrorsOut,
    },
    auth=AUTH,
    summary="Change the times of one of my bookings",
)
def change_booking(request: HttpRequest, booking_id: int, payload: CarBookingChange) -> Any:
    booking = _own_booking(request, booking_id)
    try:
        booking = service.change(request.user, booking, aware(payload.start), aware(payload.end))
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, _booking_out(booking))


@router.post(
    "/bookings/{booking_id}/cancel",
    response={
        200: CarBookingOut,
        403: CarErrorsOut,
        404: CarErrorsOut,
        422: CarErrorsOut,
        503: CarErrorsOut,
    },
    auth=AUTH,
    summary="Cancel one of my bookings (a fee applies after the deadline)",
)
def cancel_booking(request: HttpRequest, booking_id: int) -> Any:
    booking = _own_booking(request, booking_id)
    try:
        booking = service.cancel(request.user, booking)
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, _booking_out(booking))
