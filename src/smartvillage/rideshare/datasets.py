"""Open data of organised hitchhiking: the signed stops, in the national carpool places
schema (BNLC) and as GeoJSON."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    GEOJSON,
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    platform_agent,
    table_schema,
)
from smartvillage.rideshare import bnlc
from smartvillage.rideshare.models import Stop

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
