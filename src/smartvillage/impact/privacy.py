"""Personal data held by impact, for the export and erasure registry (accounts.gdpr)."""

from __future__ import annotations

from typing import Any

from smartvillage.impact.models import EventCarpool, MemberMonthlyIndicator, Participation, RideHome


def export_monthly(user: Any) -> list[dict[str, Any]]:
    rows = MemberMonthlyIndicator.objects.filter(user=user).order_by("month", "service")
    return [
        {
            "month": r.month,
            "service": r.service,
            "commune": r.commune_insee,
            "trips": r.trips,
            "shared_trips": r.shared_trips,
            "desk_days": r.desk_days,
            "passenger_km": str(r.passenger_km),
            "car_km_avoided": str(r.car_km_avoided),
            "co2_avoided_kg": str(r.co2_avoided_kg),
            "factor_version": r.factor_version,
        }
        for r in rows
    ]


def export_challenges(user: Any) -> list[dict[str, Any]]:
    rows = Participation.objects.filter(user=user).select_related("challenge", "commune")
    return [
        {
            "challenge": p.challenge.slug,
            "team": p.commune.insee_code if p.commune else None,
            "joined": p.joined,
        }
        for p in rows
    ]


def export_event_carpools(user: Any) -> list[dict[str, Any]]:
    rows = EventCarpool.objects.filter(user=user).select_related("event", "commune")
    return [
        {
            "event": c.event.slug,
            "kind": c.kind,
            "direction": c.direction,
            "commune": c.commune.insee_code,
            "seats": c.seats,
            "departure": c.departure_at,
            "comment": c.comment,
            "active": c.is_active,
        }
        for c in rows
    ]


def export_rides_home(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "from": r.origin_label,
            "to": r.destination_label,
            "wanted_at": r.wanted_at,
            "status": r.status,
            "reference": r.reference,
            "asked": r.created,
        }
        for r in RideHome.objects.filter(user=user)
    ]


def erase(user: Any) -> None:
    """Every row of the member goes: their monthly figures (the territory's totals keep the
    activity, without the person), participations, carpool posts and rides home asked for."""
    MemberMonthlyIndicator.objects.filter(user=user).delete()
    Participation.objects.filter(user=user).delete()
    EventCarpool.objects.filter(user=user).delete()
    RideHome.objects.filter(user=user).delete()
