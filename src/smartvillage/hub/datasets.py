"""Open data of the territory hub: the actors directory (CSV, GeoJSON) and the published
experience sheets (CSV), in the open-data catalogue (core/datasets.py). Each is listed once it
has content (a listed actor, a published sheet): an instance that does not use the hub
publishes no empty dataset. The network agenda is published as iCalendar."""

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

ACTORS_TABLE_SCHEMA = table_schema(
    [
        field("id", "string", "Identifier (slug) of the actor", required=True, unique=True),
        field("name", "string", "Name", required=True),
        field("kind", "string", "organisation or person", required=True,
              enum=["organisation", "person"]),
        field("roles", "string", "Roles, space-separated codes"),
        field("themes", "string", "Themes, space-separated slugs"),
        field("helps_on", "string", "Dimensions on which the actor offers help"),
        field("insee_codes", "string", "INSEE codes of its communes, space-separated",
              pattern=INSEE_LIST_PATTERN),
        field("communes", "string", "Names of its communes"),
        field("latitude", "number", "Latitude (WGS 84)", minimum=-90, maximum=90),
        field("longitude", "number", "Longitude (WGS 84)", minimum=-180, maximum=180),
        field("email", "string", "Contact email, if the actor chose to show it"),
        field("phone", "string", "Contact phone, if the actor chose to show it"),
        field("website", "string", "Website, if the actor chose to show it"),
        field("url", "string", "Page of the actor on the platform"),
    ],
    primary_key=["id"],
)  # fmt: skip

INITIATIVES_TABLE_SCHEMA = table_schema(
    [
        field("id", "string", "Identifier (slug) of the sheet", required=True, unique=True),
        field("title", "string", "Title", required=True),
        field("summary", "string", "Summary"),
        field("solution_type", "string", "Type of solution"),
        field("dimensions", "string", "Smart Village dimensions, space-separated"),
        field("insee_codes", "string", "INSEE codes of its territory, space-separated",
              pattern=INSEE_LIST_PATTERN),
        field("stage", "string", "Stage (idea, starting, running, finished, stopped)"),
        field("started_on", "date", "Start date"),
        field("budget_eur", "integer", "Budget in euros", minimum=0),
        field("funding", "string", "Funding programme"),
        field("organisation", "string", "Organisation that holds it"),
        field("published_at", "datetime", "Publication date"),
        field("url", "string", "Page of the sheet on the platform"),
    ],
    primary_key=["id"],
)  # fmt: skip


@declare("hub.actors")
def actors() -> list[Dataset]:
    listed = Actor.objects.listed()
    if not listed.exists():
        return []
    codes = sorted(set(listed.values_list("communes__insee_code", flat=True)) - {None})
    return [
        Dataset(
            identifier="hub-actors",
            title=_("Actors of the territory"),
            description=_(
                "The organisations and people who agreed to be listed: roles, themes, "
                "communes (INSEE codes) and the contact channels they chose to show."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("actors"), _("directory"), _("smart village")],
            theme="SOCI",
            frequency="IRREG",
            modified=listed.aggregate(m=Max("updated"))["m"],
            spatial=codes,
            landing_url_name="hub:actors",
            distributions=[
                Distribution(
                    title=_("Actors (CSV)"),
                    url_name="hub:actors_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=ACTORS_TABLE_SCHEMA,
                ),
                Distribution(
                    title=_("Actors (GeoJSON)"),
                    url_name="hub:actors_geojson",
                    media_type="application/geo+json",
                    format="GeoJSON",
                    conforms_to=GEOJSON,
                ),
            ],
        )  # fmt: skip
    ]


@declare("hub.initiatives")
def initiatives() -> list[Dataset]:
    published = Initiative.objects.published()
    if not published.exists():
        return []
    codes = sorted(set(published.values_list("communes__insee_code", flat=True)) - {None})
    return [
        Dataset(
            identifier="hub-initiatives",
            title=_("Experience sheets of local initiatives"),
            description=_(
                "The published experience sheets: type of solution, territory (INSEE codes), "
                "Smart Village dimensions, stage, budget and funding programme."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("initiatives"), _("good practices"), _("smart village")],
            theme="SOCI",
            frequency="IRREG",
            modified=published.aggregate(m=Max("updated"))["m"],
            spatial=codes,
            landing_url_name="hub:initiatives",
            distributions=[
                Distribution(
                    title=_("Experience sheets (CSV)"),
                    url_name="hub:initiatives_csv",
                    media_type="text/csv",
                    format="CSV",
                    schema=INITIATIVES_TABLE_SCHEMA,
                ),
            ],
        )  # fmt: skip
    ]


@declare("hub.events")
def events() -> list[Dataset]:
    public = Event.objects.public()
    if not public.exists():
        return []
    span = public.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    return [
        Dataset(
            identifier="hub-events",
            title=_("Events of the territory network"),
            description=_("Workshops, study visits and network meetings, as iCalendar."),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("events"), _("territory"), "iCalendar"],
            theme="SOCI",
            frequency="IRREG",
            modified=public.aggregate(m=Max("created"))["m"],
            spatial=sorted({c for c in public.values_list("commune__insee_code", flat=True) if c}),
            temporal=(span["first"].date(), span["last"].date()),
            landing_url_name="hub:agenda",
            distributions=[
                Distribution(
                    title=_("Agenda (iCalendar)"),
                    url_name="hub:agenda_ics",
                    media_type="text/calendar",
                    format="iCalendar",
                    conforms_to=ICALENDAR,
                ),
            ],
        )
    ]
