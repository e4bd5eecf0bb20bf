"""Public read API of the impact indicators (open data), mounted at /api/v1/impact/.

Only the pre-aggregated service × commune × month rows and the emission-factor versions: no
member's figures. Filters are validated by their schema (a 422, never a 500).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from smartvillage.core.openapi import example
from smartvillage.impact.models import EmissionFactorSet, MonthlyIndicator

router = Router(tags=["impact"])

MONTHLY_EXAMPLE = {
    "items": [
        {"month": "2026-03", "service": "rideshare", "insee_code": "26074", "trips": 42,
         "shared_trips": 40, "occupancy": "2.10", "desk_days": 0, "people_served": 17,
         "passenger_km": "812.4", "car_km_avoided": "812.4", "co2_avoided_kg": "177.1",
         "factor_version": "ademe-impactco2-2026-12"},
    ],
    "count": 1,
}  # fmt: skip
FACTORS_EXAMPLE = [
    {"version": "ademe-impactco2-2026-12",
     "source": "ADEME, Impact CO2 (impactco2.fr), données Base Empreinte",
     "source_url": "https://impactco2.fr/outils/transport", "source_date": "2026-12-03",
     "is_current": True,
     "factors": [{"mode": "car_thermal", "label": "voiture thermique (1 occupant)",
                  "kg_per_km": "0.21800", "unit": "vehicle-km"}]},
]  # fmt: skip

MONTH_PATTERN = r"^20\d{2}-(0[1-9]|1[0-2])$"  # years 2000-2099, as core.validation
INSEE_PATTERN = r"^(?:\d{2}|2[AB])\d{3}$"


class ImpactPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=2**31 - 1)


class ImpactMonthOut(Schema):
    month: str
    service: str
    insee_code: str
    trips: int
    shared_trips: int
    occupancy: Decimal | None
    desk_days: int
    people_served: int
    passenger_km: Decimal
    car_km_avoided: Decimal
    co2_avoided_kg: Decimal
    factor_version: str

    @staticmethod
    def resolve_month(obj: MonthlyIndicator) -> str:
        return obj.month.strftime("%Y-%m")

    @staticmethod
    def resolve_insee_code(obj: MonthlyIndicator) -> str:
        return obj.commune_insee


class ImpactFilters(Schema):
    since: str | None = Field(None, pattern=MONTH_PATTERN, examples=["2026-01"])
    until: str | None = Field(None, pattern=MONTH_PATTERN, examples=["2026-12"])
    service: str | None = Field(None, pattern=r"^[a-z_]{1,30}$", examples=["rideshare"])
    insee_code: str | None = Field(None, pattern=INSEE_PATTERN, examples=["26074"])


def _month(value: str) -> date:
    year, month = value.split("-")
    return date(int(year), int(month), 1)


@router.get(
    "/monthly",
    response=list[ImpactMonthOut],
    summary="Monthly indicators per commune",
    openapi_extra=example(MONTHLY_EXAMPLE),
)
@paginate(ImpactPagination)
def monthly(request: HttpRequest, filters: Query[ImpactFilters]) -> QuerySet[Any]:
    rows = MonthlyIndicator.objects.order_by("month", "service", "commune_insee")
    if filters.since:
        rows = rows.filter(month__gte=_month(filters.since))
    if filters.until:
        rows = rows.filter(month__lte=_month(filters.until))
    if filters.service:
        rows = rows.filter(service=filters.service)
    if filters.insee_code:
        rows = rows.filter(commune_insee=filters.insee_code)
    return rows


class ImpactFactorOut(Schema):
    mode: str
    label: str
    kg_per_km: Decimal
    unit: str


class ImpactFactorSetOut(Schema):
    version: str
    source: str
    source_url: str
    source_date: date
    is_current: bool
    factors: list[ImpactFactorOut]

    @staticmethod
    def resolve_factors(obj: EmissionFactorSet) -> list[Any]:
        return list(obj.factors.all())


@router.get(
    "/factors",
    response=list[ImpactFactorSetOut],
    summary="Emission-factor versions",
    openapi_extra=example(FACTORS_EXAMPLE),
)
def factors(request: HttpRequest) -> list[EmissionFactorSet]:
    return list(EmissionFactorSet.objects.prefetch_related("factors"))
