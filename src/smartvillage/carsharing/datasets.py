"""Open data of car sharing: the territory's GBFS v3.0 feed (stations, vehicles, prices)."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.carsharing.models import Fleet, Station, Vehicle
from smartvillage.core.datasets import Dataset, Distribution, declare, latest, platform_agent

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
