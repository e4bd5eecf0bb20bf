"""On-demand transport API (/api/v1/ondemand/): services, quotes, bookings.

The same service functions and messages as the web pages. Errors: 422 ``{"errors": {field:
[messages]}, "alternatives": [...]}`` for the booking rules and unservable trips, 403 when an
operator-only field is used by someone else, 404 for an unknown service or another person's
booking, 503 when busy (retry). Times without an offset are read in Europe/Paris.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from smartvillage.accounts.api_auth import AUTH
from smartvillage.accounts.models import Membership
from smartvillage.core.dates import aware
from smartvillage.core.errors import error_dict, http_status
from smartvillage.core.openapi import example
from smartvillage.core.ratelimit import limit_api
from smartvillage.ondemand import api_examples as ex
from smartvillage.ondemand.models import Beneficiary, Booking, Service, Stop
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.views import beneficiary_of
from smartvillage.territory.models import Commune

router = Router(tags=["ondemand"])


class StopOut(Schema):
    id: int
    name: str
    latitude: float
    longitude: float
    commune: str | None


class ServiceOut(Schema):
    slug: str
    name: str
    organisation: str
    days: list[int]
    start_time: str
    end_time: str
    min_notice_minutes: int
    max_advance_days: int
    cancellation_deadline_minutes: int
    eligibility: str
    fare_kind: str
    fare_amount: Decimal
    phone: str
    instructions: str
    communes: list[str]
    zone: dict[str, Any] | None
    stops: list[StopOut]


class PointIn(Schema):
    stop: int | None = None
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None


class TripIn(Schema):
    origin: PointIn
    destination: PointIn
    time_kind: str = "leave_at"
    time: datetime
    passengers: int = 1
    wheelchair: bool = False
    companion: bool = False
    note: str = ""
    beneficiary: int | None = None  # operators booking on someone's behalf


class QuoteOut(Schema):
    pickup: datetime
    dropoff: datetime
    window_start: datetime
    window_end: datetime
    fare: Decimal
    distance_m: float


class TripBookingOut(Schema):
    id: int
    service: str
    date: str
    origin: str
    destination: str
    time_kind: str
    requested_time: datetime
    window_start: datetime | None
    window_end: datetime | None
    planned_dropoff: datetime | None
    passengers: int
    wheelchair: bool
    companion: bool
    status: str
    fare: Decimal
    confirmation: str


class TripErrorsOut(Schema):
    errors: dict[str, list[str]]
    alternatives: list[dict[str, datetime]] = []


def _service_out(s: Service) -> dict[str, Any]:
    return {
        "slug": s.slug,
        "name": s.name,
        "organisation": s.organisation.slug,
        "days": [int(d) for d in s.days],
        "start_time": s.start_time.strftime("%H:%M"),
        "end_time": s.end_time.strftime("%H:%M"),
        "min_notice_minutes": int(s.min_notice.total_seconds() // 60),
        "max_advance_days": s.max_advance.days,
        "cancellation_deadline_minutes": int(s.cancellation_deadline.total_seconds() // 60),
        "eligibility": s.eligibility,
        "fare_kind": s.fare_kind,
        "fare_amount": s.fare_amount,
        "phone": s.phone,
        "instructions": s.instructions,
        "communes": sorted(
            Commune.objects.filter(pk__in=s.zone_commune_ids()).values_list("insee_code", flat=True)
        ),
        "zone": s.zone_geojson,
        "stops": [
            {
                "id": stop.pk,
                "name": stop.place.name,
                "latitude": stop.place.latitude,
                "longitude": stop.place.longitude,
                "commune": stop.place.commune.insee_code if stop.place.commune_id else None,
            }
            for stop in s.stops.select_related("place__commune")
        ],
    }


def _booking_out(b: Booking) -> dict[str, Any]:
    local = timezone.localtime
    return {
        "id": b.pk,
        "service": b.service.slug,
        "date": b.date.isoformat(),
        "origin": b.origin_label,
        "destination": b.destination_label,
        "time_kind": b.time_kind,
        "requested_time": local(b.requested_time),
        "window_start": local(b.window_start) if b.window_start else None,
        "window_end": local(b.window_end) if b.window_end else None,
        "planned_dropoff": local(b.planned_dropoff) if b.planned_dropoff else None,
        "passengers": b.passengers,
        "wheelchair": b.wheelchair,
        "companion": b.companion,
        "status": b.status,
        "fare": b.fare,
        "confirmation": service_booking.confirmation_text(b),
    }


def _failure(exc: ValidationError) -> Status[dict[str, Any]]:
    body: dict[str, Any] = {"errors": error_dict(exc)}
    if isinstance(exc, service_booking.Unservable):
        body["alternatives"] = [
            {"requested_time": a.requested_time, "pickup": a.pickup} for a in exc.alternatives
        ]
    return Status(http_status(exc), body)


def _endpoint(service: Service, point: PointIn, field: str) -> service_booking.Endpoint:
    if point.stop is not None:
        stop = Stop.objects.select_related("place").filter(pk=point.stop, service=service).first()
        if stop is None:
            raise ValidationError({field: [ValidationError(_("Unknown stop of this service."))]})
        return service_booking.Endpoint.of_stop(stop)
    if point.latitude is None or point.longitude is None or not point.label.strip():
        raise ValidationError(
            {field: [ValidationError(_("Give a stop id, or a label with latitude and longitude."))]}
        )
    if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
        raise ValidationError({field: [ValidationError(_("Latitude or longitude out of range."))]})
    return service_booking.Endpoint(point.label.strip()[:250], point.latitude, point.longitude)


def _beneficiary(request: HttpRequest, service: Service, pk: int | None) -> Beneficiary:
    if pk is None:
        return beneficiary_of(request.user, service)
    staff = Membership.objects.filter(
        user_id=request.user.pk or 0,
        organisation=service.organisation,
        role__in=Membership.STAFF_ROLES,
    ).exists()
    if not staff:
        raise PermissionError
    return get_object_or_404(Beneficiary, pk=pk, organisation=service.organisation)


def _request(request: HttpRequest, service: Service, payload: TripIn) -> Any:
    errors: dict[str, list[Any]] = {}
    endpoints = {}
    for field in ("origin", "destination"):
        try:
            endpoints[field] = _endpoint(service, getattr(payload, field), field)
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if payload.time_kind not in Booking.TimeKind.values:
        errors["time_kind"] = [ValidationError(_("Choose leave_at or arrive_by."))]
    if errors:
        raise ValidationError(errors)
    moment = aware(payload.time)
    return service_booking.TripRequest(
        service=service,
        beneficiary=_beneficiary(request, service, payload.beneficiary),
        origin=endpoints["origin"],
        destination=endpoints["destination"],
        time_kind=payload.time_kind,
        requested_time=moment,
        passengers=payload.passengers,
        wheelchair=payload.wheelchair,
        companion=payload.companion,
        note=payload.note[:250],
    )


def _not_operator() -> Status[dict[str, Any]]:
    return Status(403, {"errors": {"beneficiary": [_("Only operators book for someone else.")]}})


def _public_service(slug: str) -> Service:
    return get_object_or_404(Service.objects.select_related("organisation"), slug=slug,
                             is_active=True)  # fmt: skip


@router.get(
    "/services",
    response=list[ServiceOut],
    summary="Active on-demand services",
    openapi_extra=example(ex.SERVICES),
)
def services(request: HttpRequest) -> Any:
    return [
        _service_out(s)
        for s in Service.objects.filter(is_active=True).select_related("organisation", "area")
    ]


@router.get(
    "/services/{slug}",
    response=ServiceOut,
    summary="One service, its zone and stops",
    openapi_extra=example(ex.SERVICE),
)
def service_detail(request: HttpRequest, slug: str) -> Any:
    return _service_out(_public_service(slug))


@router.post(
    "/services/{slug}/quote",
    response={200: QuoteOut, 403: TripErrorsOut, 404: TripErrorsOut, 422: TripErrorsOut},
    auth=AUTH,
    summary="The proposed pick-up window for a trip (nothing is booked)",
)
@limit_api("ondemand-booking")  # an insertion search per call: part of the booking budget
def quote(request: HttpRequest, slug: str, payload: TripIn) -> Any:
    service = _public_service(slug)
    try:
        q = service_booking.quote(_request(request, service, payload))
    except PermissionError:
        return _not_operator()
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, q.__dict__)


@router.post(
    "/services/{slug}/bookings",
    response={
        201: TripBookingOut,
        403: TripErrorsOut,
        404: TripErrorsOut,
        422: TripErrorsOut,
        503: TripErrorsOut,
    },
    auth=AUTH,
    summary="Book a trip (for myself, or for a beneficiary when I am an operator)",
)
@limit_api("ondemand-booking")
def create_booking(request: HttpRequest, slug: str, payload: TripIn) -> Any:
    service = _public_service(slug)
    try:
        booking = service_booking.book(request.user, _request(request, service, payload))
    except PermissionError:
        return _not_operator()
    except ValidationError as exc:
        return _failure(exc)
    return Status(201, _booking_out(booking))


def _own_booking(request: HttpRequest, booking_id: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("service", "beneficiary"),
        pk=booking_id,
        beneficiary__user=request.user,
    )


@router.get("/bookings", response=list[TripBookingOut], auth=AUTH, summary="My trips")
def my_bookings(request: HttpRequest) -> Any:
    rows = Booking.objects.for_user(request.user).select_related("service", "beneficiary")
    return [_booking_out(b) for b in rows.order_by("date", "requested_time")]


@router.get("/bookings/{booking_id}", response=TripBookingOut, auth=AUTH, summary="One of my trips")
def get_booking(request: HttpRequest, booking_id: int) -> Any:
    return _booking_out(_own_booking(request, booking_id))


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: TripBookingOut, 404: TripErrorsOut, 422: TripErrorsOut, 503: TripErrorsOut},
    auth=AUTH,
    summary="Cancel one of my trips",
)
def cancel_booking(request: HttpRequest, booking_id: int) -> Any:
    booking = _own_booking(request, booking_id)
    try:
        booking = service_booking.cancel(request.user, booking)
    except ValidationError as exc:
        return _failure(exc)
    return Status(200, _booking_out(booking))
