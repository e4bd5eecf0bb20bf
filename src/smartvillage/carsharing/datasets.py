"""Open data of car sharing: the territory's GBFS v3.0 feed (stations, vehicles, prices)."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.carsharing.models import Fleet, Station, Vehicle
from smartvillage.core.datasets import (
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    latest,
    platform_agent,
    register_schema,
    table_schema,
)

GBFS_V3 = "https://github.com/MobilityData/gbfs/blob/v3.0/gbfs.md"


@declare("carsharing.gbfs")
def gbfs() -> list[Dataset]:
    orgs = list(Fleet.objects.filter(publish_gbfs=True).values_list("organisation_id", flat=True))
    if not orgs:
        return []
    stations = Station.objects.filter(organisation_id__in=orgs, is_active=True)
    vehicles = Vehicle.objects.filter(organisation_id__in=orgs)
    codes = stations.exclude(commune=None).values_list("commune__insee_code", flat=True)
    return [
        Dataset(
            identifier="carsharing-gbfs",
            title=_("Car sharing: stations and vehicles (GBFS)"),
            description=_(
                "Car-sharing stations, vehicles, their availability and prices on the "
                "territory, as a GBFS v3.0 feed (General Bikeshare Feed Specification)."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("car sharing"), "GBFS", _("mobility")],
            frequency="CONT",
            modified=latest(
                stations.aggregate(m=Max("updated"))["m"],
                vehicles.aggregate(m=Max("updated"))["m"],
            ),
            spatial=sorted(set(codes)),
            distributions=[
                Distribution(
                    title=_("GBFS auto-discovery file (gbfs.json)"),
                    url_name="gbfs:feed",
                    url_kwargs={"name": "gbfs"},
                    media_type="application/json",
                    format="GBFS",
                    conforms_to=GBFS_V3,
                )
            ],
            landing_url_name="carsharing:find",
        )
    ]


#: The managers' and members' monthly statements (services/statements.py): personal data,
#: never open data, but described like every CSV export of the platform.
_MINUTES = "%Y-%m-%dT%H:%M%z"  # local times to the minute, with their UTC offset
STATEMENTS_SCHEMA = register_schema(
    "carsharing.statements",
    table_schema(
        [
            field("month", "yearmonth", "Month of the statement (YYYY-MM)", required=True),
            field("organisation", "string", "Car-sharing organisation", required=True),
            field("member_name", "string", "Member"),
            field("member_email", "string", "Member's email", required=True, format="email"),
            field("line", "string", "Line kind", required=True, enum=["trip", "cancellation"]),
            field(
                "date", "datetime", "When (local time, ISO 8601)", required=True, format=_MINUTES
            ),
            field("vehicle", "string", "Vehicle", required=True),
            field("station", "string", "Station", required=True),
            insee_field("station_insee_code", "INSEE code of the station's commune"),
            field(
                "booked_from",
                "datetime",
                "Booking start (ISO 8601)",
                required=True,
                format=_MINUTES,
            ),
            field(
                "booked_until", "datetime", "Booking end (ISO 8601)", required=True, format=_MINUTES
            ),
            field("hours", "number", "Hours charged", minimum=0),
            field("km", "integer", "Kilometres driven", minimum=0),
            field("time_price_eur", "number", "Time price (EUR)", minimum=0),
            field("km_price_eur", "number", "Distance price (EUR)", minimum=0),
            field("fee_eur", "number", "Fee (EUR)", minimum=0),
            field("total_eur", "number", "Total (EUR)", required=True, minimum=0),
        ]
    ),
)
