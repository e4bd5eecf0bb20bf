"""The fleet manager's writes: stations, vehicles, maintenance blocks, pricing plans, damage.

Anything that changes whether a vehicle can be booked (its status, a maintenance block) follows
docs/locking.md like a booking does: one transaction, the vehicle row locked, the bookings
re-checked under the lock, then the write and its audit entry. Every write is audit-logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.carsharing import locks
from smartvillage.carsharing.models import (
    Booking,
    DamageReport,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Vehicle,
)
from smartvillage.core import audit
from smartvillage.core import booking as core
from smartvillage.core.booking import overlap_q, utc

ERRORS = {
    "block_end_before_start": _("The end of the maintenance must be after its start."),
    "block_overlaps_bookings": _(
        "This maintenance overlaps bookings: move or cancel them first, or choose another time."
    ),
    "block_overlaps_block": _("This vehicle already has maintenance planned during this time."),
}


def _changed(form: Any) -> list[str]:
    return sorted(name for name in form.changed_data if name != "photo") + (
        ["photo"] if "photo" in form.changed_data else []
    )


def save_station(actor: Any, form: Any) -> Station:
    created = form.instance.pk is None
    with transaction.atomic():
        station: Station = form.save()
        verb = "created" if created else "changed"
        audit.record(actor, f"carsharing.station.{verb}", station, fields=_changed(form))
    return station


def upcoming_bookings(vehicle: Vehicle, now: datetime | None = None) -> list[Booking]:
    """Live bookings not yet over: the ones a maintenance status puts at risk."""
    now = now or timezone.now()
    return list(
        Booking.objects.live()
        .filter(vehicle=vehicle, ends_at__gt=now)
        .select_related("member__user")
        .order_by("starts_at")
    )


def save_vehicle(actor: Any, form: Any) -> Vehicle:
    """Create or change a vehicle. A change locks the vehicle row first: a booking being made at
    the same moment re-checks the status under the same lock, so it sees either the old status
    or the new one, never a half-written vehicle."""
    created = form.instance.pk is None

    def attempt() -> Vehicle:
        if not created:
            locks.lock_vehicle(form.instance.pk)
        vehicle: Vehicle = form.save()
        verb = "created" if created else "changed"
        audit.record(
            actor,
            f"carsharing.vehicle.{verb}",
            vehicle,
            fields=_changed(form),
            status=vehicle.status,
        )
        return vehicle

    return core.run_locked(attempt)


@dataclass(frozen=True)
class BlockConflict:
    bookings: list[Booking]
    blocks: list[MaintenanceBlock]


class MaintenanceConflict(ValidationError):
    """A maintenance block refused because of what it overlaps (listed for the manager)."""

    def __init__(self, message: Any, code: str, conflict: BlockConflict) -> None:
        super().__init__({"__all__": [ValidationError(message, code=code)]})
        self.conflict = conflict


def _race_window() -> None:
    """Nothing. The concurrency tests widen the window between the re-check and the insert."""


def add_block(
    actor: Any,
    vehicle: Vehicle,
    start: datetime,
    end: datetime,
    reason: str = "",
    *,
    lock: bool = True,
) -> MaintenanceBlock:
    """Plan a maintenance. Refused, with the list of what is in the way, when it overlaps a live
    booking or another block of the vehicle (the charging buffer does not apply: nobody drives
    the car during a maintenance). ``lock=False`` exists only to prove the race in tests: no
    database constraint covers blocks against bookings, the vehicle lock is the only guard."""
    start, end = utc(start), utc(end)
    if end <= start:
        raise ValidationError({"ends_at": [ValidationError(ERRORS["block_end_before_start"])]})

    def attempt() -> MaintenanceBlock:
        # The same lock as a booking of this vehicle: one of the two waits for the other.
        locked = locks.lock_vehicle(vehicle.pk) if lock else Vehicle.objects.get(pk=vehicle.pk)
        bookings = list(
            Booking.objects.live()
            .filter(vehicle=locked)
            .overlapping(start, end)
            .select_related("member__user")
            .order_by("starts_at")
        )
        if bookings:
            raise MaintenanceConflict(
                ERRORS["block_overlaps_bookings"],
                "block_overlaps_bookings",
                BlockConflict(bookings, []),
            )
        blocks = list(MaintenanceBlock.objects.filter(vehicle=locked).filter(overlap_q(start, end)))
        if blocks:
            raise MaintenanceConflict(
                ERRORS["block_overlaps_block"], "block_overlaps_block", BlockConflict([], blocks)
            )
        _race_window()
        block = MaintenanceBlock.objects.create(
            vehicle=locked, starts_at=start, ends_at=end, reason=reason, created_by=actor
        )
        core.record(actor, "carsharing.maintenance.created", block, start, end, vehicle=locked.pk)
        return block

    if not lock:
        with transaction.atomic():
            return attempt()
    return core.run_locked(attempt)


def remove_block(actor: Any, block: MaintenanceBlock) -> None:
    def attempt() -> None:
        locks.lock_vehicle(block.vehicle_id)
        core.record(
            actor,
            "carsharing.maintenance.deleted",
            block,
            block.starts_at,
            block.ends_at,
            vehicle=block.vehicle_id,
        )
        MaintenanceBlock.objects.filter(pk=block.pk).delete()

    core.run_locked(attempt)


def save_plan(actor: Any, form: Any) -> PricingPlan:
    """Create or change a pricing plan; a new default plan takes over from the previous one."""
    created = form.instance.pk is None
    with transaction.atomic():
        plan: PricingPlan = form.save()
        if plan.is_default:
            PricingPlan.objects.filter(organisation_id=plan.organisation_id).exclude(
                pk=plan.pk
            ).update(is_default=False)
        verb = "created" if created else "changed"
        audit.record(
            actor,
            f"carsharing.plan.{verb}",
            plan,
            fields=_changed(form),
            hourly_rate=str(plan.hourly_rate),
            per_km_rate=str(plan.per_km_rate),
        )
    return plan


def follow_up_damage(actor: Any, report: DamageReport, status: str, notes: str) -> bool:
    """The manager's follow-up of a damage report; False when nothing changed."""
    if status not in DamageReport.Status.values:
        raise ValidationError({"status": [ValidationError(_("Choose a valid status."))]})
    if status == report.status and notes == report.notes:
        return False
    with transaction.atomic():
        previous = report.status
        report.status, report.notes = status, notes
        if status == DamageReport.Status.CLOSED and previous != status:
            report.resolved_at = timezone.now()
        elif status != DamageReport.Status.CLOSED:
            report.resolved_at = None
        report.save(update_fields=["status", "notes", "resolved_at", "updated"])
        audit.record(
            actor,
            "carsharing.damage.updated",
            report,
            status=status,
            previous_status=previous,
            notes=notes,
        )
    return True
