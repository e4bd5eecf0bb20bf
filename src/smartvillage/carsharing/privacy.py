"""Personal data held by car sharing, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from smartvillage.carsharing.models import Booking, CarshareMember, DamageReport


def export_memberships(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation.slug,
            "status": m.status,
            "licence_number": m.licence_number,
            "licence_expiry": m.licence_expiry,
            "plan": m.plan.name if m.plan else None,
            "created": m.created,
        }
        for m in CarshareMember.objects.filter(user=user).select_related("organisation", "plan")
    ]


def export_bookings(user: Any) -> list[dict[str, Any]]:
    bookings = Booking.objects.for_user(user).select_related("vehicle", "member__organisation")
    rows = []
    for b in bookings.order_by("starts_at"):
        trip = getattr(b, "trip", None)
        rows.append(
            {
                "organisation": b.member.organisation.slug,
                "vehicle": b.vehicle.name,
                "start": b.starts_at,
                "end": b.ends_at,
                "status": b.status,
                "estimated_price": str(b.estimated_price),
                "cancellation_fee": str(b.cancellation_fee) if b.cancellation_fee else None,
                "trip": {
                    "odometer_start": trip.odometer_start,
                    "odometer_end": trip.odometer_end,
                    "total_price": str(trip.total_price) if trip.total_price else None,
                }
                if trip
                else None,
            }
        )
    return rows


def export_damage_reports(user: Any) -> list[dict[str, Any]]:
    reports = DamageReport.objects.filter(reported_by=user).select_related("vehicle")
    return [
        {
            "vehicle": r.vehicle.name,
            "reported": r.created,
            "stage": r.stage,
            "description": r.description,
            "photo": r.photo.name or None,
            "status": r.status,
        }
        for r in reports.order_by("created")
    ]


def erase_member_data(user: Any) -> None:
    # Bookings and trips stay for the fleet's accounts and statistics; they point to the
    # anonymised user. The licence number is personal data with no statistical use: blank it.
    CarshareMember.objects.filter(user=user).update(
        licence_number="", licence_expiry=None, status=CarshareMember.Status.SUSPENDED
    )
    # Damage reports are about the car and stay for its follow-up, without their reporter.
    DamageReport.objects.filter(reported_by=user).update(reported_by=None)
