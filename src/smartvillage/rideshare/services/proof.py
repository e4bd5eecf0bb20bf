"""Proof of shared rides (the French carpool proof registry's fields), statistics, retention."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from smartvillage.rideshare import conf
from smartvillage.rideshare.models import (
    HitchRequest,
    Member,
    Message,
    Ride,
    RideRequest,
    Stop,
    Trip,
)

#: Proof class of our rides: both sides confirm in the app, positions are the stops' or the
#: declared places' (not both phones' GPS fixes, which class C requires). docs/rideshare.md.
OPERATOR_CLASS = "B"
#: Positions published in the proof export: 2 decimals (about 1 km), like the registry's
#: open data.
PROOF_DECIMALS = 2

PROOF_FIELDS = [
    "journey_id",
    "operator_journey_id",
    "operator_class",
    "start_datetime",
    "start_lat",
    "start_lon",
    "start_insee",
    "end_datetime",
    "end_lat",
    "end_lon",
    "end_insee",
    "distance",
    "seats",
    "driver_operator_user_id",
    "passenger_operator_user_id",
    "driver_confirmed",
    "passenger_confirmed",
]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, PROOF_DECIMALS)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def proof_rows(rides: Any = None) -> list[dict[str, Any]]:
    """One row per ride confirmed by both sides; distances in metres, times ISO 8601 UTC."""
    rides = (rides if rides is not None else Ride.objects.all()).proven()
    return [
        {
            "journey_id": str(r.journey_id),
            "operator_journey_id": f"ride-{r.pk}",
            "operator_class": OPERATOR_CLASS,
            "start_datetime": _iso(r.started_at),
            "start_lat": _rounded(r.start_lat),
            "start_lon": _rounded(r.start_lon),
            "start_insee": r.start_insee,
            "end_datetime": _iso(r.ended_at),
            "end_lat": _rounded(r.end_lat),
            "end_lon": _rounded(r.end_lon),
            "end_insee": r.end_insee,
            "distance": r.distance_m,
            "seats": r.seats,
            "driver_operator_user_id": r.driver.number,
            "passenger_operator_user_id": r.passenger.number,
            "driver_confirmed": _iso(r.driver_confirmed_at),
            "passenger_confirmed": _iso(r.passenger_confirmed_at),
        }
        for r in rides.select_related("driver", "passenger").order_by("started_at", "pk")
    ]


def proof_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PROOF_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def statistics() -> dict[str, Any]:
    proven = Ride.objects.proven()
    totals = proven.aggregate(
        rides=Count("pk"),
        metres=Sum("distance_m"),
        passenger_metres=Sum(F("distance_m") * F("seats")),
    )
    km = (totals["metres"] or 0) / 1000
    passenger_km = (totals["passenger_metres"] or 0) / 1000
    factor = conf.co2_kg_per_km()
    return {
        "members": Member.objects.validated().count(),
        "drivers": Member.objects.validated().filter(vehicles__is_active=True).distinct().count(),
        "stops": Stop.objects.active().count(),
        "active_trips": Trip.objects.active().count(),
        "rides": totals["rides"],
        "hitchhiking_rides": proven.filter(hitch__isnull=False).count(),
        "km_shared": round(km, 1),
        "passenger_km": round(passenger_km, 1),
        # Each passenger-km is a car-km the passenger did not drive alone.
        "co2_avoided_kg": round(passenger_km * factor, 1),
        "co2_factor_kg_per_km": factor,
        "co2_source": conf.co2_source(),
    }


def purge(now: datetime | None = None) -> dict[str, int]:
    """Positions past the retention period: rides coarsened to the proof's precision (about
    1 km), past requests and hitchhiking requests deleted, old messages deleted."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=conf.position_retention_days())
    counts = {"rides": 0, "requests": 0, "hitches": 0, "trips": 0, "messages": 0}
    for ride in Ride.objects.filter(started_at__lt=cutoff, positions_coarsened=False).exclude(
        status=Ride.Status.ONGOING
    ):
        for field in ("start_lat", "start_lon", "end_lat", "end_lon"):
            setattr(ride, field, _rounded(getattr(ride, field)))
        ride.positions_coarsened = True
        ride.share_token = f"expired-{ride.pk}"
        ride.save(
            update_fields=["start_lat", "start_lon", "end_lat", "end_lon", "positions_coarsened",
                           "share_token"]
        )  # fmt: skip
        counts["rides"] += 1
    counts["requests"] = (
        RideRequest.objects.filter(departure_at__lt=cutoff)
        .delete()[1]
        .get("rideshare.RideRequest", 0)
    )
    counts["hitches"] = (
        HitchRequest.objects.filter(expires_at__lt=cutoff).filter(ride__isnull=True).delete()[1]
    ).get("rideshare.HitchRequest", 0)
    old_trips = Trip.objects.filter(
        Q(kind=Trip.Kind.ONE_OFF, departure_at__lt=cutoff)
        | Q(status=Trip.Status.CANCELLED, created__lt=cutoff)
    ).filter(origin_lat__isnull=False)
    counts["trips"] = old_trips.update(
        origin_lat=None, origin_lon=None, destination_lat=None, destination_lon=None
    )
    counts["messages"] = Message.objects.filter(created__lt=cutoff).delete()[0]
    return counts
