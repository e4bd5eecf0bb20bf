"""Open data of on-demand transport: per active service, its GTFS-Flex feed and its monthly
statistics (the figures of the service's statistics page, stats.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Min, QuerySet
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    INSEE_LIST_PATTERN,
    Dataset,
    Distribution,
    declare,
    field,
    latest,
    organisation_agent,
    register_schema,
    table_schema,
)
from smartvillage.ondemand import stats
from smartvillage.ondemand.models import Booking, Service

GTFS_REFERENCE = "https://gtfs.org/documentation/schedule/reference/"

_FIGURES = [
    field("served", "integer", "Trips served (planned or completed)", required=True, minimum=0),
    field("refused", "integer", "Requests the service could not serve", required=True, minimum=0),
    field("cancelled", "integer", "Trips cancelled", required=True, minimum=0),
    field("late_cancellations", "integer", "Cancellations after the deadline", minimum=0),
    field("no_shows", "integer", "Passengers absent at pick-up", required=True, minimum=0),
    field("passengers", "integer", "Travellers of served trips", required=True, minimum=0),
    field("vehicle_km", "number", "Distance driven by the runs (km)", required=True, minimum=0),
    field("passenger_km", "number", "Passenger-kilometres", required=True, minimum=0),
    field("occupancy", "number", "Passenger-km per vehicle-km", required=True, minimum=0),
    field("car_km_avoided", "number", "Direct distance of served trips (km)", minimum=0),
]
MONTHLY_STATS_SCHEMA = table_schema(
    [
        field("service", "string", "Slug of the service", required=True),
        field("month", "yearmonth", "Month (YYYY-MM)", required=True),
        field(
            "insee_codes",
            "string",
            "INSEE codes of the communes of the service's zone, space-separated",
            pattern=INSEE_LIST_PATTERN,
        ),  # fmt: skip
        *_FIGURES,
    ],
    primary_key=["service", "month"],
)
DAILY_STATS_SCHEMA = register_schema(
    "ondemand.daily_statistics",
    table_schema(
        [
            field("service", "string", "Slug of the service", required=True),
            field(
                "date",
                "string",
                "Day (YYYY-MM-DD), or 'total' on the last line",
                required=True,
                pattern=r"[0-9]{4}-[0-9]{2}-[0-9]{2}|total",
            ),  # fmt: skip
            *_FIGURES,
        ]
    ),
)


def active_services() -> QuerySet[Service]:
    return (
        Service.objects.filter(is_active=True)
        .select_related("organisation", "area")
        .prefetch_related("communes", "area__communes")
        .annotate(stops_updated=Max("stops__updated"))
        .order_by("slug")
    )


@declare("ondemand.gtfs_flex")
def gtfs_flex() -> list[Dataset]:
    return [
        Dataset(
            identifier=f"ondemand-{service.slug}-gtfs-flex",
            title=_("%(name)s: on-demand transport (GTFS-Flex)") % {"name": service.name},
            description=_(
                "Zone, stops, hours and booking rules of the on-demand transport service "
                "%(name)s, in GTFS-Flex (GTFS Schedule with flexible services)."
            )
            % {"name": service.name},
            publisher=organisation_agent(service.organisation),
            contact=organisation_agent(service.organisation),
            keywords=[_("on-demand transport"), "GTFS-Flex", _("mobility")],
            frequency="IRREG",
            modified=latest(service.updated, getattr(service, "stops_updated", None)),
            spatial=stats.zone_insee_codes(service),
            distributions=[
                Distribution(
                    title=_("GTFS-Flex feed (zip)"),
                    url_name="ondemand:gtfs_flex",
                    url_kwargs={"slug": service.slug},
                    media_type="application/zip",
                    format="GTFS",
                    conforms_to=GTFS_REFERENCE,
                )
            ],
            landing_url_name="ondemand:service",
            landing_url_kwargs={"slug": service.slug},
        )
        for service in active_services()
    ]


@declare("ondemand.statistics")
def statistics() -> list[Dataset]:
    # One grouped query for every service's bookings (not one per service).
    figures: dict[int, dict[str, Any]] = {
        row["service_id"]: dict(row)
        for row in Booking.objects.values("service_id").annotate(
            first=Min("date"), last=Max("date"), created=Max("created"),
            cancelled=Max("cancelled_at"), dropped_off=Max("dropped_off_at"),
        )
    }  # fmt: skip
    out = []
    for service in active_services():
        row = figures.get(service.pk, {})
        first, last = row.get("first"), row.get("last")
        out.append(
            Dataset(
                identifier=f"ondemand-{service.slug}-statistics",
                title=_("%(name)s: on-demand transport, monthly statistics")
                % {"name": service.name},
                description=_(
                    "Trips served, refused and cancelled, passengers, vehicle-km, "
                    "passenger-km, occupancy and car-km avoided, per month, with the INSEE "
                    "codes of the communes served."
                ),
                publisher=organisation_agent(service.organisation),
                contact=organisation_agent(service.organisation),
                keywords=[_("on-demand transport"), _("statistics"), _("mobility")],
                frequency="DAILY",
                modified=latest(
                    row.get("created"), row.get("cancelled"), row.get("dropped_off")
                ),  # fmt: skip
                spatial=stats.zone_insee_codes(service),
                temporal=(first, last) if first and last else None,
                distributions=[
                    Distribution(
                        title=_("Monthly statistics (CSV)"),
                        url_name="ondemand:monthly_stats",
                        url_kwargs={"slug": service.slug},
                        media_type="text/csv",
                        format="CSV",
                        schema=MONTHLY_STATS_SCHEMA,
                    )
                ],
                landing_url_name="ondemand:service",
                landing_url_kwargs={"slug": service.slug},
            )
        )
    return out
