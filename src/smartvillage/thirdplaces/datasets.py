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
    register_schema,
    table_schema,
)
from smartvillage.thirdplaces.models import SERVICES, Booking, Event, ThirdPlace

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


IMPACT_SCHEMA = table_schema(
    [
        field("month", "yearmonth", "Month (YYYY-MM)", required=True),
        field("third_place", "string", "Identifier (slug) of the third place", required=True),
        field("name", "string", "Name of the third place", required=True),
        insee_field("insee_code"),
        field(
            "desk_days",
            "integer",
            "Desk-days (one person, one place, one day)",
            required=True,
            minimum=0,
        ),  # fmt: skip
        field(
            "desk_days_with_workplace",
            "integer",
            "Of which by members with a stated workplace",
            required=True,
            minimum=0,
        ),  # fmt: skip
        field("km_avoided", "number", "Commute avoided (km)", required=True, minimum=0),
        field("co2_avoided_kg", "number", "CO2 avoided (kg)", required=True, minimum=0),
    ],
    primary_key=["month", "third_place"],
)


@declare("thirdplaces.impact")
def impact_statistics() -> list[Dataset]:
    desks = Booking.objects.filter(
        space__third_place__is_published=True, space__kind="desks", status="confirmed"
    )
    first = desks.order_by("starts_at").values_list("starts_at", flat=True).first()
    last = desks.order_by("-starts_at").values_list("starts_at", flat=True).first()
    codes = ThirdPlace.objects.published().values_list("commune__insee_code", flat=True)
    return [
        Dataset(
            identifier="thirdplaces-impact",
            title=_("Third places: monthly telework impact"),
            description=_(
                "Desk-days per month and third place, with the commute and the CO2 they "
                "avoid, and the INSEE code of the third place's commune."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("third places"), _("telework"), _("statistics")],
            theme="SOCI",
            frequency="DAILY",
            modified=desks.aggregate(m=Max("created"))["m"],
            spatial=sorted(set(codes)),
            temporal=(first.date(), last.date()) if first and last else None,
            distributions=[
                Distribution(
                    title=_("Monthly statistics (CSV)"),
                    url_name="thirdplaces:impact_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=IMPACT_SCHEMA,
                )
            ],
            landing_url_name="thirdplaces:impact",
        )
    ]


COVERAGE_SCHEMA = register_schema(
    "thirdplaces.coverage",
    table_schema(
        [
            insee_field("insee_code"),
            field("commune", "string", "Commune", required=True),
            field("departement", "string", "Département", required=True),
            field("population", "integer", "Population", required=True, minimum=0),
            field(
                "minutes", "number", "Travel time to the nearest third place (min)", minimum=0
            ),  # fmt: skip
            field("covered", "boolean", "Within the time limit", required=True),
            field("nearest", "string", "Nearest third place"),
        ],
        primary_key=["insee_code"],
        true_values=["1"],
        false_values=["0"],
    ),
)
STATEMENT_SCHEMA = register_schema(
    "thirdplaces.statement",
    table_schema(
        [
            field("type", "string", "Line kind", required=True, enum=["booking", "pass", "total"]),
            field(
                "date",
                "string",
                "Local date and time (YYYY-MM-DD HH:MM)",
                pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}",
            ),  # fmt: skip
            field("member", "string", "Member"),
            field("item", "string", "Space or pass"),
            field("period", "string", "Period booked or validity of the pass"),
            field("quantity", "integer", "Quantity", minimum=0),
            field("pass", "string", "Pass used"),
            field("price_eur", "number", "Price (EUR)", required=True, minimum=0),
        ]
    ),
)
