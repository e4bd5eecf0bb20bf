"""The network directory, map and exports, a page per place, the telework impact."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartvillage.core.datasets import month_end
from smartvillage.core.forms import MonthForm
from smartvillage.thirdplaces import exports, hours, impact
from smartvillage.thirdplaces.forms import (
    DirectoryFilter,
    PassForm,
)
from smartvillage.thirdplaces.models import (
    Booking,
    Event,
    OpeningHours,
    Space,
    ThirdPlace,
)
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.views.access import _published_place

# --- Directory, map, exports ---------------------------------------------------------------------


def filtered_places(params: Any) -> tuple[DirectoryFilter, Any]:
    form = DirectoryFilter(params or None)
    places = ThirdPlace.objects.published().select_related("organisation", "commune")
    if form.is_valid():
        if form.cleaned_data.get("service"):
            places = places.offering(form.cleaned_data["service"])
        if form.cleaned_data.get("commune"):
            places = places.filter(commune=form.cleaned_data["commune"])
    elif form.is_bound:
        places = places.none()
    return form, places.order_by("name")


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    query = request.GET.urlencode()
    config = {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "geojsonUrl": reverse("thirdplaces:geojson") + (f"?{query}" if query else ""),
        "labels": {"error": _("The map could not be loaded. The list below still works.")},
    }
    context = {"form": form, "places": places, "map_config": config, "query": query}
    return render(request, "thirdplaces/directory.html", context)


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    response = HttpResponse(exports.places_csv(places), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.csv"'
    return response


@require_GET
def export_geojson(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    response = HttpResponse(exports.places_geojson(places), content_type="application/geo+json")
    response["Content-Disposition"] = 'inline; filename="tiers-lieux.geojson"'
    return response


def _week(place: ThirdPlace) -> list[tuple[str, list[OpeningHours]]]:
    by_day: dict[int, list[OpeningHours]] = defaultdict(list)
    for h in place.opening_hours.all():
        by_day[h.weekday].append(h)
    return [(str(label), by_day.get(value, [])) for value, label in OpeningHours.Weekday.choices]


@require_GET
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = _published_place(slug)
    today = timezone.localdate()
    periods = hours.half_days(place, today)
    spaces = []
    for space in place.spaces.filter(is_active=True):
        free = None
        if space.kind == Space.Kind.DESKS and "day" in periods:
            free = service.free_units(space, *periods["day"])
        spaces.append((space, free))
    context = {
        "place": place,
        "week": _week(place),
        "closures": place.closures.filter(last_day__gte=today)[:5],
        "today_closed": hours.closure_reason(place, today),
        "spaces": spaces,
        "products": place.pass_products.filter(is_active=True),
        "events": place.events.upcoming().exclude(status=Event.Status.CANCELLED)[:10],
        "photos": place.photos.all(),
        "impact": impact.summary(Booking.objects.filter(space__third_place=place)),
        "pass_form": PassForm(),
    }
    return render(request, "thirdplaces/place.html", context)


# --- Telework impact -----------------------------------------------------------------------------


def _impact_bookings() -> Any:
    return Booking.objects.filter(space__third_place__is_published=True)


@require_GET
def impact_page(request: HttpRequest) -> HttpResponse:
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() else None
    end = month_end(month) if month else None
    context = {
        "impact": impact.for_period(_impact_bookings(), month, end),
        "factor": impact.co2_factor(),
        "form": form,
        "month": month,
    }
    return render(request, "thirdplaces/impact.html", context)


@require_GET
def impact_csv(request: HttpRequest) -> HttpResponse:
    """Public open data: the impact page's figures per month and third place."""
    body = impact.monthly_csv(impact.monthly(_impact_bookings()))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tiers-lieux-impact-mensuel.csv"'
    return response
