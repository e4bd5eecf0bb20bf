from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartvillage.territory.models import Commune, Place

PLACES_PER_PAGE = 100
# Names of the départements the shipped data covers; any other code is shown as is.
DEPARTEMENT_NAMES = {"26": "Drôme", "38": "Isère"}


def _departement_choices() -> list[tuple[str, str]]:
    codes = Commune.objects.order_by("departement").values_list("departement", flat=True)
    return [
        (code, f"{DEPARTEMENT_NAMES[code]} ({code})" if code in DEPARTEMENT_NAMES else code)
        for code in codes.distinct()
    ]


def _map_config(departement: str) -> dict[str, object]:
    """What map.js needs, passed with json_script (no inline script)."""
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "communesUrl": reverse("api-1:territory_communes_geojson"),
        "placesUrl": reverse("api-1:territory_places_geojson"),
        "departement": departement,
        "kinds": {kind.value: str(kind.label) for kind in Place.Kind},
        "labels": {
            "baseLayer": _("Map"),
            "communes": _("Communes"),
            "inseeCode": _("INSEE code"),
            "population": _("Population"),
            "commune": _("Commune"),
            "kind": _("Kind"),
            "address": _("Address"),
            "loading": _("Loading the map…"),
            "loaded": _("Map loaded: %(communes)s communes, %(places)s places."),
            "error": _("The map data could not be loaded. The list of places below still works."),
        },
    }


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    """Communes and places on a map, with the same places as a table for keyboard and
    screen-reader users (and for browsers without JavaScript)."""
    departements = _departement_choices()
    departement = request.GET.get("departement", "")
    if departement not in {code for code, _label in departements}:
        departement = ""
    places = Place.objects.select_related("commune").order_by("commune__name", "name")
    if departement:
        places = places.filter(commune__departement=departement)
    page = Paginator(places, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "territory/map.html",
        {
            "departements": departements,
            "departement": departement,
            "page": page,
            "map_config": _map_config(departement),
        },
    )
