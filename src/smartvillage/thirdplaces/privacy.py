"""Personal data held by third places, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from smartvillage.thirdplaces.models import Booking, MemberPass, Registration, Workplace


def export_bookings(user: Any) -> list[dict[str, Any]]:
    rows = Booking.objects.for_user(user).select_related("space__third_place")
    return [
        {
            "third_place": b.space.third_place.slug,
            "space": b.space.name,
            "period": b.period,
            "start": b.starts_at,
            "end": b.ends_at,
            "desks": b.quantity,
            "status": b.status,
            "price": str(b.price),
            "commute_avoided_km": str(b.avoided_km) if b.avoided_km is not None else None,
        }
        for b in rows.order_by("starts_at")
    ]


def export_passes(user: Any) -> list[dict[str, Any]]:
    rows = MemberPass.objects.filter(user=user).select_related("product", "third_place")
    return [
        {
            "third_place": p.third_place.slug,
            "pass": p.product.name,
            "valid_from": p.valid_from,
            "valid_until": p.valid_until,
            "visits": p.visits_total,
            "visits_used": p.visits_used,
            "price_paid": str(p.price_paid),
            "bought": p.created,
        }
        for p in rows
    ]


def export_registrations(user: Any) -> list[dict[str, Any]]:
    rows = Registration.objects.filter(user=user).select_related("event__third_place")
    return [
        {
            "event": r.event.title,
            "third_place": r.event.third_place.slug,
            "start": r.event.starts_at,
            "places": r.seats,
            "status": r.status,
            "registered": r.created,
        }
        for r in rows
    ]


def export_workplace(user: Any) -> dict[str, Any] | None:
    w = Workplace.objects.select_related("commune", "home_commune").filter(user=user).first()
    if w is None:
        return None
    return {
        "label": w.label,
        "commune": w.commune.insee_code,
        "home_commune": w.home_commune.insee_code if w.home_commune else None,
    }


def erase(user: Any) -> None:
    """Bookings and passes stay for the places' accounts (they point to the anonymised user);
    future bookings and registrations are cancelled so their desks and places free up; the
    workplace (where the person works) is deleted. (The calendar feed key is core's: see
    accounts.gdpr.)"""
    now = timezone.now()
    Booking.objects.for_user(user).live().filter(starts_at__gt=now).update(
        status=Booking.Status.CANCELLED, cancelled_at=now
    )
    Registration.objects.filter(
        user=user, status=Registration.Status.CONFIRMED, event__starts_at__gt=now
    ).update(status=Registration.Status.CANCELLED, cancelled_at=now)
    Workplace.objects.filter(user=user).delete()
