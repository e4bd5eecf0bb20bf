"""Open data of the third places: the directory (CSV, GeoJSON) and the events (iCalendar)."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    GEOJSON,
    ICALENDAR,
    Dataset,
    Distribution,
    declare,
    field,
    insee_field,
    platform_agent,
    table_schema,
)
from smartvillage.thirdplaces.models import SERVICES, Event, ThirdPlace

_ONE = "|".join(SERVICES)
PLACES_TABLE_SCHEMA = table_schema(
    [
        field("id", "string", "Identifier (slug) of the third place", required=True, unique=True),
        field("name", "string", "Name", required=True),
        field("organisation", "string", "Managing organisation", required=True),
        insee_field("insee_code"),
        field("commune", "string", "Commune", required=True),
        field("address", "string", "Address"),
        field("latitude", "number", "Latitude (WGS 84)", required=True, minimum=-90, maximum=90),
        field(
            "longitude", "number", "Longitude (WGS 84)", required=True, minimum=-180, maximum=180
        ),
        field(
            "services",
            "string",
            "Services offered, space-separated: " + ", ".join(SERVICES),
            pattern=f"({_ONE})( ({_ONE}))*",
        ),
        field("opening_hours", "string", "Opening hours (OpenStreetMap opening_hours syntax)"),
        field("wheelchair_accessible", "boolean", "Wheelchair accessible", required=True),
        field("accessibility", "string", "Accessibility notes"),
        field("email", "string", "Contact email", format="email"),
        field("phone", "string", "Contact phone"),
        field("website", "string", "Website", format="uri"),
    ],
    primary_key=["id"],
    true_values=["yes"],
    false_values=["no"],
)


@declare("thirdplaces.places")
def places() -> list[Dataset]:
    published = ThirdPlace.objects.published()
    codes = sorted(set(published.values_list("commune__insee_code", flat=True)))
    events = Event.objects.filter(third_place__in=published)
    first_event = events.order_by("starts_at").values_list("starts_at", flat=True).first()
    last_event = events.order_by("-ends_at").values_list("ends_at", flat=True).first()
    return [
        Dataset(
            identifier="thirdplaces-directory",
            title=_("Third places of the territory"),
            description=_(
                "The third places (coworking, fablab, digital help, café…): address, commune "
                "INSEE code, services, opening hours and accessibility."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("third places"), _("coworking"), _("fablab")],
            theme="SOCI",
            frequency="IRREG",
            modified=published.aggregate(m=Max("updated"))["m"],
            spatial=codes,
            distributions=[
                Distribution(
                    title=_("Third places (CSV)"),
                    url_name="thirdplaces:csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=PLACES_TABLE_SCHEMA,
                ),
                Distribution(
                    title=_("Third places (GeoJSON)"),
                    url_name="thirdplaces:geojson",
                    media_type="application/geo+json",
                    format="GeoJSON",
                    conforms_to=GEOJSON,
                ),
            ],
            landing_url_name="thirdplaces:directory",
        ),
        Dataset(
            identifier="thirdplaces-events",
            title=_("Events of the third places"),
            description=_("Upcoming workshops, digital help sessions and meetups, as iCalendar."),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("events"), _("third places"), "iCalendar"],
            theme="SOCI",
            frequency="DAILY",
            modified=events.aggregate(m=Max("updated"))["m"],
            spatial=codes,
            temporal=(
                (first_event.date(), last_event.date()) if first_event and last_event else None
            ),
            distributions=[
                Distribution(
                    title=_("Agenda (iCalendar)"),
                    url_name="thirdplaces:agenda_ics",
                    media_type="text/calendar",
                    format="iCalendar",
                    conforms_to=ICALENDAR,
                )
            ],
            landing_url_name="thirdplaces:agenda",
        ),
    ]
