"""Third-places API (/api/v1/thirdplaces/): the directory (public, open data), availability,
the agenda, and a member's bookings and registrations.

The same service functions and messages as the pages. Errors: 422 ``{"errors": {field:
[messages]}}`` for the booking rules, 403 for a person who may not book at a members-only
place, 404 for an unknown object or another person's booking, 503 when busy (retry).
Times without an offset are read in Europe/Paris.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from ninja.responses import Status

from smartvillage.accounts.api_auth import AUTH
from smartvillage.core.dates import aware
from smartvillage.core.errors import error_dict, http_status
from smartvillage.core.openapi import example
from smartvillage.core.ratelimit import limit_api
from smartvillage.thirdplaces import api_examples as ex
from smartvillage.thirdplaces import exports, hours
from smartvillage.thirdplaces.models import SERVICES, Booking, Event, Space, ThirdPlace
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import events as event_service

router = Router(tags=["thirdplaces"])


class ThirdPlaceOut(Schema):
    slug: str
    name: str
    organisation: str
    insee_code: str
    commune: str
    latitude: float
    longitude: float
    services: list[str]
    opening_hours: str
    wheelchair_accessible: bool


class PeriodOut(Schema):
    period: str
    start: datetime
    end: datetime
    free: int


class SpaceOut(Schema):
    id: int
    name: str
    kind: str
    capacity: int
    price_hour: Decimal
    price_half_day: Decimal
    price_day: Decimal
    periods: list[PeriodOut]


class AvailabilityOut(Schema):
    place: str
    date: date
    closed: str | None
    spaces: list[SpaceOut]


class SpaceBookingIn(Schema):
    space: int
    day: date | None = None
    period: str | None = None
    quantity: int = 1
    start: datetime | None = None
    end: datetime | None = None


class SpaceBookingOut(Schema):
    id: int
    space: int
    place: str
    period: str
    start: datetime
    end: datetime
    quantity: int
    status: str
    price: Decimal
    paid_with_pass: bool


class EventOut(Schema):
    id: int
    place: str
    title: str
    kind: str
    start: datetime
    end: datetime
    capacity: int | None
    places_left: int | None
    status: str


class SpaceErrorsOut(Schema):
    errors: dict[str, list[str]]


# The API's own input errors (the booking rules' messages are the service's ERRORS).
API_ERRORS: dict[str, Any] = {
    "service": _("Choose one of: %(choices)s."),
    "start_end": _("Give a start and an end."),
    "day_period": _("Give a day and a period: morning, afternoon or day."),
    "period": _("Choose a period: morning, afternoon or day."),
}
DESK_PERIODS = (Booking.Period.MORNING, Booking.Period.AFTERNOON, Booking.Period.DAY)


def _invalid(field: str, code: str, **params: Any) -> dict[str, Any]:
    return {"errors": {field: [str(API_ERRORS[code]) % params]}}


def _places(service_name: str | None, commune: str | None) -> Any:
    places = ThirdPlace.objects.published().select_related("organisation", "commune")
    if service_name:
        places = places.offering(service_name)
    if commune:
        places = places.filter(commune__insee_code=commune)
    return places.prefetch_related("opening_hours").order_by("name")


def _failure(exc: ValidationError) -> Status[dict[str, Any]]:
    return Status(http_status(exc, service.MEMBER_ERRORS), {"errors": error_dict(exc)})


def _booking_out(b: Booking) -> dict[str, Any]:
    return {
        "id": b.pk,
        "space": b.space_id,
        "place": b.space.third_place.slug,
        "period": b.period,
        "start": timezone.localtime(b.starts_at),
        "end": timezone.localtime(b.ends_at),
        "quantity": b.quantity,
        "status": b.status,
        "price": b.price,
        "paid_with_pass": b.member_pass_id is not None,
    }


def _event_out(e: Event) -> dict[str, Any]:
    return {
        "id": e.pk,
        "place": e.third_place.slug,
        "title": e.title,
        "kind": e.kind,
        "start": timezone.localtime(e.starts_at),
        "end": timezone.localtime(e.ends_at),
        "capacity": e.capacity,
        "places_left": e.seats_left(),
        "status": e.status,
    }


@router.get(
    "/places",
    response={200: list[ThirdPlaceOut], 422: SpaceErrorsOut},
    summary="Third places",
    openapi_extra=example(ex.PLACES),
)
def places(request: HttpRequest, service: str | None = None, commune: str | None = None) -> Any:
    if service and service not in SERVICES:
        return Status(422, _invalid("service", "service", choices=", ".join(SERVICES)))
    rows = []
    for place in _places(service, commune):
        record = exports._record(place)
        rows.append(
            {
                **record,
                "slug": place.slug,
                "services": place.services,
                "wheelchair_accessible": place.wheelchair_accessible,
            }
        )
    return Status(200, rows)


@router.get(
    "/places.geojson",
    summary="Third places as GeoJSON (open data, INSEE codes)",
    openapi_extra=example(ex.PLACES_GEOJSON, "application/geo+json"),
)
def places_geojson(
    request: HttpRequest, service: str | None = None, commune: str | None = None
) -> HttpResponse:
    if service and service not in SERVICES:
        body = json.dumps(_invalid("service", "service", choices=", ".join(SERVICES)))
        return HttpResponse(body, status=422, content_type="application/json")
    return HttpResponse(
        exports.places_geojson(_places(service, commune)), content_type="application/geo+json"
    )


@router.get(
    "/places/{slug}/availability",
    response=AvailabilityOut,
    summary="Free desks and rooms of a place on a day (display only)",
    openapi_extra=example(ex.AVAILABILITY),
)
def availability(request: HttpRequest, slug: str, day: date | None = None) -> Any:
    place = get_object_or_404(ThirdPlace.objects.published(), slug=slug)
    day = day or timezone.localdate()
    periods = hours.half_days(place, day)
    active = list(place.spaces.filter(is_active=True))
    # One query for the day ("day" spans every period), not one per space and period.
    holds = service.live_holds(active, *periods["day"]) if periods else {}
    spaces = []
    for space in active:
        spaces.append(
            {
                "id": space.pk,
                "name": space.name,
                "kind": space.kind,
                "capacity": space.capacity,
                "price_hour": space.price_hour,
                "price_half_day": space.price_half_day,
                "price_day": space.price_day,
                "periods": [
                    {
                        "period": name,
                        "start": timezone.localtime(start),
                        "end": timezone.localtime(end),
                        "free": service.units_free(space, holds.get(space.pk, []), start, end),
                    }
                    for name, (start, end) in periods.items()
                ],
            }
        )
    return {"place": place.slug, "date": day, "closed": hours.closure_reason(place, day),
            "spaces": spaces}  # fmt: skip


@router.get("/bookings", response=list[SpaceBookingOut], auth=AUTH, summary="My bookings")
def my_bookings(request: HttpRequest) -> Any:
    rows = Booking.objects.for_user(request.user).select_related("space__third_place")
    return [_booking_out(b) for b in rows.order_by("starts_at")]


@router.post(
    "/bookings",
    response={
        201: SpaceBookingOut,
        403: SpaceErrorsOut,
        404: SpaceErrorsOut,
        422: SpaceErrorsOut,
        503: SpaceErrorsOut,
    },
    auth=AUTH,
    summary="Book desks (day + period) or a room/machine (start + end)",
)
@limit_api("thirdplaces-booking")
def create_booking(request: HttpRequest, payload: SpaceBookingIn) -> Any:
    space = get_object_or_404(
        Space.objects.select_related("third_place"),
        pk=payload.space,
        third_place__is_published=True,
    )
    try:
        if space.is_exclusive:
            if payload.start is None or payload.end is None:
                return Status(422, _invalid("start", "start_end"))
            booking = service.book_hours(
                request.user, space, aware(payload.start), aware(payload.end)
            )
        else:
            if payload.day is None or payload.period not in DESK_PERIODS:
                return Status(422, _invalid("period", "day_period"))
            booking = service.book_desk(
                request.user, space, payload.day, payload.period, payload.quantity
            )
    except ValidationError as exc:
        return _failure(exc)
    return Status(201, _booking_out(booking))


class SpaceBookingChange(Schema):
    day: date | None = None
    period: str | None = None
    quantity: int | None = None
    start: datetime | None = None
    end: datetime | None = None


@router.patch(
    "/bookings/{booking_id}",
    response={200: SpaceBookingOut, 404: SpaceErrorsOut, 422: SpaceErrorsOut, 503: SpaceErrorsOut},
    auth=AUTH,
    summary="Move one of my bookings (desks: day/period/quantity; rooms: start/end)",
)
def change_booking(request: HttpRequest, booking_id: int, payload: SpaceBookingChange) -> Any:
    booking = get_object_or_404(
        Booking.objects.select_related("space__third_place"), pk=booking_id, user=request.user
    )
    if payload.period is not None and payload.period not in DESK_PERIODS:
        return Status(422, _invalid("period", "period"))
    try:
        booking = service.change(
            request.user,
            booking,
            day=payload.day,
            period=payload.period,
            quantity=payload.quantity,
            start=aware(payload.start) if payload.start else None,
            end=aware(payload.end) if payload.end else None,
        )
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, _booking_out(booking))


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: SpaceBookingOut, 404: SpaceErrorsOut, 422: SpaceErrorsOut, 503: SpaceErrorsOut},
    auth=AUTH,
    summary="Cancel one of my bookings",
)
def cancel_booking(request: HttpRequest, booking_id: int) -> Any:
    booking = get_object_or_404(Booking, pk=booking_id, user=request.user)
    try:
        booking = service.cancel(request.user, booking)
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, _booking_out(booking))


@router.get(
    "/events",
    response=list[EventOut],
    summary="Agenda of the network (upcoming)",
    openapi_extra=example(ex.EVENTS),
)
def events(request: HttpRequest, place: str | None = None) -> Any:
    rows = Event.objects.public().upcoming().select_related("third_place").order_by("starts_at")
    if place:
        rows = rows.filter(third_place__slug=place)
    return [_event_out(e) for e in rows[:500]]


@router.post(
    "/events/{event_id}/register",
    response={201: EventOut, 404: SpaceErrorsOut, 422: SpaceErrorsOut, 503: SpaceErrorsOut},
    auth=AUTH,
    summary="Register for an event",
)
@limit_api("thirdplaces-booking")
def register(request: HttpRequest, event_id: int) -> Any:
    event = get_object_or_404(Event.objects.public().select_related("third_place"), pk=event_id)
    try:
        event_service.register(request.user, event)
    except ValidationError as exc:
        return _failure(exc)
    return Status(201, _event_out(event))
