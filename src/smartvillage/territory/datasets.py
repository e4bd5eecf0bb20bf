"""Open data of the territory: its communes (INSEE codes) and the areas the services cover."""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from smartvillage.core.datasets import (
    GEOJSON,
    Dataset,
    Distribution,
    declare,
    latest,
    platform_agent,
)
from smartvillage.territory.models import Commune, ServiceArea


@declare("territory.communes")
def communes() -> list[Dataset]:
    if not Commune.objects.exists():
        return []
    served = Commune.objects.filter(areas__isnull=False).distinct()
    return [
        Dataset(
            identifier="territory-communes",
            title=_("Communes of the territory and areas served"),
            description=_(
                "The communes known to the platform (INSEE code, name, département, "
                "population, centroid) and the service areas: the communes each covers."
            ),
            publisher=platform_agent(),
            contact=platform_agent(),
            keywords=[_("communes"), "INSEE", _("territory")],
            theme="GOVE",
            frequency="IRREG",
            modified=latest(
                Commune.objects.aggregate(m=Max("updated"))["m"],
                ServiceArea.objects.aggregate(m=Max("updated"))["m"],
            ),
            spatial=sorted(served.values_list("insee_code", flat=True)),
            distributions=[
                Distribution(
                    title=_("Communes (GeoJSON points)"),
                    url_name="api-1:territory_communes_geojson",
                    media_type="application/geo+json",
                    format="GeoJSON",
                    conforms_to=GEOJSON,
                ),
                Distribution(
                    title=_("Service areas and their communes (JSON)"),
                    url_name="api-1:territory_service_areas",
                    media_type="application/json",
                    format="JSON",
                ),
            ],
            landing_url_name="territory:map",
        )
    ]
