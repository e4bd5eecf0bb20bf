"""Open data of organised hitchhiking: the signed stops, in the national carpool places
schema (BNLC) and as GeoJSON."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    GEOJSON,
    INSEE_LIST_PATTERN,
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    platform_agent,
    register_schema,
    table_schema,
)
from smartvillage.rideshare import bnlc
from smartvillage.rideshare.models import Ride, Stop

BNLC_SCHEMA = "https://schema.data.gouv.fr/etalab/schema-lieux-covoiturage/"

#: Our BNLC export described in Table Schema (the columns of the national schema, typed as we
#: write them: booleans true/false, coordinates in WGS 84 degrees).
BNLC_TABLE_SCHEMA = table_schema(
    [
        field("id_local", "string", "Local identifier of the stop", required=True, unique=True),
        field("nom_lieu", "string", "Name of the place", required=True),
        field("ad_lieu", "string", "Address of the place"),
        field("com_lieu", "string", "Commune", required=True),
        insee_field("insee"),
        field("type", "string", "Kind of place", required=True, enum=[bnlc.TYPE_AUTOSTOP]),
        field("date_maj", "date", "Last update", required=True),
        field("ouvert", "boolean", "Open", required=True),
        field("source", "string", "Source of the data", required=True),
        field("Xlong", "number", "Longitude (WGS 84)", required=True, minimum=-180, maximum=180),
        field("Ylat", "number", "Latitude (WGS 84)", required=True, minimum=-90, maximum=90),
        field("nbre_pl", "integer", "Number of parking spaces", minimum=0),
        field("nbre_pmr", "integer", "Number of disabled parking spaces", minimum=0),
        field("duree", "integer", "Maximum parking time (minutes)", minimum=0),
        field("horaires", "string", "Opening hours"),
        field("proprio", "string", "Owner or manager"),
        field("lumiere", "boolean", "Lit at night"),
        field("comm", "string", "Comment"),
    ],
    primary_key=["id_local"],
)


@declare("rideshare.stops")
def stops() -> list[Dataset]:
    active = Stop.objects.active()
    codes = active.values_list("place__commune__insee_code", flat=True)
    return [
        Dataset(
            identifier="rideshare-hitchhiking-stops",
            title=_("Organised hitchhiking stops"),
            description=_(
                "The signed hitchhiking stops of the territory, in the national carpool "
                "places schema (BNLC) and as GeoJSON points."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("hitchhiking"), _("carpooling"), "BNLC", _("mobility")],
            frequency="IRREG",
            modified=Stop.objects.aggregate(m=Max("updated"))["m"],
            spatial=sorted(set(codes)),
            distributions=[
                Distribution(
                    title=_("Stops in the BNLC schema (CSV)"),
                    url_name="rideshare:stops_bnlc",
                    media_type="text/csv",
                    format="CSV",
                    conforms_to=BNLC_SCHEMA,
                    schema=BNLC_TABLE_SCHEMA,
                ),
                Distribution(
                    title=_("Stops (GeoJSON)"),
                    url_name="rideshare:stops_geojson",
                    media_type="application/geo+json",
                    format="GeoJSON",
                    conforms_to=GEOJSON,
                ),
            ],
            landing_url_name="rideshare:stops",
        )
    ]


MONTHLY_STATS_SCHEMA = table_schema(
    [
        field("month", "yearmonth", "Month (YYYY-MM)", required=True, unique=True),
        field(
            "insee_codes",
            "string",
            "INSEE codes of the communes with a stop, space-separated",
            pattern=INSEE_LIST_PATTERN,
        ),  # fmt: skip
        field(
            "rides", "integer", "Shared rides confirmed by both sides", required=True, minimum=0
        ),  # fmt: skip
        field("hitchhiking_rides", "integer", "Of which hitchhiking", required=True, minimum=0),
        field(
            "km_shared", "number", "Kilometres driven with a passenger", required=True, minimum=0
        ),  # fmt: skip
        field("passenger_km", "number", "Passenger-kilometres", required=True, minimum=0),
        field("co2_avoided_kg", "number", "CO2 avoided (kg)", required=True, minimum=0),
    ],
    primary_key=["month"],
)


@declare("rideshare.statistics")
def statistics() -> list[Dataset]:
    proven = Ride.objects.proven()
    first = proven.order_by("started_at").values_list("started_at", flat=True).first()
    last = proven.order_by("-started_at").values_list("started_at", flat=True).first()
    codes = Stop.objects.active().values_list("place__commune__insee_code", flat=True)
    return [
        Dataset(
            identifier="rideshare-statistics",
            title=_("Hitchhiking and carpooling: monthly statistics"),
            description=_(
                "Shared rides confirmed by both sides, of which hitchhiking, kilometres, "
                "passenger-kilometres and CO2 avoided, per month."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("hitchhiking"), _("carpooling"), _("statistics")],
            frequency="DAILY",
            modified=proven.aggregate(m=Max("ended_at"))["m"],
            spatial=sorted(set(codes)),
            temporal=(first.date(), last.date()) if first and last else None,
            distributions=[
                Distribution(
                    title=_("Monthly statistics (CSV)"),
                    url_name="rideshare:statistics_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=MONTHLY_STATS_SCHEMA,
                )
            ],
            landing_url_name="rideshare:statistics",
        )
    ]


#: The relay staff's export of proofs for the carpool proof registry (services/proof.py).
PROOFS_SCHEMA = register_schema(
    "rideshare.proofs",
    table_schema(
        [
            field("journey_id", "string", "Journey identifier (UUID)", required=True, unique=True),
            field("operator_journey_id", "string", "Operator's journey identifier", required=True),
            field("operator_trip_id", "string", "Operator's trip identifier", required=True),
            field("operator_class", "string", "Proof class", required=True, enum=["A", "B", "C"]),
            field("start_datetime", "datetime", "Start (ISO 8601)", required=True),
            field("start_lat", "number", "Start latitude (rounded)", minimum=-90, maximum=90),
            field("start_lon", "number", "Start longitude (rounded)", minimum=-180, maximum=180),
            insee_field("start_insee", "INSEE code of the start commune"),
            field("end_datetime", "datetime", "End (ISO 8601)", required=True),
            field("end_lat", "number", "End latitude (rounded)", minimum=-90, maximum=90),
            field("end_lon", "number", "End longitude (rounded)", minimum=-180, maximum=180),
            insee_field("end_insee", "INSEE code of the end commune"),
            field("distance", "integer", "Distance (metres)", required=True, minimum=0),
            field("seats", "integer", "Seats taken", required=True, minimum=1),
            field("passenger_contribution", "integer", "Passenger contribution (cents)", minimum=0),
            field("driver_revenue", "integer", "Driver revenue (cents)", minimum=0),
            field("driver_operator_user_id", "string", "Driver's member number", required=True),
            field(
                "passenger_operator_user_id", "string", "Passenger's member number", required=True
            ),  # fmt: skip
            field("driver_confirmed", "datetime", "Driver's confirmation (ISO 8601)"),
            field("passenger_confirmed", "datetime", "Passenger's confirmation (ISO 8601)"),
        ],
        primary_key=["journey_id"],
    ),
)
