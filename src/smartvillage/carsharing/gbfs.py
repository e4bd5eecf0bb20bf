"""The public GBFS v3.0 feed of car sharing (https://gbfs.org, MobilityData).

Systems: ``/gbfs/v3/gbfs.json`` is the auto-discovery file of one system covering every fleet of
the instance that publishes its data (``Fleet.publish_gbfs``); each such fleet is also a system
of its own at ``/gbfs/v3/<organisation-slug>/gbfs.json``, and ``/gbfs/v3/manifest.json`` lists
those, as GBFS 3.0 asks of a publisher with several systems. Identifiers are prefixed
(``station-12``, ``plan-3``) so that they stay unique in the instance system.

Availability here is for display: computed without locks at each request (ttl 60 s).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import Max, Q
from django.utils.text import slugify

from smartvillage.carsharing.models import (
    Booking,
    Fleet,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)

VERSION = "3.0"
TTL = 60
LANGUAGE = "fr"
FEEDS = (
    "system_information",
    "vehicle_types",
    "station_information",
    "station_status",
    "vehicle_status",
    "system_pricing_plans",
)
LICENSE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass
class System:
    system_id: str
    name: str
    operator: str
    email: str
    organisation_ids: list[int]
    slug: str | None = None  # None: the instance system


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def text(value: str) -> list[dict[str, str]]:
    return [{"text": value, "language": LANGUAGE}]


def _contact_email(fleets: list[Fleet]) -> str:
    for fleet in fleets:
        if fleet.contact_email:
            return fleet.contact_email
    # "Name <address>" → address
    return settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()


def instance_system() -> System:
    fleets = list(Fleet.objects.filter(publish_gbfs=True).select_related("organisation"))
    return System(
        system_id=slugify(settings.SITE_NAME) or "smartvillage",
        name=settings.SITE_NAME,
        operator=settings.SITE_NAME,
        email=_contact_email(fleets),
        organisation_ids=[f.organisation_id for f in fleets],
    )


def fleet_system(slug: str) -> System | None:
    fleet = (
        Fleet.objects.filter(publish_gbfs=True, organisation__slug=slug)
        .select_related("organisation")
        .first()
    )
    if fleet is None:
        return None
    return System(
        system_id=f"{slugify(settings.SITE_NAME)}-{slug}",
        name=fleet.name,
        operator=fleet.organisation.name,
        email=_contact_email([fleet]),
        organisation_ids=[fleet.organisation_id],
        slug=slug,
    )


def envelope(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {"last_updated": rfc3339(now), "ttl": TTL, "version": VERSION, "data": data}


def vehicle_type_id(vehicle: Vehicle) -> str:
    return slugify(f"{vehicle.make} {vehicle.model} {vehicle.propulsion}")


def _vehicles(system: System) -> list[Vehicle]:
    return list(
        Vehicle.objects.filter(organisation_id__in=system.organisation_ids, station__is_active=True)
        .select_related("station")
        .order_by("pk")
    )


# --- Files ---------------------------------------------------------------------------------------


def gbfs(system: System, now: datetime, url: Callable[[str], str]) -> dict[str, Any]:
    feeds = [{"name": name, "url": url(name)} for name in ("gbfs", *FEEDS)]
    return envelope({"feeds": feeds}, now)


def manifest(now: datetime, url: Callable[[str], str]) -> dict[str, Any]:
    fleets = Fleet.objects.filter(publish_gbfs=True).select_related("organisation")
    datasets = []
    for fleet in fleets.order_by("organisation__slug"):
        system = fleet_system(fleet.organisation.slug)
        assert system is not None
        versions = [{"version": VERSION, "url": url(fleet.organisation.slug)}]
        datasets.append({"system_id": system.system_id, "versions": versions})
    return envelope({"datasets": datasets}, now)


def system_information(system: System, now: datetime) -> dict[str, Any]:
    return envelope(
        {
            "system_id": system.system_id,
            "languages": ["fr", "en"],
            "name": text(system.name),
            "operator": text(system.operator),
            "url": settings.SITE_ROOT,
            "opening_hours": "24/7",
            "feed_contact_email": system.email,
            "timezone": settings.TIME_ZONE,
            "license_url": LICENSE_URL,
        },
        now,
    )


def vehicle_types(system: System, now: datetime) -> dict[str, Any]:
    types: dict[str, dict[str, Any]] = {}
    for vehicle in _vehicles(system):
        type_id = vehicle_type_id(vehicle)
        entry = types.setdefault(
            type_id,
            {
                "vehicle_type_id": type_id,
                "form_factor": "car",
                "propulsion_type": vehicle.propulsion,
                "rider_capacity": vehicle.seats,
                "max_range_meters": 0,
                "name": text(f"{vehicle.make} {vehicle.model}"),
                "make": text(vehicle.make),
                "model": text(vehicle.model),
            },
        )
        entry["max_range_meters"] = max(entry["max_range_meters"], vehicle.range_km * 1000)
        entry["rider_capacity"] = max(entry["rider_capacity"], vehicle.seats)
    return envelope({"vehicle_types": list(types.values())}, now)


def station_information(system: System, now: datetime, url: Callable[[str], str]) -> dict[str, Any]:
    vehicles = _vehicles(system)
    stations = []
    qs = Station.objects.filter(organisation_id__in=system.organisation_ids, is_active=True)
    for station in qs.order_by("pk"):
        mine = [v for v in vehicles if v.station_id == station.pk]
        by_type: dict[str, int] = {}
        for v in mine:
            by_type[vehicle_type_id(v)] = by_type.get(vehicle_type_id(v), 0) + 1
        row: dict[str, Any] = {
            "station_id": f"station-{station.pk}",
            "name": text(station.name),
            "lat": station.latitude,
            "lon": station.longitude,
            "is_charging_station": station.has_charging_point,
            "capacity": len(mine),
            "vehicle_types_capacity": [
                {"vehicle_type_ids": [t], "count": n} for t, n in sorted(by_type.items())
            ],
            "rental_uris": {"web": url("carsharing:find")},
        }
        if station.address:
            row["address"] = station.address
        stations.append(row)
    return envelope({"stations": stations}, now)


@dataclass
class _Now:
    reserved: set[int]
    disabled: set[int]
    on_trip: set[int]
    next_start: dict[int, datetime]
    last_ended: dict[int, int]


def _state(vehicles: list[Vehicle], now: datetime) -> _Now:
    ids = [v.pk for v in vehicles]
    live = Booking.objects.live().filter(vehicle_id__in=ids)
    reserved = set(
        live.filter(starts_at__lte=now, ends_at__gt=now).values_list("vehicle_id", flat=True)
    )
    blocked = MaintenanceBlock.objects.filter(
        vehicle_id__in=ids, starts_at__lte=now, ends_at__gt=now
    )
    disabled = set(blocked.values_list("vehicle_id", flat=True))
    disabled |= {v.pk for v in vehicles if v.status == Vehicle.Status.MAINTENANCE}
    on_trip = set(
        Trip.objects.filter(booking__vehicle_id__in=ids, checked_in_at__isnull=True).values_list(
            "booking__vehicle_id", flat=True
        )
    )
    next_start: dict[int, datetime] = {}
    for vehicle_id, start in (
        live.filter(starts_at__gt=now).order_by("-starts_at").values_list("vehicle_id", "starts_at")
    ):
        next_start[vehicle_id] = start
    ended = live.filter(ends_at__lte=now).values("vehicle_id").annotate(last=Max("pk"))
    return _Now(
        reserved, disabled, on_trip, next_start, {r["vehicle_id"]: r["last"] for r in ended}
    )


def rotating_vehicle_id(vehicle: Vehicle, last_ended_booking: int | None) -> str:
    """GBFS asks vehicle_id to change after each trip (privacy): an HMAC of the vehicle and its
    last ended booking, stable between two trips, meaningless outside."""
    message = f"carsharing.gbfs:{vehicle.pk}:{last_ended_booking or 0}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]


def station_status(system: System, now: datetime) -> dict[str, Any]:
    vehicles = _vehicles(system)
    state = _state(vehicles, now)
    stations = []
    qs = Station.objects.filter(organisation_id__in=system.organisation_ids, is_active=True)
    for station in qs.order_by("pk"):
        mine = [v for v in vehicles if v.station_id == station.pk and v.pk not in state.on_trip]
        free = [v for v in mine if v.pk not in state.reserved and v.pk not in state.disabled]
        by_type: dict[str, int] = {}
        for v in free:
            by_type[vehicle_type_id(v)] = by_type.get(vehicle_type_id(v), 0) + 1
        stations.append(
            {
                "station_id": f"station-{station.pk}",
                "num_vehicles_available": len(free),
                "vehicle_types_available": [
                    {"vehicle_type_id": t, "count": by_type.get(t, 0)}
                    for t in sorted({vehicle_type_id(v) for v in mine})
                ],
                "num_vehicles_disabled": len([v for v in mine if v.pk in state.disabled]),
                "is_installed": True,
                "is_renting": True,
                "is_returning": True,
                "last_reported": rfc3339(now),
            }
        )
    return envelope({"stations": stations}, now)


def vehicle_status(system: System, now: datetime) -> dict[str, Any]:
    vehicles = _vehicles(system)
    state = _state(vehicles, now)
    rows = []
    for v in vehicles:
        if v.pk in state.on_trip:
            continue  # GBFS publishes no vehicle while it is being driven
        row: dict[str, Any] = {
            "vehicle_id": rotating_vehicle_id(v, state.last_ended.get(v.pk)),
            "lat": v.station.latitude,
            "lon": v.station.longitude,
            "is_reserved": v.pk in state.reserved,
            "is_disabled": v.pk in state.disabled,
            "vehicle_type_id": vehicle_type_id(v),
            "last_reported": rfc3339(now),
            "current_range_meters": v.current_range_km * 1000,
            "current_fuel_percent": v.charge_percent / 100,
            "station_id": f"station-{v.station_id}",
            "home_station_id": f"station-{v.station_id}",
        }
        if v.pricing_plan_id:
            row["pricing_plan_id"] = f"plan-{v.pricing_plan_id}"
        if v.pk in state.next_start:
            row["available_until"] = rfc3339(state.next_start[v.pk])
        rows.append(row)
    return envelope({"vehicles": rows}, now)


def _describe(plan: PricingPlan) -> str:
    parts = [f"{plan.hourly_rate} €/h", f"{plan.per_km_rate} €/km"]
    if plan.daily_cap is not None:
        parts.append(f"max. {plan.daily_cap} € / 24 h (hors km)")
    if plan.membership_fee:
        parts.append(f"adhésion {plan.membership_fee} €/an")
    return ", ".join(parts)


def system_pricing_plans(system: System, now: datetime) -> dict[str, Any]:
    plans = []
    for plan in PricingPlan.objects.filter(Q(organisation_id__in=system.organisation_ids)).order_by(
        "pk"
    ):
        plans.append(
            {
                "plan_id": f"plan-{plan.pk}",
                "name": text(plan.name),
                "currency": "EUR",
                "price": 0,
                "is_taxable": False,
                "description": text(plan.description or _describe(plan)),
                # We charge to the minute: the hourly rate / 60 per minute (4 decimals).
                "per_min_pricing": [
                    {"start": 0, "rate": round(float(plan.hourly_rate) / 60, 4), "interval": 1}
                ],
                "per_km_pricing": [{"start": 0, "rate": float(plan.per_km_rate), "interval": 1}],
            }
        )
    return envelope({"plans": plans}, now)
