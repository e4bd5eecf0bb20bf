"""Late return: extend the booking when the car is free; otherwise warn the next member and the
fleet's managers.

Two ways in: the member says "I will be late until …" on the booking page (``running_late``),
and the periodic command ``carsharing_late_returns`` finds cars still out after their booking
ended (``warn_overdue``). Both warn once per booking (``Booking.late_warning_sent_at``, claimed
with a conditional update so that two runs never send twice).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from smartvillage.carsharing import locks
from smartvillage.carsharing.models import Booking, Fleet, Trip
from smartvillage.carsharing.services import booking as service
from smartvillage.core import booking as core
from smartvillage.core import notifications
from smartvillage.core.booking import utc
from smartvillage.core.errors import error_codes

# Conflicts that mean "someone or something needs the car after you": warn instead of extending.
BLOCKING = frozenset({"slot_taken", "charging_buffer", "vehicle_blocked"})
# How far ahead the periodic check looks for the next booking of a late car.
NEXT_BOOKING_HORIZON = timedelta(hours=12)


@dataclass
class LateOutcome:
    booking: Booking
    extended: bool
    warned: list[Booking] = field(default_factory=list)
    reason: str = ""


def next_bookings(booking: Booking, until: datetime) -> list[Booking]:
    """Live bookings of the same car that start after this one and before ``until``."""
    return list(
        Booking.objects.live()
        .filter(vehicle_id=booking.vehicle_id, starts_at__gte=booking.starts_at)
        .exclude(pk=booking.pk)
        .filter(starts_at__lt=until)
        .select_related("member__user", "vehicle__station")
        .order_by("starts_at")
    )


def _warn(actor: Any, booking: Booking, new_end: datetime | None, nexts: list[Booking]) -> None:
    fleet = Fleet.rules_for(booking.vehicle.organisation)
    context = {
        "booking": booking,
        "vehicle": booking.vehicle,
        "late_member": booking.member.user,
        "expected_end": new_end,
        "fleet": fleet,
    }
    for other in nexts:
        notifications.email_user(
            other.member.user,
            "carsharing/email/late_next_member",
            {**context, "next": other},
            sms=True,
        )
    notifications.email_addresses(
        fleet.manager_emails(), "carsharing/email/late_manager", {**context, "nexts": nexts}
    )
    core.record(
        actor,
        "carsharing.booking.late_warned",
        booking,
        booking.starts_at,
        booking.ends_at,
        expected_end=new_end.isoformat() if new_end else None,
        next_bookings=[b.pk for b in nexts],
    )


def running_late(
    user: Any, booking: Booking, new_end: datetime, *, now: datetime | None = None
) -> LateOutcome:
    """The member will bring the car back at ``new_end``: extend if the car is free until then
    (the rules of a change apply), else warn the next member(s) and the managers."""
    now, new_end = utc(now or timezone.now()), utc(new_end)

    def attempt() -> LateOutcome:
        service.check_member(service.member_of(user, booking.vehicle.organisation_id), now)
        locked = locks.lock_vehicle(booking.vehicle_id)
        current = (
            Booking.objects.select_related("member__user", "vehicle__organisation")
            .filter(pk=booking.pk, member__user=user)
            .first()
        )
        if current is None:
            raise Booking.DoesNotExist
        if current.status == Booking.Status.CANCELLED:
            raise service.error(NON_FIELD_ERRORS, "cancelled")
        if not current.has_started(now):
            raise service.error(NON_FIELD_ERRORS, "not_started")
        if Trip.objects.filter(booking=current, checked_in_at__isnull=False).exists():
            raise service.error(NON_FIELD_ERRORS, "already_checked_in")
        if new_end <= max(utc(current.ends_at), now):
            raise service.error("end", "late_end_too_early")
        fleet = Fleet.rules_for(locked.organisation)
        errors = service.slot_errors(fleet, current.starts_at, new_end, current.starts_at)
        if errors:
            raise ValidationError(errors)
        problem = service.conflict(fleet, locked, current.starts_at, new_end, exclude=current.pk)
        if problem is None:
            old_end = current.ends_at
            current.ends_at = new_end
            current.estimated_price = service.estimate(
                locked, current.starts_at, new_end, current.member
            )
            current.save(update_fields=["ends_at", "estimated_price"])
            core.record(
                user,
                "carsharing.booking.extended",
                current,
                current.starts_at,
                new_end,
                previous_end=old_end.isoformat(),
            )
            return LateOutcome(current, extended=True)
        if not (error_codes(problem) & BLOCKING):
            raise problem
        nexts = next_bookings(current, new_end + fleet.charging_buffer)
        _warn(user, current, new_end, nexts)
        Booking.objects.filter(pk=current.pk).update(late_warning_sent_at=now)
        return LateOutcome(current, extended=False, warned=nexts, reason=problem.messages[0])

    return core.run_locked(attempt)


def warn_overdue(now: datetime | None = None, grace: timedelta = timedelta(minutes=15)) -> int:
    """Warn about every car still out ``grace`` after its booking ended; once per booking.
    Returns how many late bookings were warned about."""
    now = utc(now or timezone.now())
    count = 0
    late = Booking.objects.not_returned(now - grace).filter(late_warning_sent_at__isnull=True)
    for booking in late.select_related("member__user", "vehicle__organisation"):
        with transaction.atomic():
            # Claim the booking first (healthchecks' workers): a second run does not send again.
            claimed = Booking.objects.filter(
                pk=booking.pk, late_warning_sent_at__isnull=True
            ).update(late_warning_sent_at=now)
            if not claimed:
                continue
            nexts = next_bookings(booking, now + NEXT_BOOKING_HORIZON)
            _warn(None, booking, None, nexts)  # emails leave when this transaction commits
        count += 1
    return count
