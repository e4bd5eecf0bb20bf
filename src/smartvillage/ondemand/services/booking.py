"""Booking workflows: quote, book, cancel, alternatives, recurring bookings, incidents.

Web pages, the API and the commands call these functions and show their errors as they are: a
``ValidationError`` whose dict maps a field (``date``, ``time``, ``origin``, ``destination``,
``passengers``, ``wheelchair``, ``beneficiary``, ``__all__``) to messages from ``ERRORS``.

Every write to a day's plan follows docs/locking.md: the rules that need no lock first, then
the **service day row locked** (``locks.lock_day``) — the one row every booking of that service
and date shares, since a new trip may go into any of the day's runs — then the plan re-read
and the insertion re-computed under the lock, then the write.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from smartvillage.core import booking as core
from smartvillage.core.errors import field_error
from smartvillage.ondemand import dispatch, locks, notices, zone
from smartvillage.ondemand.models import (
    Beneficiary,
    Booking,
    Incident,
    RecurringBooking,
    Service,
    ServiceDay,
    Stop,
    Vehicle,
)
from smartvillage.optim import darp

logger = logging.getLogger(__name__)

ERRORS: dict[str, Any] = {
    "inactive": _("This service is not taking bookings at the moment."),
    "no_service_day": _("There is no service on this day. Service days: %(days)s."),
    "outside_hours": _("The service runs from %(start)s to %(end)s: choose a time in between."),
    "in_the_past": _("This time has already passed."),
    "too_short_notice": _("Book at least %(limit)s ahead: the earliest possible is %(earliest)s."),
    "too_far_ahead": _("Bookings open %(limit)s ahead: the latest possible is %(latest)s."),
    "outside_zone": _("This place is outside the service's zone."),
    "same_place": _("The destination must differ from the departure."),
    "passengers": _("Between 1 and %(limit)s passengers."),
    "no_wheelchair_vehicle": _("No vehicle of this service can carry a wheelchair."),
    "not_registered": _(
        "This service is for registered beneficiaries: contact the organisation to register."
    ),
    "restricted": _(
        "Bookings are suspended until %(until)s after repeated no-shows or late cancellations."
    ),
    "unservable": _("No vehicle can make this trip at this time (%(reason)s)."),
    "not_cancellable": _("This booking can no longer be cancelled."),
    "cancelled": _("This booking has been cancelled."),
}

MAX_PASSENGERS = 8


def error(field: str, code: str, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


# The engine's reasons (plain English, for developers) → what the person on the phone hears.
REASONS: list[tuple[str, Any]] = [
    ("wheelchair", _("no vehicle has enough wheelchair places")),
    ("load exceeds", _("too many passengers for the vehicles")),
    ("max ride time", _("the trip is too long for this service")),
    ("time window unreachable", _("no vehicle can be there at that time")),
    ("no feasible position", _("the vehicles are full or busy at that time")),
    ("driver distance", _("the drivers available live too far from these places")),
]


def human_reason(reason: str) -> str:
    for prefix, message in REASONS:
        if reason.startswith(prefix):
            return str(message)
    return reason


class Unservable(ValidationError):
    """The engine found no vehicle for the trip; ``alternatives`` lists times that would work."""

    def __init__(self, reason: str, alternatives: list[Alternative] | None = None) -> None:
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    ValidationError(
                        ERRORS["unservable"],
                        code="unservable",
                        params={"reason": human_reason(reason)},
                    )
                ]
            }
        )
        self.reason = reason
        self.alternatives = alternatives or []


def _race_window() -> None:
    """Nothing. The concurrency tests make it sleep between the plan read and the write."""


# --- Requests ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """Where a trip starts or ends: a stop of the service or an address (point) in the zone."""

    label: str
    latitude: float
    longitude: float
    stop: Stop | None = None
    commune_id: int | None = None

    @classmethod
    def of_stop(cls, stop: Stop) -> Endpoint:
        place = stop.place
        return cls(place.name, place.latitude, place.longitude, stop, place.commune_id)


@dataclass
class TripRequest:
    service: Service
    beneficiary: Beneficiary
    origin: Endpoint
    destination: Endpoint
    time_kind: str
    requested_time: datetime  # aware
    passengers: int = 1
    wheelchair: bool = False
    companion: bool = False
    note: str = ""
    recurring: RecurringBooking | None = None

    @property
    def date(self) -> date:
        return timezone.localtime(self.requested_time).date()

    def to_booking(self, actor: Any) -> Booking:
        return Booking(
            service=self.service,
            beneficiary=self.beneficiary,
            date=self.date,
            origin_stop=self.origin.stop,
            origin_label=self.origin.label,
            origin_lat=self.origin.latitude,
            origin_lon=self.origin.longitude,
            destination_stop=self.destination.stop,
            destination_label=self.destination.label,
            destination_lat=self.destination.latitude,
            destination_lon=self.destination.longitude,
            time_kind=self.time_kind,
            requested_time=self.requested_time,
            passengers=self.passengers,
            wheelchair=self.wheelchair,
            companion=self.companion,
            note=self.note,
            recurring=self.recurring,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )


def _human(delta: timedelta) -> str:
    hours = int(delta.total_seconds()) // 3600
    if hours and hours % 24 == 0:
        days = hours // 24
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
    if hours:
        return gettext("%(n)s h") % {"n": hours}
    return gettext("%(n)s min") % {"n": int(delta.total_seconds()) // 60}


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def in_zone(service: Service, point: Endpoint, communes: set[int] | None = None) -> bool:
    if point.stop is not None and point.stop.service_id == service.pk:
        return True
    communes = service.zone_commune_ids() if communes is None else communes
    if point.commune_id is not None and point.commune_id in communes:
        return True
    return zone.contains(service.zone_geojson, point.latitude, point.longitude)


def rule_errors(
    req: TripRequest, now: datetime, *, check_notice: bool = True
) -> dict[str, list[ValidationError]]:
    """Every booking rule that needs no lock, as field errors (all of them at once)."""
    service = req.service
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, code: str, **params: Any) -> None:
        errors.setdefault(field, []).extend(error(field, code, **params).error_dict[field])

    if not service.is_active:
        add(NON_FIELD_ERRORS, "inactive")
    local = timezone.localtime(req.requested_time)
    if not service.runs_on(local.date()):
        names = ", ".join(
            str(formats.date_format(date(2024, 1, int(d)), "l")) for d in sorted(service.days)
        )
        add("date", "no_service_day", days=names)
    if not service.start_time <= local.time().replace(tzinfo=None) <= service.end_time:
        add(
            "time",
            "outside_hours",
            start=service.start_time.strftime("%H:%M"),
            end=service.end_time.strftime("%H:%M"),
        )
    if req.requested_time <= now:
        add("time", "in_the_past")
    elif check_notice and req.requested_time < now + service.min_notice:
        earliest = _local(now + service.min_notice)
        add("time", "too_short_notice", limit=_human(service.min_notice), earliest=earliest)
    if req.requested_time > now + service.max_advance:
        latest = _local(now + service.max_advance)
        add("date", "too_far_ahead", limit=_human(service.max_advance), latest=latest)
    communes = service.zone_commune_ids()
    if not in_zone(service, req.origin, communes):
        add("origin", "outside_zone")
    if not in_zone(service, req.destination, communes):
        add("destination", "outside_zone")
    if (req.origin.latitude, req.origin.longitude) == (
        req.destination.latitude,
        req.destination.longitude,
    ):
        add("destination", "same_place")
    if not 1 <= req.passengers <= MAX_PASSENGERS:
        add("passengers", "passengers", limit=MAX_PASSENGERS)
    if (
        req.wheelchair
        and not Vehicle.objects.filter(
            organisation_id=service.organisation_id, is_active=True, wheelchair_places__gt=0
        ).exists()
    ):
        add("wheelchair", "no_wheelchair_vehicle")
    beneficiary = req.beneficiary
    if service.eligibility == Service.Eligibility.REGISTERED and not beneficiary.is_registered:
        add("beneficiary", "not_registered")
    if beneficiary.is_restricted(local.date()):
        until = formats.date_format(beneficiary.restricted_until or "", "DATE_FORMAT")
        add("beneficiary", "restricted", until=until)
    return errors


def _check(req: TripRequest, now: datetime, check_notice: bool) -> None:
    errors = rule_errors(req, now, check_notice=check_notice)
    if errors:
        raise ValidationError(errors)


# --- Quote (no write) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    pickup: datetime
    dropoff: datetime
    window_start: datetime
    window_end: datetime
    fare: Any
    distance_m: float


@dataclass(frozen=True)
class Alternative:
    requested_time: datetime
    pickup: datetime
    dropoff: datetime = field(compare=False)


def _try_insert(
    req: TripRequest, actor: Any = None
) -> tuple[darp.Insertion | darp.Rejection, dispatch.DayModel, Booking]:
    """The insertion ``book`` would make now, without writing (a display: no lock)."""
    from smartvillage.ondemand.services import planning

    day = ServiceDay.objects.filter(service=req.service, date=req.date).first()
    booking = req.to_booking(actor)
    runs = dispatch.usable_runs(day) if day is not None else []
    if day is None or not runs:
        day = day or ServiceDay(service=req.service, date=req.date)
        runs = planning.draft_runs(req.service, day)
        model = dispatch.build(req.service, day, extra=[booking], runs=runs, bookings=[])
    else:
        model = dispatch.build(req.service, day, extra=[booking], runs=runs)
    return _insert(model), model, booking


def _insert(model: dispatch.DayModel) -> darp.Insertion | darp.Rejection:
    new = len(model.bookings) - 1
    if not model.runs:
        return darp.Rejection(new, gettext("no vehicle with a driver on that day"))
    return dispatch.insert(model, new)


def quote(req: TripRequest, *, now: datetime | None = None, check_notice: bool = True) -> Quote:
    """The proposed pick-up window before confirming; nothing is written or locked.

    For display only: ``book`` computes the insertion again under the lock.
    """
    now = core.utc(now or timezone.now())
    _check(req, now, check_notice)
    result, model, booking = _try_insert(req)
    if isinstance(result, darp.Rejection):
        raise Unservable(result.reason, alternatives(req, now=now, check_notice=check_notice))
    pickup = dispatch.instant(model.origin, result.pickup_time)
    dropoff = dispatch.instant(model.origin, result.dropoff_time)
    start, end = dispatch.promise(req.service, booking, pickup)
    direct = float(
        model.problem.distance[model.problem.requests[-1].pickup][
            model.problem.requests[-1].dropoff
        ]
    )
    fare = req.service.fare_for(direct, req.passengers + int(req.companion))
    return Quote(pickup, dropoff, start, end, fare, direct)


def alternatives(
    req: TripRequest, *, now: datetime | None = None, check_notice: bool = True, limit: int = 3
) -> list[Alternative]:
    """Other times (the same day ±1 h, ±2 h) then other days (same time) that would work."""
    now = core.utc(now or timezone.now())
    shifts = [timedelta(hours=h) for h in (1, -1, 2, -2)] + [
        timedelta(days=d) for d in range(1, 15)
    ]
    found: list[Alternative] = []
    for shift in shifts:
        candidate = TripRequest(**{**req.__dict__, "requested_time": req.requested_time + shift})
        if rule_errors(candidate, now, check_notice=check_notice):
            continue
        result, model, _booking = _try_insert(candidate)
        if isinstance(result, darp.Insertion):
            found.append(
                Alternative(
                    candidate.requested_time,
                    dispatch.instant(model.origin, result.pickup_time),
                    dispatch.instant(model.origin, result.dropoff_time),
                )
            )
        if len(found) >= limit:
            break
    return found


# --- Book ----------------------------------------------------------------------------------------


def book(
    actor: Any,
    req: TripRequest,
    *,
    now: datetime | None = None,
    lock: bool = True,
    check_notice: bool = True,
    notify_passenger: bool = True,
) -> Booking:
    """Book the trip: insert it into the day's plan and promise a pick-up window.

    Raises ``ValidationError`` for a broken rule and ``Unservable`` (with alternatives) when no
    vehicle can make the trip; an unservable request is recorded as such (for the statistics).
    ``lock=False`` exists only to prove the race in the concurrency tests.
    """
    now = core.utc(now or timezone.now())
    _check(req, now, check_notice)
    day = locks.ensure_day(req.service, req.date)

    def attempt() -> Booking:
        if lock:
            locks.lock_day(day.pk)
        from smartvillage.ondemand.services import planning

        planning.ensure_runs(req.service, day)
        before = notices.signatures(day)
        booking = req.to_booking(actor)
        model = dispatch.build(req.service, day, extra=[booking])
        result = _insert(model)
        if isinstance(result, darp.Rejection):
            raise Unservable(result.reason)
        _race_window()
        request = model.problem.requests[-1]
        booking.direct_distance_m = float(model.problem.distance[request.pickup][request.dropoff])
        booking.fare = req.service.fare_for(
            booking.direct_distance_m, req.passengers + int(req.companion)
        )
        pickup = dispatch.instant(model.origin, result.pickup_time)
        booking.window_start, booking.window_end = dispatch.promise(req.service, booking, pickup)
        booking.save()
        model.index[booking.pk] = len(model.bookings) - 1
        dispatch.write_routes(model, result.plan, {result.vehicle})
        bump(day)
        if notify_passenger:
            notices.passenger(booking, "confirmed")
        else:
            Booking.objects.filter(pk=booking.pk).update(notified_pickup=booking.planned_pickup)
        notices.announce(day, before, exclude=[booking.pk])
        core.record(
            actor,
            "ondemand.booking.created",
            booking,
            booking.window_start,
            booking.planned_dropoff or booking.window_end,
            service=req.service.pk,
            run=booking.run_id,
        )
        return booking

    try:
        if lock:
            booking = core.run_locked(attempt)
        else:
            with transaction.atomic():
                booking = attempt()
    except Unservable as exc:
        _record_refusal(actor, req, exc.reason)
        raise Unservable(exc.reason, alternatives(req, now=now, check_notice=check_notice)) from exc
    return booking


def bump(day: ServiceDay) -> None:
    """Mark the day's plan as changed: pending proposals computed before are now stale."""
    ServiceDay.objects.filter(pk=day.pk).update(version=F("version") + 1)
    day.refresh_from_db(fields=["version"])


def _record_refusal(actor: Any, req: TripRequest, reason: str) -> None:
    booking = req.to_booking(actor)
    booking.status = Booking.Status.UNSERVED
    booking.reason = reason[:250]
    booking.direct_distance_m = dispatch.haversine_m(
        (req.origin.latitude, req.origin.longitude),
        (req.destination.latitude, req.destination.longitude),
    )
    booking.save()


# --- Cancel --------------------------------------------------------------------------------------


def cancel(actor: Any, booking: Booking, *, now: datetime | None = None) -> Booking:
    """Cancel before the pick-up; after the service's deadline it is a late cancellation.

    The trip leaves its run (``remove_request``); the other passengers keep their times.
    """
    now = core.utc(now or timezone.now())
    day = locks.ensure_day(booking.service, booking.date)

    def attempt() -> Booking:
        locks.lock_day(day.pk)
        current = Booking.objects.select_related("service", "beneficiary").get(pk=booking.pk)
        if current.status == Booking.Status.CANCELLED:
            raise error(NON_FIELD_ERRORS, "cancelled")
        if not current.cancellable(now):
            raise error(NON_FIELD_ERRORS, "not_cancellable")
        before = notices.signatures(day)
        model = dispatch.build(current.service, day)
        index = model.request_of(current)
        vehicle = model.plan.route_of(index)
        if vehicle is not None:
            plan = darp.remove_request(model.problem, model.plan, index)
            dispatch.write_routes(model, plan, {vehicle})
        start = current.window_start or current.requested_time
        current.status = Booking.Status.CANCELLED
        current.cancelled_at = now
        current.late_cancellation = now > start - current.service.cancellation_deadline
        current.run = None
        current.save(update_fields=["status", "cancelled_at", "late_cancellation", "run"])
        bump(day)
        if current.late_cancellation:
            record_incident(current, Incident.Kind.LATE_CANCELLATION, now=now)
        notices.passenger(current, "cancelled")
        notices.announce(day, before, exclude=[current.pk])
        core.record(
            actor,
            "ondemand.booking.cancelled",
            current,
            start,
            current.window_end or start,
            late=current.late_cancellation,
        )
        return current

    return core.run_locked(attempt)


# --- Incidents -----------------------------------------------------------------------------------


def record_incident(booking: Booking, kind: str, *, now: datetime | None = None) -> str:
    """Record a no-show or late cancellation and apply the policy: "", "warning" or "restricted"."""
    now = now or timezone.now()
    service, beneficiary = booking.service, booking.beneficiary
    Incident.objects.get_or_create(
        booking=booking, defaults={"beneficiary": beneficiary, "kind": kind, "created": now}
    )
    since = now - timedelta(days=service.incident_period_days)
    count = Incident.objects.filter(
        beneficiary=beneficiary, created__gte=since, booking__service=service
    ).count()
    if count >= service.restrict_after:
        until = timezone.localdate(now) + timedelta(days=service.restriction_days)
        Beneficiary.objects.filter(pk=beneficiary.pk).update(restricted_until=until)
        beneficiary.restricted_until = until
        _notify_policy(beneficiary, service, "restricted")
        return "restricted"
    if count >= service.warning_after:
        _notify_policy(beneficiary, service, "warning")
        return "warning"
    return ""


def _notify_policy(beneficiary: Beneficiary, service: Service, level: str) -> None:
    with translation.override(notices.language_of(beneficiary)):
        text = _policy_text(beneficiary, service, level)
    notices.to_beneficiary(beneficiary, subject=service.name, text=text)


def _policy_text(beneficiary: Beneficiary, service: Service, level: str) -> str:
    if level == "restricted":
        text = gettext(
            "%(service)s: after repeated no-shows or late cancellations, your bookings are "
            "suspended until %(until)s. Call %(phone)s for any question."
        ) % {
            "service": service.name,
            "until": formats.date_format(beneficiary.restricted_until or "", "DATE_FORMAT"),
            "phone": service.phone,
        }
    else:
        text = gettext(
            "%(service)s: you missed a trip or cancelled it late. Please cancel as early as "
            "possible: the seat can go to someone else. Call %(phone)s."
        ) % {"service": service.name, "phone": service.phone}
    return text


# --- Notifications -------------------------------------------------------------------------------


def confirmation_text(booking: Booking) -> str:
    """A short text (one SMS) the operator can read out, print or send."""
    service = booking.service
    if booking.status != Booking.Status.CONFIRMED:
        return gettext("%(service)s: your trip of %(date)s is cancelled.") % {
            "service": service.name,
            "date": formats.date_format(booking.date, "l j F"),
        }
    start = timezone.localtime(booking.window_start) if booking.window_start else None
    end = timezone.localtime(booking.window_end) if booking.window_end else None
    text = gettext(
        "%(service)s: %(date)s, pick-up between %(start)s and %(end)s at %(origin)s, to "
        "%(destination)s. Booking no. %(number)s."
    ) % {
        "service": service.name,
        "date": formats.date_format(booking.date, "l j F"),
        "start": start.strftime("%H:%M") if start else "?",
        "end": end.strftime("%H:%M") if end else "?",
        "origin": booking.origin_label,
        "destination": booking.destination_label,
        "number": booking.pk,
    }
    if booking.fare:
        text += " " + gettext("Fare: %(fare)s €.") % {
            "fare": formats.number_format(booking.fare, 2)
        }
    if service.phone:
        text += " " + gettext("To cancel: %(phone)s.") % {"phone": service.phone}
    return text


# --- Recurring bookings --------------------------------------------------------------------------


def materialise_recurring(
    recurring: RecurringBooking, *, now: datetime | None = None, until: date | None = None
) -> tuple[list[Booking], list[tuple[date, str]]]:
    """Book every occurrence within the booking horizon that is not booked yet.

    Returns the bookings made and the dates that could not be booked, with why.
    """
    now = core.utc(now or timezone.now())
    service = recurring.service
    first = timezone.localdate(now + service.min_notice)
    last = timezone.localdate(now + service.max_advance)
    if until is not None:
        last = min(last, until)
    made: list[Booking] = []
    failed: list[tuple[date, str]] = []
    day = first
    while day <= last:
        due = recurring.occurs_on(day) and service.runs_on(day)
        if due and not Booking.objects.filter(recurring=recurring, date=day).exists():
            req = recurring_request(recurring, day)
            try:
                made.append(book(recurring.created_by, req, now=now))
            except ValidationError as exc:
                failed.append((day, "; ".join(exc.messages)))
        day += timedelta(days=1)
    return made, failed


def recurring_request(recurring: RecurringBooking, day: date) -> TripRequest:
    moment = dispatch.local_instant(day, recurring.time)
    return TripRequest(
        service=recurring.service,
        beneficiary=recurring.beneficiary,
        origin=Endpoint.of_stop(recurring.origin_stop),
        destination=Endpoint.of_stop(recurring.destination_stop),
        time_kind=recurring.time_kind,
        requested_time=moment,
        passengers=recurring.passengers,
        wheelchair=recurring.wheelchair,
        companion=recurring.companion,
        recurring=recurring,
    )
