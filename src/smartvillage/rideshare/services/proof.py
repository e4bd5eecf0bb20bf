"""Proof of shared rides (the French carpool proof registry's fields), statistics, retention."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from jsonschema import Draft7Validator  # JSON Schema validation (python-jsonschema)

from smartvillage.core import datasets
from smartvillage.rideshare import conf
from smartvillage.rideshare.models import (
    HitchRequest,
    Member,
    Message,
    Ride,
    RideRequest,
    Stop,
    Trip,
    age_on,
)

#: Proof class of our rides: both sides confirm in the app, positions are the stops' or the
#: declared places' (not both phones' GPS fixes, which class C requires). docs/rideshare.md.
OPERATOR_CLASS = "B"
#: Positions published in the proof export: 2 decimals (about 1 km), like the registry's
#: open data.
PROOF_DECIMALS = 2
FORMAT = "smartvillage.rideshare.proofs/1"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "proof_export.schema.json"

#: Why a ride confirmed by both sides is recorded but not exported as a proof.
REASONS: dict[str, Any] = {
    "too_short": _(
        "Shorter than %(km)s km: recorded, but the registry only takes longer journeys."
    ),
    # ngettext_lazy with a key: the plural form follows the "n" value given at formatting.
    "driver_daily_limit": ngettext_lazy(
        "The driver already has %(n)s proof that day: held back (limit against fraud).",
        "The driver already has %(n)s proofs that day: held back (limit against fraud).",
        "n",
    ),
    "passenger_daily_limit": ngettext_lazy(
        "The passenger already has %(n)s proof that day: held back (limit against fraud).",
        "The passenger already has %(n)s proofs that day: held back (limit against fraud).",
        "n",
    ),
}

#: Columns of the CSV export (one row per exportable proof; amounts in cents, metres).
PROOF_FIELDS = [
    "journey_id",
    "operator_journey_id",
    "operator_trip_id",
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
    "passenger_contribution",
    "driver_revenue",
    "driver_operator_user_id",
    "passenger_operator_user_id",
    "driver_confirmed",
    "passenger_confirmed",
]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, PROOF_DECIMALS)


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


@dataclass(frozen=True)
class ProofCheck:
    """A ride confirmed by both sides and whether it goes to the registry (``reason`` empty)."""

    ride: Ride
    reason: str = ""

    @property
    def exportable(self) -> bool:
        return not self.reason

    @property
    def message(self) -> str:
        if self.reason == "too_short":
            km = conf.proof_min_metres() / 1000
            return str(REASONS["too_short"] % {"km": f"{km:g}"})
        if self.reason == "driver_daily_limit":
            n = conf.proof_max_per_driver_day()
        elif self.reason == "passenger_daily_limit":
            n = conf.proof_max_per_passenger_day()
        else:
            return ""
        return str(REASONS[self.reason] % {"n": n})


def check_proofs(rides: Any = None) -> list[ProofCheck]:
    """Every ride confirmed by both sides, in time order, with the registry's rules applied:
    at least ``RIDESHARE_PROOF_MIN_METRES`` (2 km), at most ``RIDESHARE_PROOF_MAX_PER_DRIVER_DAY``
    proofs per driver and ``RIDESHARE_PROOF_MAX_PER_PASSENGER_DAY`` per passenger per local day
    (the first ones of the day count; short rides do not use up the allowance)."""
    rides = (rides if rides is not None else Ride.objects.all()).proven()
    rides = rides.select_related("driver", "passenger", "contact").order_by("started_at", "pk")
    minimum = conf.proof_min_metres()
    per_driver, per_passenger = conf.proof_max_per_driver_day(), conf.proof_max_per_passenger_day()
    drivers: Counter[tuple[int, date]] = Counter()
    passengers: Counter[tuple[int, date]] = Counter()
    out = []
    for ride in rides:
        day = timezone.localdate(ride.started_at)
        driver_key, passenger_key = (ride.driver_id, day), (ride.passenger_id, day)
        if ride.distance_m < minimum:
            reason = "too_short"
        elif drivers[driver_key] >= per_driver:
            reason = "driver_daily_limit"
        elif passengers[passenger_key] >= per_passenger:
            reason = "passenger_daily_limit"
        else:
            reason = ""
            drivers[driver_key] += 1
            passengers[passenger_key] += 1
        out.append(ProofCheck(ride, reason))
    return out


def check_ride(ride: Ride) -> ProofCheck | None:
    """The proof status of one ride (None until both sides confirmed and it arrived), judged
    among the same day's rides of its driver and passenger."""
    day = timezone.localdate(ride.started_at)
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    same_day = Ride.objects.filter(
        Q(driver_id=ride.driver_id) | Q(passenger_id=ride.passenger_id),
        started_at__gte=start,
        started_at__lt=start + timedelta(days=1),
    )
    return next((c for c in check_proofs(same_day) if c.ride.pk == ride.pk), None)


def _trip_id(ride: Ride) -> str:
    """Groups the passengers of one car trip (the registry's operator_trip_id)."""
    if ride.hitch_id:
        return f"hitch-{ride.hitch_id}"
    if ride.contact_id and ride.contact:
        return f"trip-{ride.contact.trip_id}-{ride.contact.ride_on:%Y%m%d}"
    return f"ride-{ride.pk}"


def _over_18(member: Member, moment: datetime) -> bool | None:
    if member.birth_date is None:
        return None
    return age_on(member.birth_date, timezone.localdate(moment)) >= conf.ADULT_AGE


def _point(moment: datetime | None, lat: float | None, lon: float | None) -> dict[str, Any]:
    return {"datetime": _iso(moment), "lat": _rounded(lat), "lon": _rounded(lon)}


def registry_journey(ride: Ride) -> dict[str, Any]:
    """One journey with the registry's field names (API v3): cents, metres, ISO 8601 UTC."""
    return {
        "operator_journey_id": str(ride.journey_id),
        "operator_trip_id": _trip_id(ride),
        "operator_class": OPERATOR_CLASS,
        "start": _point(ride.started_at, ride.start_lat, ride.start_lon),
        "end": _point(ride.ended_at, ride.end_lat, ride.end_lon),
        "distance": ride.distance_m,
        "driver": {
            "identity": {
                "operator_user_id": ride.driver.number,
                "over_18": _over_18(ride.driver, ride.started_at),
            },
            "revenue": ride.contribution_cents,
        },
        "passenger": {
            "identity": {
                "operator_user_id": ride.passenger.number,
                "over_18": _over_18(ride.passenger, ride.started_at),
            },
            "contribution": ride.contribution_cents,
            "seats": ride.seats,
        },
        # Rides are free or costs shared between members: no incentive paid by a public body.
        "incentives": [],
    }


def proof_document(rides: Any = None, now: datetime | None = None) -> dict[str, Any]:
    """The JSON export: exportable journeys and, with their reason, the ones held back."""
    checks = check_proofs(rides)
    return {
        "format": FORMAT,
        "operator": str(settings.SITE_NAME),
        "operator_class": OPERATOR_CLASS,
        "generated_at": _iso(now or timezone.now()),
        "rules": {
            "min_distance_m": conf.proof_min_metres(),
            "max_per_driver_day": conf.proof_max_per_driver_day(),
            "max_per_passenger_day": conf.proof_max_per_passenger_day(),
        },
        "journeys": [registry_journey(c.ride) for c in checks if c.exportable],
        "excluded": [
            {
                "operator_journey_id": str(c.ride.journey_id),
                "reason": c.reason,
                "message": c.message,
            }
            for c in checks
            if not c.exportable
        ],  # fmt: skip
    }


@lru_cache(maxsize=1)
def proof_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Where ``document`` breaks the export's JSON Schema (jsonschema, Draft 7); empty if valid."""
    validator = Draft7Validator(proof_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    ]


def proof_rows(rides: Any = None) -> list[dict[str, Any]]:
    """Flat rows for the CSV export: one per exportable proof (same rules as the JSON)."""
    return [
        {
            "journey_id": str(r.journey_id),
            "operator_journey_id": str(r.journey_id),
            "operator_trip_id": _trip_id(r),
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
            "passenger_contribution": r.contribution_cents,
            "driver_revenue": r.contribution_cents,
            "driver_operator_user_id": r.driver.number,
            "passenger_operator_user_id": r.passenger.number,
            "driver_confirmed": _iso(r.driver_confirmed_at),
            "passenger_confirmed": _iso(r.passenger_confirmed_at),
        }
        for r in (c.ride for c in check_proofs(rides) if c.exportable)
    ]


def proof_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PROOF_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def ride_figures(start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """Shared rides (proven) that started between two local days, all of them without bounds:
    the flows of the statistics page, and of each line of the monthly open-data CSV."""
    proven = Ride.objects.proven()
    if start is not None:
        proven = proven.filter(started_at__date__gte=start)
    if end is not None:
        proven = proven.filter(started_at__date__lte=end)
    totals = proven.aggregate(
        rides=Count("pk"),
        metres=Sum("distance_m"),
        passenger_metres=Sum(F("distance_m") * F("seats")),
    )
    km = (totals["metres"] or 0) / 1000
    passenger_km = (totals["passenger_metres"] or 0) / 1000
    factor = conf.co2_factor()
    return {
        "rides": totals["rides"],
        "hitchhiking_rides": proven.filter(hitch__isnull=False).count(),
        "km_shared": round(km, 1),
        "passenger_km": round(passenger_km, 1),
        # Each passenger-km is a car-km the passenger did not drive alone.
        "co2_avoided_kg": round(passenger_km * float(factor.kg_per_km), 1),
    }


def statistics(month: date | None = None) -> dict[str, Any]:
    """The network in figures; with a month (its first day), the rides of that month."""
    end = datasets.month_end(month) if month else None
    factor = conf.co2_factor()
    return {
        "members": Member.objects.validated().count(),
        "drivers": Member.objects.validated().filter(vehicles__is_active=True).distinct().count(),
        "stops": Stop.objects.active().count(),
        "active_trips": Trip.objects.active().count(),
        **ride_figures(month, end),
        "co2_factor_kg_per_km": float(factor.kg_per_km),
        "co2_source": factor.source,
        "co2_factor_version": factor.version,
    }


MONTHLY_COLUMNS = [
    "month", "insee_codes", "rides", "hitchhiking_rides", "km_shared", "passenger_km",
    "co2_avoided_kg",
]  # fmt: skip


def monthly(today: date | None = None) -> list[tuple[date, dict[str, Any]]]:
    """Each month's figures, from the first proven ride's month to today's."""
    today = today or timezone.localdate()
    first = Ride.objects.proven().order_by("started_at").values_list("started_at", flat=True)
    start = first.first()
    if start is None:
        return []
    return [
        (month, ride_figures(month, datasets.month_end(month)))
        for month in datasets.months(timezone.localdate(start), today)
    ]


def monthly_csv(rows: list[tuple[date, dict[str, Any]]]) -> str:
    """UTF-8 CSV, one line per month; ``insee_codes``: the communes of the active stops."""
    codes = " ".join(
        sorted(set(Stop.objects.active().values_list("place__commune__insee_code", flat=True)))
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MONTHLY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for month, figures in rows:
        writer.writerow({"month": f"{month:%Y-%m}", "insee_codes": codes, **figures})
    return out.getvalue()


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
