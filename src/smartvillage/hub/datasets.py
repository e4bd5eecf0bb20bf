"""Open data of the territory hub: the actors directory (CSV, GeoJSON), the published
experience sheets (CSV) and the network's agenda (iCalendar)."""

from __future__ import annotations

from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    GEOJSON,
    ICALENDAR,
    INSEE_LIST_PATTERN,
    Dataset,
    Distribution,
    declare,
    field,
    platform_agent,
    table_schema,
)
from smartvillage.hub.models import Actor, Event, Initiative

_WORDS = "space-separated"
ACTORS_SCHEMA = table_schema(
    [
        field("id", "string", "Identifier (slug) of the actor", required=True, unique=True),
        field("name", "string", "Name", required=True),
        field("kind", "string", "Kind of actor", required=True),
        field("roles", "string", f"Roles in the network, {_WORDS}"),
        field("themes", "string", f"Themes, {_WORDS}"),
        field("helps_on", "string", f"Dimensions the actor helps on, {_WORDS}"),
        field(
            "insee_codes",
            "string",
            f"INSEE codes of its communes, {_WORDS}",
            pattern=INSEE_LIST_PATTERN,
        ),  # fmt: skip
        field("communes", "string", "Communes, comma-separated"),
        field("latitude", "number", "Latitude (WGS 84)", minimum=-90, maximum=90),
        field("longitude", "number", "Longitude (WGS 84)", minimum=-180, maximum=180),
        field("email", "string", "Public contact email"),
        field("phone", "string", "Public contact phone"),
        field("website", "string", "Website"),
        field("url", "string", "Page of the actor on this site", required=True),
    ],
    primary_key=["id"],
)
INITIATIVES_SCHEMA = table_schema(
    [
        field("id", "string", "Identifier (slug) of the sheet", required=True, unique=True),
        field("title", "string", "Title", required=True),
        field("summary", "string", "Summary"),
        field("solution_type", "string", "Kind of solution"),
        field("dimensions", "string", f"Dimensions of the smart village, {_WORDS}"),
        field(
            "insee_codes",
            "string",
            f"INSEE codes of the communes concerned, {_WORDS}",
            pattern=INSEE_LIST_PATTERN,
        ),  # fmt: skip
        field("stage", "string", "Stage"),
        field("started_on", "date", "Start"),
        field("budget_eur", "integer", "Budget (EUR)", minimum=0),
        field("funding", "string", "Funding"),
        field("organisation", "string", "Organisation carrying it"),
        field("published_at", "datetime", "Publication", format="any"),
        field("url", "string", "Page of the sheet on this site", required=True),
    ],
    primary_key=["id"],
)


@declare("hub.directory")
def directory() -> list[Dataset]:
    actors = Actor.objects.listed()
    sheets = Initiative.objects.published()
    events = Event.objects.public()
    actor_codes = actors.values_list("communes__insee_code", flat=True)
    sheet_codes = sheets.values_list("communes__insee_code", flat=True)
    span = events.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    return [
        Dataset(
            identifier="hub-actors",
            title=_("Actors of the territory"),
            description=_(
                "The associations, businesses, public bodies and people who act for the "
                "territory and chose to be listed: roles, themes, communes (INSEE codes), "
                "public contact."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("actors"), _("directory"), _("territory")],
            theme="SOCI",
            frequency="IRREG",
            modified=actors.aggregate(m=Max("updated"))["m"],
            spatial=sorted({c for c in actor_codes if c}),
            distributions=[
                Distribution(
                    title=_("Actors (CSV)"),
                    url_name="hub:actors_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=ACTORS_SCHEMA,
                ),  # fmt: skip
                Distribution(
                    title=_("Actors (GeoJSON)"),
                    url_name="hub:actors_geojson",
                    media_type="application/geo+json",
                    format="GeoJSON",
                    conforms_to=GEOJSON,
                ),  # fmt: skip
            ],
            landing_url_name="hub:actors",
        ),
        Dataset(
            identifier="hub-initiatives",
            title=_("Experience sheets of the territory"),
            description=_(
                "The published sheets of local initiatives: what was done, by whom, where "
                "(INSEE codes), since when, with which budget and funding."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("initiatives"), _("smart village"), _("territory")],
            theme="SOCI",
            frequency="IRREG",
            modified=sheets.aggregate(m=Max("updated"))["m"],
            spatial=sorted({c for c in sheet_codes if c}),
            distributions=[
                Distribution(
                    title=_("Experience sheets (CSV)"),
                    url_name="hub:initiatives_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=INITIATIVES_SCHEMA,
                ),  # fmt: skip
            ],
            landing_url_name="hub:initiatives",
        ),
        Dataset(
            identifier="hub-events",
            title=_("Events of the territory network"),
            description=_("Workshops, study visits and network meetings, as iCalendar."),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("events"), _("territory"), "iCalendar"],
            theme="SOCI",
            frequency="IRREG",
            modified=events.aggregate(m=Max("created"))["m"],
            spatial=sorted({c for c in events.values_list("commune__insee_code", flat=True) if c}),
            temporal=(
                (span["first"].date(), span["last"].date())
                if span["first"] and span["last"]
                else None
            ),
            distributions=[
                Distribution(
                    title=_("Agenda (iCalendar)"),
                    url_name="hub:agenda_ics",
                    media_type="text/calendar",
                    format="iCalendar",
                    conforms_to=ICALENDAR,
                ),  # fmt: skip
            ],
            landing_url_name="hub:agenda",
        ),
    ]
