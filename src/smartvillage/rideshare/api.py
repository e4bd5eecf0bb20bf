"""Rideshare API (/api/v1/rideshare/): stops (GeoJSON), card check, statistics, offer search,
live hitchhiking, my rides. Errors: 422 ``{"errors": {field: [messages]}}``, 403 for a person
who may not use the network (not registered, waiting for the ID check, suspended), 404 for
unknown objects or other people's. Times without an offset are read in Europe/Paris."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from smartvillage.accounts.api_auth import AUTH
from smartvillage.core import validation
from smartvillage.core.dates import aware
from smartvillage.core.errors import error_dict
from smartvillage.core.openapi import example
from smartvillage.core.ratelimit import limit_api
from smartvillage.rideshare import api_examples as ex
from smartvillage.rideshare import matching
from smartvillage.rideshare.models import Ride, Stop
from smartvillage.rideshare.services import NotAllowed, guard, live, members, proof
from smartvillage.rideshare.views import _stops_geojson

router = Router(tags=["rideshare"])


class RideErrorsOut(Schema):
    errors: dict[str, list[str]]


class CardOut(Schema):
    valid: bool
    reason: str
    number: str
    expires: datetime | None


class SearchIn(Schema):
    origin_lat: float = Field(..., ge=-90, le=90)
    origin_lon: float = Field(..., ge=-180, le=180)
    destination_lat: float = Field(..., ge=-90, le=90)
    destination_lon: float = Field(..., ge=-180, le=180)
    time: datetime
    flex_minutes: int = Field(30, ge=0, le=180)
    seats: int = Field(1, ge=1, le=8)


class OfferOut(Schema):
    trip: int
    driver_first_name: str
    origin: str
    destination: str
    departure: datetime
    pickup: datetime
    detour_percent: int
    shared_percent: int
    seats: int


class HitchIn(Schema):
    stop: int
    destination: int
    minutes: int | None = None


class HitchOut(Schema):
    id: int
    status: str
    expires_at: datetime
    drivers_notified: int


class RideOut(Schema):
    id: int
    journey_id: str
    role: str
    start: str
    end: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    distance_m: int


@router.get(
    "/stops.geojson",
    summary="The stops of the network (GeoJSON)",
    openapi_extra=example(ex.STOPS_GEOJSON),
)
def stops(request: HttpRequest) -> Any:
    return _stops_geojson()


@router.get(
    "/cards/{token}",
    response=CardOut,
    summary="Check a member card's QR code",
    openapi_extra=example(ex.CARD),
)
def check_card(request: HttpRequest, token: str) -> Any:
    result = members.verify_card(token)
    return {"valid": result.valid, "reason": result.reason, "number": result.number,
            "expires": result.expires}  # fmt: skip


@router.get(
    "/statistics",
    summary="Members, rides, km shared, CO2 avoided",
    openapi_extra=example(ex.STATISTICS),
)
def statistics(request: HttpRequest) -> Any:
    return proof.statistics()


@router.post(
    "/search",
    response={200: list[OfferOut], 403: RideErrorsOut, 422: RideErrorsOut},
    auth=AUTH,
    summary="Offers that can take me from A to B around a time",
)
def search(request: HttpRequest, payload: SearchIn) -> Any:
    if validation.out_of_range(payload.time):
        return Status(422, {"errors": {"time": [validation.out_of_range_message()]}})
    try:
        member = guard(request.user)
    except NotAllowed as exc:
        return Status(403, {"errors": {"__all__": [str(exc)]}})
    found = matching.find_offers(
        member,
        (payload.origin_lat, payload.origin_lon),
        (payload.destination_lat, payload.destination_lon),
        aware(payload.time),
        flex=timedelta(minutes=payload.flex_minutes),
        seats=payload.seats,
    )
    return [
        {
            "trip": m.trip.pk,
            "driver_first_name": m.trip.driver.first_name,
            "origin": m.trip.origin_label,
            "destination": m.trip.destination_label,
            "departure": m.departure,
            "pickup": m.pickup,
            "detour_percent": m.detour_percent,
            "shared_percent": m.shared_percent,
            "seats": m.trip.seats,
        }
        for m in found
    ]


@router.post(
    "/hitch",
    response={201: HitchOut, 403: RideErrorsOut, 404: RideErrorsOut, 422: RideErrorsOut},
    auth=AUTH,
    summary="I am at stop X going to Y",
)
@limit_api("rideshare-booking")
def hitch(request: HttpRequest, payload: HitchIn) -> Any:
    try:
        member = guard(request.user)
    except NotAllowed as exc:
        return Status(403, {"errors": {"__all__": [str(exc)]}})
    stop = get_object_or_404(Stop.objects.active(), pk=payload.stop)
    destination = get_object_or_404(Stop.objects.active(), pk=payload.destination)
    try:
        row, told = live.hitch(member, stop, destination, payload.minutes)
    except ValidationError as exc:
        return Status(422, {"errors": error_dict(exc)})
    return Status(
        201,
        {
            "id": row.pk,
            "status": row.status,
            "expires_at": row.expires_at,
            "drivers_notified": told,
        },
    )


@router.get(
    "/rides", response={200: list[RideOut], 403: RideErrorsOut}, auth=AUTH, summary="My rides"
)
def my_rides(request: HttpRequest) -> Any:
    try:
        member = guard(request.user)
    except NotAllowed as exc:
        return Status(403, {"errors": {"__all__": [str(exc)]}})
    rides = Ride.objects.for_member(member).order_by("-started_at")
    return [
        {
            "id": r.pk,
            "journey_id": str(r.journey_id),
            "role": "driver" if r.driver_id == member.pk else "passenger",
            "start": r.start_label,
            "end": r.end_label,
            "started_at": r.started_at,
            "ended_at": r.ended_at,
            "status": r.status,
            "distance_m": r.distance_m,
        }
        for r in rides
    ]
