"""The stops in the national carpool places schema (schéma des lieux de covoiturage,
``etalab/schema-lieux-covoiturage``), which transport.data.gouv.fr consolidates into the
Base nationale des lieux de covoiturage (BNLC).

One CSV row per active stop, UTF-8, comma-separated, the schema's column names in its order.
``id_local`` is our own identifier (the national ``id_lieu`` is given by the access point when
the file is consolidated); ``type`` is "Auto-stop" (a signed hitchhiking stop); ``insee`` the
commune's INSEE code; ``Xlong``/``Ylat`` WGS 84 degrees; booleans ``true``/``false``; unknown
optional values empty.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone

from smartvillage.rideshare import conf
from smartvillage.rideshare.models import Stop

COLUMNS = [
    "id_local",
    "nom_lieu",
    "ad_lieu",
    "com_lieu",
    "insee",
    "type",
    "date_maj",
    "ouvert",
    "source",
    "Xlong",
    "Ylat",
    "nbre_pl",
    "nbre_pmr",
    "duree",
    "horaires",
    "proprio",
    "lumiere",
    "comm",
]
#: The schema's value for a hitchhiking stop.
TYPE_AUTOSTOP = "Auto-stop"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _comment(stop: Stop) -> str:
    parts = [f"Directions : {', '.join(stop.direction_list)}"] if stop.direction_list else []
    if stop.has_shelter:
        parts.append("abri")
    if stop.wheelchair_accessible:
        parts.append("accessible en fauteuil roulant")
    if stop.accessibility:
        parts.append(stop.accessibility)
    return " ; ".join(parts)


def rows(stops: Any = None) -> list[dict[str, Any]]:
    stops = stops if stops is not None else Stop.objects.active()
    stops = stops.select_related("place__commune", "relay__organisation").order_by("pk")
    return [
        {
            "id_local": f"SV-AS-{stop.pk:04d}",
            "nom_lieu": stop.place.name,
            "ad_lieu": stop.place.address,
            "com_lieu": stop.place.commune.name,
            "insee": stop.place.commune.insee_code,
            "type": TYPE_AUTOSTOP,
            "date_maj": timezone.localdate(stop.updated).isoformat(),
            "ouvert": _bool(stop.is_active),
            "source": conf.bnlc_source(),
            "Xlong": round(stop.place.longitude, 6),
            "Ylat": round(stop.place.latitude, 6),
            # A hitchhiking stop has no car park: the optional counts stay empty.
            "nbre_pl": "",
            "nbre_pmr": "",
            "duree": "",
            "horaires": "24/7",
            "proprio": stop.relay.organisation.name if stop.relay else "",
            "lumiere": "",
            "comm": _comment(stop),
        }
        for stop in stops
    ]


def to_csv(data: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return out.getvalue()
