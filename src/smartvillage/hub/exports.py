"""Open-data exports of the directory: CSV (UTF-8, one row per listed actor, INSEE codes) and
GeoJSON (RFC 7946, a Point per actor). Only what the actors chose to show is exported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from smartvillage.hub.models import Actor, Initiative

ACTOR_COLUMNS = [
    "id", "name", "kind", "roles", "themes", "helps_on", "insee_codes", "communes",
    "latitude", "longitude", "email", "phone", "website", "url",
]  # fmt: skip


def actor_record(actor: Actor) -> dict[str, Any]:
    communes = list(actor.communes.all())
    point = actor.point()
    contact = actor.public_contact()
    return {
        "id": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "roles": actor.roles,
        "themes": " ".join(t.slug for t in actor.themes.all()),
        "helps_on": actor.helps_on,
        "insee_codes": " ".join(c.insee_code for c in communes),
        "communes": ", ".join(c.name for c in communes),
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "email": contact.get("email", ""),
        "phone": contact.get("phone", ""),
        "website": contact.get("website", ""),
        "url": reverse("hub:actor", args=[actor.slug]),
    }


def actors_csv(actors: Iterable[Actor]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACTOR_COLUMNS)
    writer.writeheader()
    for actor in actors:
        writer.writerow(actor_record(actor))
    return out.getvalue()


def actors_geojson(actors: Iterable[Actor]) -> str:
    features = []
    for actor in actors:
        record = actor_record(actor)
        if record["latitude"] is None:
            continue
        lon, lat = record.pop("longitude"), record.pop("latitude")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": record,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


INITIATIVE_COLUMNS = [
    "id", "title", "summary", "solution_type", "dimensions", "insee_codes", "stage",
    "started_on", "budget_eur", "funding", "organisation", "published_at", "url",
]  # fmt: skip


def initiatives_csv(sheets: Iterable[Initiative]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INITIATIVE_COLUMNS)
    writer.writeheader()
    for sheet in sheets:
        writer.writerow(initiative_record(sheet))
    return out.getvalue()


def initiative_record(sheet: Initiative) -> dict[str, Any]:
    return {
        "id": sheet.slug,
        "title": sheet.title,
        "summary": sheet.summary,
        "solution_type": sheet.solution_type,
        "dimensions": sheet.dimensions,
        "insee_codes": " ".join(c.insee_code for c in sheet.communes.all()),
        "stage": sheet.stage,
        "started_on": sheet.started_on.isoformat() if sheet.started_on else None,
        "budget_eur": int(sheet.budget) if sheet.budget is not None else None,
        "funding": sheet.funding,
        "organisation": sheet.organisation.name if sheet.organisation else "",
        "published_at": sheet.published_at.isoformat() if sheet.published_at else None,
        "url": reverse("hub:initiative", args=[sheet.slug]),
    }
