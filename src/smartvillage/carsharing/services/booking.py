"""Booking workflows: book, change, cancel, check out and check in.

Web pages and the API call these functions and show their errors as they are: a
``ValidationError`` whose dict maps a field (``vehicle``, ``start``, ``end``, ``__all__``) to
messages from ``ERRORS``. Every write to a vehicle's bookings follows docs/locking.md: one
transaction, the vehicle row locked (``locks.lock_vehicle``), availability re-checked under the
lock, then the write. On PostgreSQL the exclusion constraint backs it up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smartvillage.carsharing import locks
from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    Fleet,
    MaintenanceBlock,
    PricingPlan,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import pricing
from smartvillage.core import booking as core
from smartvillage.core.booking import duration, overlap_q, utc
from smartvillage.core.errors import field_error

ERRORS: dict[str, Any] = {
    "end_before_start": _("The end must be after the start."),
    "too_short": _("A booking lasts at least %(limit)s."),
    "too_long": _("A booking lasts at most %(limit)s."),
    "in_the_past": _("This time has already passed: choose a start in the future."),
    "not_member": _("You are not a member of this car-sharing service yet."),
    "under_review": _(
        "Your membership is being reviewed: you can book once a manager has approved it."
    ),
    "suspended": _("Your membership is suspended: please contact the car-sharing service."),
    "licence_expired": _("Your driving licence has expired: please send the new one."),
    "vehicle_maintenance": _("This vehicle is in maintenance."),
    "vehicle_blocked": _("This vehicle is unavailable for maintenance during this time."),
    "slot_taken": _("This vehicle is already booked during this time."),
    "charging_buffer": _(
        "This vehicle needs %(limit)s to charge between two bookings: choose another time."
    ),
    "cancelled": _("This booking has been cancelled."),
    "already_started": _("This booking has already started."),
    "already_ended": _("This booking has already ended."),
    "not_checked_out": _("Check the car out first."),
    "already_checked_out": _("The car has already been checked out."),
    "already_checked_in": _("The car has already been checked in."),
    "odometer_lower": _("The odometer cannot be lower than at check-out (%(limit)s km)."),
    "too_early": _("You can check the car out when your booking starts."),
    "not_started": _("This booking has not started yet: change its times instead."),
    "late_end_too_early": _("Give a return time later than the end of the booking and than now."),
}

# Errors about the person rather than the request: the API answers 403 to these.
MEMBER_ERRORS = frozenset({"not_member", "under_review", "suspended", "licence_expired"})


def error(field: str, code: str, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


def _human(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    if minutes >= 24 * 60 and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
    if minutes % 60 == 0:
        return _("%(n)s h") % {"n": minutes // 60}
    return _("%(n)s min") % {"n": minutes}


def _race_window() -> None:
    """Nothing. The concurrency tests replace it with a short sleep to widen the window between
    the availability check and the insert, so that the race is certain when the guard is off."""


# --- Reading -------------------------------------------------------------------------------------


def member_of(user: Any, organisation_id: int) -> CarshareMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CarshareMember.objects.filter(user=user, organisation_id=organisation_id).first()


def check_member(member: CarshareMember | None, now: datetime) -> CarshareMember:
    if member is None:
        raise error(NON_FIELD_ERRORS, "not_member")
    if member.status == CarshareMember.Status.UNDER_REVIEW:
        raise error(NON_FIELD_ERRORS, "under_review")
    if member.status == CarshareMember.Status.SUSPENDED:
        raise error(NON_FIELD_ERRORS, "suspended")
    if member.licence_expiry and member.licence_expiry < timezone.localdate(now):
        raise error(NON_FIELD_ERRORS, "licence_expired")
    return member


def plan_for(vehicle: Vehicle, member: CarshareMember | None = None) -> PricingPlan | None:
    if member is not None and member.plan_id:
        return member.plan
    if vehicle.pricing_plan_id:
        return vehicle.pricing_plan
    plans = PricingPlan.objects.filter(organisation_id=vehicle.organisation_id)
    return plans.order_by("-is_default", "pk").first()


def estimate(
    vehicle: Vehicle, start: datetime, end: datetime, member: CarshareMember | None = None
) -> Decimal:
    plan = plan_for(vehicle, member)
    if plan is None or duration(start, end) <= timedelta(0):
        return pricing.ZERO
    return pricing.time_price(plan, start, end)


def slot_errors(
    fleet: Fleet, start: datetime, end: datetime, now: datetime
) -> dict[str, list[ValidationError]]:
    """The rules that need no lock: duration limits and a start in the future."""
    errors: dict[str, list[ValidationError]] = {}
    length = duration(start, end)
    if length <= timedelta(0):
        errors["end"] = error("end", "end_before_start").error_dict["end"]
    elif length < fleet.min_duration:
        errors["end"] = error("end", "too_short", limit=_human(fleet.min_duration)).error_dict[
            "end"
        ]
    elif length > fleet.max_duration:
        errors["end"] = error("end", "too_long", limit=_human(fleet.max_duration)).error_dict["end"]
    if start < now:
        errors["start"] = error("start", "in_the_past").error_dict["start"]
    return errors


def _problem(
    fleet: Fleet,
    vehicle: Vehicle,
    blocked: bool,
    neighbours: list[tuple[datetime, datetime]],
    start: datetime,
    end: datetime,
) -> ValidationError | None:
    """The decision shared by the locked re-check and the display: ``neighbours`` are the live
    bookings within the fleet's charging buffer of the slot."""
    if vehicle.status == Vehicle.Status.MAINTENANCE:
        return error("vehicle", "vehicle_maintenance")
    if blocked:
        return error("vehicle", "vehicle_blocked")
    if any(core.overlaps(s, e, start, end) for s, e in neighbours):
        return error("vehicle", "slot_taken")
    if neighbours:
        return error("vehicle", "charging_buffer", limit=_human(fleet.charging_buffer))
    return None


def conflict(
    fleet: Fleet, vehicle: Vehicle, start: datetime, end: datetime, exclude: Any = None
) -> ValidationError | None:
    """Why ``vehicle`` cannot be used in ``[start, end)``, or None. Under the lock for a write."""
    if vehicle.status == Vehicle.Status.MAINTENANCE:
        return error("vehicle", "vehicle_maintenance")
    blocks = MaintenanceBlock.objects.filter(vehicle=vehicle)
    blocked = not core.is_free(blocks, start, end)
    # One query for both rules: the neighbours within the buffer, then which rule they break.
    near = (
        Booking.objects.live()
        .filter(vehicle=vehicle)
        .exclude(pk=exclude)
        .overlapping(start, end, buffer=fleet.charging_buffer)
        .values_list("starts_at", "ends_at")
    )
    return _problem(fleet, vehicle, blocked, list(near), start, end)


def availability(
    vehicles: Any, start: datetime, end: datetime, user: Any = None
) -> list[dict[str, Any]]:
    """For display only (a list, the map, the API): whether each vehicle is free, and its price.

    A fixed number of queries whatever the number of vehicles (fleets, the person's memberships,
    default plans, maintenance blocks, bookings near the slot), and no write: a fleet without
    its row yet shows the default rules. A booking re-checks under the lock (docs/locking.md).
    """
    vehicles = list(vehicles)
    if not vehicles:
        return []
    start, end = utc(start), utc(end)
    org_ids = {v.organisation_id for v in vehicles}
    fleets = {f.organisation_id: f for f in Fleet.objects.filter(organisation_id__in=org_ids)}
    for v in vehicles:
        if v.organisation_id not in fleets:
            fleets[v.organisation_id] = Fleet(organisation_id=v.organisation_id)
    members: dict[int, CarshareMember] = {}
    if getattr(user, "is_authenticated", False):
        for m in CarshareMember.objects.filter(
            user=user, organisation_id__in=org_ids
        ).select_related("plan"):
            members[m.organisation_id] = m
    default_plans: dict[int, PricingPlan] = {}
    plans: dict[int, PricingPlan] = {}  # a vehicle's plan is one of its organisation's
    for plan in PricingPlan.objects.filter(organisation_id__in=org_ids).order_by(
        "-is_default", "pk"
    ):
        default_plans.setdefault(plan.organisation_id, plan)
        plans[plan.pk] = plan
    ids = [v.pk for v in vehicles]
    blocked = set(
        MaintenanceBlock.objects.filter(vehicle_id__in=ids)
        .filter(overlap_q(start, end))
        .values_list("vehicle_id", flat=True)
    )
    widest = max(f.charging_buffer for f in fleets.values())
    near: dict[int, list[tuple[datetime, datetime]]] = {}
    for vehicle_id, s, e in (
        Booking.objects.live()
        .filter(vehicle_id__in=ids)
        .overlapping(start, end, buffer=widest)
        .values_list("vehicle_id", "starts_at", "ends_at")
    ):
        near.setdefault(vehicle_id, []).append((s, e))
    rows = []
    for vehicle in vehicles:
        fleet = fleets[vehicle.organisation_id]
        buffer = fleet.charging_buffer
        neighbours = [
            (s, e)
            for s, e in near.get(vehicle.pk, [])
            if core.overlaps(s, e, start - buffer, end + buffer)
        ]
        problem = _problem(fleet, vehicle, vehicle.pk in blocked, neighbours, start, end)
        member = members.get(vehicle.organisation_id)
        chosen: PricingPlan | None = (
            (member.plan if member and member.plan_id else None)
            or plans.get(vehicle.pricing_plan_id or 0)
            or default_plans.get(vehicle.organisation_id)
        )
        rows.append(
            {
                "vehicle": vehicle,
                "available": problem is None,
                "reason": problem.messages[0] if problem else "",
                "estimated_price": (
                    pricing.time_price(chosen, start, end) if chosen else pricing.ZERO
                ),
                "plan": chosen,
            }
        )
    return rows


# --- Writing -------------------------------------------------------------------------------------


def _run(func: Callable[[], Booking], lock: bool) -> Booking:
    # On PostgreSQL, carsharing_booking_no_overlap refuses what the lock would have missed.
    return core.run_guarded(func, lock=lock, overlap=lambda: error("vehicle", "slot_taken"))


def book(
    user: Any,
    vehicle: Vehicle,
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
    lock: bool = True,
) -> Booking:
    """Book ``vehicle`` for ``user``. ``lock=False`` exists only to prove the race in tests."""
    now, start, end = utc(now or timezone.now()), utc(start), utc(end)

    def attempt() -> Booking:
        member = check_member(member_of(user, vehicle.organisation_id), now)
        fleet = Fleet.for_organisation(vehicle.organisation)
        errors = slot_errors(fleet, start, end, now)
        if errors:
            raise ValidationError(errors)
        locked = locks.lock_vehicle(vehicle.pk) if lock else Vehicle.objects.get(pk=vehicle.pk)
        problem = conflict(fleet, locked, start, end)
        if problem is not None:
            raise problem
        _race_window()
        booking = Booking.objects.create(
            vehicle=locked,
            member=member,
            starts_at=start,
            ends_at=end,
            estimated_price=estimate(locked, start, end, member),
        )
        core.record(user, "carsharing.booking.created", booking, start, end, vehicle=vehicle.pk)
        return booking

    return _run(attempt, lock)


def _own_booking(booking_id: int, user: Any) -> Booking:
    booking = Booking.objects.select_related("member", "vehicle").get(pk=booking_id)
    if booking.member.user_id != user.pk:
        raise Booking.DoesNotExist
    return booking


def change(
    user: Any,
    booking: Booking,
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
) -> Booking:
    """Move or resize a booking. Once started, only its end may move (to extend or shorten)."""
    now, start, end = utc(now or timezone.now()), utc(start), utc(end)

    def attempt() -> Booking:
        member = check_member(member_of(user, booking.vehicle.organisation_id), now)
        locked = locks.lock_vehicle(booking.vehicle_id)
        current = _own_booking(booking.pk, user)  # re-read under the lock
        if current.status == Booking.Status.CANCELLED:
            raise error(NON_FIELD_ERRORS, "cancelled")
        if current.ends_at <= now:
            raise error(NON_FIELD_ERRORS, "already_ended")
        fleet = Fleet.for_organisation(locked.organisation)
        if current.has_started(now):
            if start != current.starts_at:
                raise error("start", "already_started")
            errors = slot_errors(fleet, start, end, start)
            if end <= now:
                errors.setdefault("end", []).extend(error("end", "in_the_past").error_dict["end"])
        else:
            errors = slot_errors(fleet, start, end, now)
        if errors:
            raise ValidationError(errors)
        problem = conflict(fleet, locked, start, end, exclude=current.pk)
        if problem is not None:
            raise problem
        old = (current.starts_at, current.ends_at)
        current.starts_at, current.ends_at = start, end
        current.estimated_price = estimate(locked, start, end, member)
        current.save(update_fields=["starts_at", "ends_at", "estimated_price"])
        core.record(
            user,
            "carsharing.booking.changed",
            current,
            start,
            end,
            previous=[old[0].isoformat(), old[1].isoformat()],
        )
        return current

    return _run(attempt, lock=True)


def cancel(user: Any, booking: Booking, *, now: datetime | None = None) -> Booking:
    """Cancel before the start; late cancellations cost the fleet's fee."""
    now = utc(now or timezone.now())

    def attempt() -> Booking:
        locked = locks.lock_vehicle(booking.vehicle_id)
        current = _own_booking(booking.pk, user)
        if current.status == Booking.Status.CANCELLED:
            raise error(NON_FIELD_ERRORS, "cancelled")
        if current.has_started(now):
            raise error(NON_FIELD_ERRORS, "already_started")
        fleet = Fleet.for_organisation(locked.organisation)
        current.status = Booking.Status.CANCELLED
        current.cancelled_at = now
        current.cancellation_fee = pricing.cancellation_fee(fleet, current, now)
        current.save(update_fields=["status", "cancelled_at", "cancellation_fee"])
        core.record(
            user,
            "carsharing.booking.cancelled",
            current,
            current.starts_at,
            current.ends_at,
            fee=str(current.cancellation_fee),
        )
        return current

    return _run(attempt, lock=True)


def _report_damage(
    user: Any, booking: Booking, stage: str, description: str, photo: Any, now: datetime
) -> DamageReport | None:
    if not description.strip() and not photo:
        return None
    report = DamageReport(
        vehicle=booking.vehicle,
        booking=booking,
        reported_by=user,
        stage=stage,
        description=description.strip() or str(_("(see the photo)")),
    )
    if photo:
        report.photo = photo
    report.save()
    core.record(user, "carsharing.damage.reported", report, booking.starts_at, now, stage=stage)
    return report


def check_out(
    user: Any,
    booking: Booking,
    odometer: int,
    battery: int,
    *,
    damage: str = "",
    damage_photo: Any = None,
    now: datetime | None = None,
) -> Trip:
    """Start a trip: odometer and battery, and any damage found before driving (with a photo)."""
    now = utc(now or timezone.now())
    with transaction.atomic():
        current = _own_booking(booking.pk, user)
        if current.status == Booking.Status.CANCELLED:
            raise error(NON_FIELD_ERRORS, "cancelled")
        if not current.has_started(now):
            raise error(NON_FIELD_ERRORS, "too_early")
        if Trip.objects.filter(booking=current).exists():
            raise error(NON_FIELD_ERRORS, "already_checked_out")
        trip = Trip.objects.create(
            booking=current, checked_out_at=now, odometer_start=odometer, battery_start=battery
        )
        _report_damage(user, current, DamageReport.Stage.CHECK_OUT, damage, damage_photo, now)
        core.record(user, "carsharing.trip.checked_out", trip, current.starts_at, current.ends_at)
        return trip


def check_in(
    user: Any,
    trip: Trip,
    odometer: int,
    battery: int,
    cleanliness: str,
    *,
    note: str = "",
    damage: str = "",
    damage_photo: Any = None,
    now: datetime | None = None,
    lock: bool = True,
) -> Trip:
    """Close a trip: the price is the booked time (or more, if late) plus the km driven.

    The locking rule (docs/locking.md): the vehicle row is locked (``locks.lock_vehicle``,
    bounded by ``lock_timeout``, retried by ``run_locked``), then the trip and its booking are
    re-read, so that a second check-in, or "running late" extending the booking, waits for this
    one and sees it. ``lock=False`` is the concurrency tests' switch to show the race."""
    now = utc(now or timezone.now())
    trip_id = trip.pk

    def attempt() -> Trip:
        # Checks that need no lock: the trip exists and is the person's own.
        owned = _own_booking(Trip.objects.only("booking_id").get(pk=trip_id).booking_id, user)
        if lock:
            locks.lock_vehicle(owned.vehicle_id)
        trip = Trip.objects.get(pk=trip_id)  # re-read under the lock, with its booking
        booking = _own_booking(trip.booking_id, user)
        if trip.checked_in_at is not None:
            raise error(NON_FIELD_ERRORS, "already_checked_in")
        if odometer < trip.odometer_start:
            raise error("odometer", "odometer_lower", limit=trip.odometer_start)
        _race_window()
        plan = plan_for(booking.vehicle, booking.member)
        end = max(utc(booking.ends_at), now)
        km = odometer - trip.odometer_start
        price = pricing.price(plan, booking.starts_at, end, km) if plan else None
        trip.checked_in_at = now
        trip.odometer_end, trip.battery_end = odometer, battery
        trip.cleanliness, trip.note = cleanliness, note
        trip.time_price = price.time if price else pricing.ZERO
        trip.km_price = price.distance if price else pricing.ZERO
        trip.total_price = price.total if price else pricing.ZERO
        trip.save()
        Vehicle.objects.filter(pk=booking.vehicle_id).update(charge_percent=battery)
        _report_damage(user, booking, DamageReport.Stage.CHECK_IN, damage, damage_photo, now)
        core.record(
            user,
            "carsharing.trip.checked_in",
            trip,
            booking.starts_at,
            now,
            km=km,
            total=str(trip.total_price),
        )
        return trip

    return core.run_locked(attempt)
