"""Planner API (/api/v1/planner/): one search over every mode, the same as the page.

Public (like the page): the options show availability, never another person's data. Bad
input answers 422 ``{"errors": {field: [messages]}}``. Times without an offset are read in
Europe/Paris.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.responses import Status

from smartvillage.core.mobility import Leg, Option
from smartvillage.core.openapi import example
from smartvillage.planner import search as planner_search
from smartvillage.planner.forms import JourneyForm

router = Router(tags=["planner"])

_VASSIEUX = {"label": "Vassieux-en-Vercors – Centre", "latitude": 44.896, "longitude": 5.372}
_CHAPELLE = {"label": "La Chapelle-en-Vercors – Centre", "latitude": 44.9703, "longitude": 5.4142}
_BUS = {
    "mode": "bus", "name": "V1", "origin": _VASSIEUX, "destination": _CHAPELLE,
    "departs": "2026-12-08T09:10:00+01:00", "arrives": "2026-12-08T09:28:00+01:00",
    "distance_m": 11370, "cost": None, "co2_kg": "1.28", "guaranteed": True,
    "needs_booking": False, "booking_url": "", "note": "Demo timetable (invented times)",
}  # fmt: skip
SEARCH_EXAMPLE = {
    "options": [{
        "departs": "2026-12-08T09:10:00+01:00", "arrives": "2026-12-08T09:28:00+01:00",
        "minutes": 18, "walking_m": 0, "transfers": 0, "cost": None, "co2_kg": "1.28",
        "needs_booking": False, "guaranteed": True, "modes": ["bus"], "legs": [_BUS],
    }],
    "drive": {**_BUS, "mode": "drive", "name": "Your own car (estimate)", "note": "",
              "departs": "2026-12-08T09:00:00+01:00", "arrives": "2026-12-08T09:14:00+01:00",
              "co2_kg": "2.48"},
    "invented_timetable": True,
}  # fmt: skip


class PlannerSearchIn(Schema):
    origin: str
    destination: str
    date: date
    time: time
    time_kind: str = "leave_at"
    wheelchair: bool = False
    luggage: bool = False
    companion: bool = False


class PlannerPointOut(Schema):
    label: str
    latitude: float
    longitude: float


class PlannerLegOut(Schema):
    mode: str
    name: str
    origin: PlannerPointOut
    destination: PlannerPointOut
    departs: datetime
    arrives: datetime
    distance_m: int
    cost: Decimal | None
    co2_kg: Decimal
    guaranteed: bool
    needs_booking: bool
    booking_url: str
    note: str


class PlannerOptionOut(Schema):
    departs: datetime
    arrives: datetime
    minutes: int
    walking_m: int
    transfers: int
    cost: Decimal | None
    co2_kg: Decimal
    needs_booking: bool
    guaranteed: bool
    modes: list[str]
    legs: list[PlannerLegOut]


class PlannerSearchOut(Schema):
    options: list[PlannerOptionOut]
    drive: PlannerLegOut | None
    invented_timetable: bool


class PlannerErrorsOut(Schema):
    errors: dict[str, list[str]]


def _point(p: Any) -> dict[str, Any]:
    return {"label": p.label, "latitude": p.latitude, "longitude": p.longitude}


def _leg(leg: Leg, request: HttpRequest) -> dict[str, Any]:
    return {
        "mode": leg.mode, "name": leg.name, "origin": _point(leg.origin),
        "destination": _point(leg.destination), "departs": leg.departs, "arrives": leg.arrives,
        "distance_m": leg.distance_m, "cost": leg.cost, "co2_kg": leg.co2_kg,
        "guaranteed": leg.guaranteed, "needs_booking": leg.needs_booking,
        "booking_url": request.build_absolute_uri(leg.booking_url) if leg.booking_url else "",
        "note": leg.note,
    }  # fmt: skip


def _option(o: Option, request: HttpRequest) -> dict[str, Any]:
    return {
        "departs": o.departs, "arrives": o.arrives,
        "minutes": round((o.arrives - o.departs).total_seconds() / 60),
        "walking_m": o.walking_m, "transfers": o.transfers, "cost": o.cost, "co2_kg": o.co2_kg,
        "needs_booking": o.needs_booking, "guaranteed": o.guaranteed, "modes": o.modes,
        "legs": [_leg(leg, request) for leg in o.legs],
    }  # fmt: skip


@router.get(
    "/search",
    response={200: PlannerSearchOut, 422: PlannerErrorsOut},
    summary="Journey options without a car: bus, on-demand, car sharing, carpool, hitchhiking",
    openapi_extra=example(SEARCH_EXAMPLE),
)
def search(request: HttpRequest, params: Query[PlannerSearchIn]) -> Any:
    data = params.dict()
    form = JourneyForm({k: v for k, v in data.items() if v not in (False, None)})
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        return Status(422, {"errors": errors})
    result = planner_search.search(form.to_query(request.user))
    return {
        "options": [_option(o, request) for o in result.options],
        "drive": _leg(result.drive, request) if result.drive else None,
        "invented_timetable": result.invented_timetable,
    }
