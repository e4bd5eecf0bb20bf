"""Public GBFS v3.0 endpoints (no login, CORS-open, never cached for long)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from smartvillage.carsharing import gbfs


def _json(request: HttpRequest, payload: dict[str, Any]) -> JsonResponse:
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={gbfs.TTL}"
    return response


def _system(slug: str | None) -> gbfs.System:
    if slug is None:
        return gbfs.instance_system()
    system = gbfs.fleet_system(slug)
    if system is None:
        raise Http404
    return system


@require_GET
def feed(request: HttpRequest, name: str, org: str | None = None) -> JsonResponse:
    if name not in ("gbfs", *gbfs.FEEDS):
        raise Http404
    system = _system(org)
    now = timezone.now()

    def feed_url(feed_name: str) -> str:
        kwargs = {"name": feed_name} | ({"org": org} if org else {})
        view = "gbfs:org_feed" if org else "gbfs:feed"
        return request.build_absolute_uri(reverse(view, kwargs=kwargs))

    if name == "gbfs":
        return _json(request, gbfs.gbfs(system, now, feed_url))
    if name == "station_information":
        return _json(
            request,
            gbfs.station_information(
                system, now, lambda view: request.build_absolute_uri(reverse(view))
            ),
        )
    builders = {
        "system_information": gbfs.system_information,
        "vehicle_types": gbfs.vehicle_types,
        "station_status": gbfs.station_status,
        "vehicle_status": gbfs.vehicle_status,
        "system_pricing_plans": gbfs.system_pricing_plans,
    }
    return _json(request, builders[name](system, now))


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    def url(slug: str) -> str:
        return request.build_absolute_uri(
            reverse("gbfs:org_feed", kwargs={"org": slug, "name": "gbfs"})
        )

    return _json(request, gbfs.manifest(timezone.now(), url))
