"""A preview of a CSV or GeoJSON distribution: its first rows, as the public gets them.

The file is produced by the publishing app's own public view, called in-process with an
anonymous copy of the request (no HTTP round trip, and never more than an anonymous visitor
may download).
"""

from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import resolve

from smartvillage.core.datasets import Distribution

ROWS = 10


@dataclass
class Preview:
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    total: int = 0


def fetch(request: HttpRequest, url: str) -> HttpResponse:
    """The response of the public view behind ``url`` (a path of this site, with its query)."""
    path, _sep, query = url.partition("?")
    sub = copy.copy(request)
    sub.path = sub.path_info = path
    sub.GET = QueryDict(query)
    sub.user = AnonymousUser()
    sub.META = {**request.META, "PATH_INFO": path, "QUERY_STRING": query}
    match = resolve(path)
    response: HttpResponse = match.func(sub, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def preview(request: HttpRequest, distribution: Distribution, url: str) -> Preview | None:
    if not distribution.previewable:
        return None
    response = fetch(request, url)
    if response.status_code != 200:
        return None
    text = body(response).decode("utf-8")
    if distribution.media_type == "text/csv":
        return _csv(text)
    return _geojson(json.loads(text))


def _csv(text: str) -> Preview:
    reader = csv.reader(io.StringIO(text))
    columns = next(reader, [])
    rows = list(reader)
    return Preview(columns=columns, rows=rows[:ROWS], total=len(rows))


def _geojson(data: dict[str, Any]) -> Preview:
    features = data.get("features", [])
    columns: list[str] = []
    for feature in features[:ROWS]:
        for key in feature.get("properties") or {}:
            if key not in columns:
                columns.append(key)
    rows = []
    for feature in features[:ROWS]:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") if geometry.get("type") == "Point" else None
        position = f"{coords[1]}, {coords[0]}" if coords else geometry.get("type", "")
        rows.append([position, *(_cell(props.get(c)) for c in columns)])
    return Preview(columns=["geometry", *columns], rows=rows, total=len(features))


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value
