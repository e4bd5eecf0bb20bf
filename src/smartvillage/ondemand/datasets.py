"""Open data of on-demand transport: one GTFS-Flex feed per active service."""

from __future__ import annotations

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import Dataset, Distribution, declare, latest, organisation_agent
from smartvillage.ondemand.models import Service

GTFS_REFERENCE = "https://gtfs.org/documentation/schedule/reference/"


def service_insee_codes(service: Service) -> list[str]:
    """The INSEE codes of the communes of a service's zone (its list and its area)."""
    codes = {c.insee_code for c in service.communes.all()}
    if service.area is not None:
        codes |= {c.insee_code for c in service.area.communes.all()}
    return sorted(codes)


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
            title=_("On-demand transport %(name)s (GTFS-Flex)") % {"name": service.name},
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
            spatial=service_insee_codes(service),
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
