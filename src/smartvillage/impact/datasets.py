"""Open data of the impact app: the monthly indicators behind the territory dashboard (CSV, the
dashboard's own export), listed once a recompute has produced rows."""

from __future__ import annotations

from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    platform_agent,
    table_schema,
)
from smartvillage.impact.models import MonthlyIndicator

MONTHLY_SCHEMA = table_schema(
    [
        field("month", "yearmonth", "Month", required=True),
        field("service", "string", "Service (ondemand, carsharing, rideshare, thirdplaces)",
              required=True),
        insee_field("insee_code", "INSEE code of the commune"),
        field("commune", "string", "Commune"),
        field("trips", "integer", "Trips", minimum=0),
        field("shared_trips", "integer", "Shared trips", minimum=0),
        field("occupancy", "number", "People per vehicle trip", minimum=0),
        field("desk_days", "integer", "Desk-days in a third place near home", minimum=0),
        field("people_served", "integer", "People served by on-demand transport", minimum=0),
        field("passenger_km", "number", "Passenger-kilometres", minimum=0),
        field("car_km_avoided", "number", "Car-kilometres avoided", minimum=0),
        field("co2_avoided_kg", "number", "CO2e avoided (kg)", minimum=0),
        field("factor_version", "string", "Emission-factor version that made the CO2 figure",
              required=True),
    ],
    primary_key=["month", "service", "insee_code"],
)  # fmt: skip


@declare("impact.monthly")
def monthly() -> list[Dataset]:
    rows = MonthlyIndicator.objects.all()
    span = rows.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return []
    return [
        Dataset(
            identifier="impact-monthly",
            title=_("Impact of the services: monthly indicators"),
            description=_(
                "Per service, commune (INSEE code) and month: trips, shared trips, occupancy, "
                "desk-days, people served, passenger-kilometres, car-kilometres and CO2e "
                "avoided, with the emission-factor version used."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("impact"), _("CO2"), _("statistics")],
            theme="ENVI",
            frequency="DAILY",
            spatial=sorted({c for c in rows.values_list("commune_insee", flat=True) if c}),
            temporal=(span["first"], span["last"]),
            landing_url_name="impact:dashboard",
            distributions=[
                Distribution(
                    title=_("Monthly indicators (CSV)"),
                    url_name="impact:export_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=MONTHLY_SCHEMA,
                ),
            ],
        )
    ]
