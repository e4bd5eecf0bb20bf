"""Impact pages: the territory dashboard, "my impact", the embeddable widget, the CSV export and
the emission-factor versions."""

from __future__ import annotations

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.impact import dashboard, services
from smartvillage.impact.forms import DashboardForm
from smartvillage.impact.models import EmissionFactorSet, MonthlyIndicator, Participation
from smartvillage.territory.models import Commune


def can_manage_factors(user: Any) -> bool:
    """Platform staff, or admins of a public body (the park, a community of communes)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        user=user, organisation__kind=Organisation.Kind.PUBLIC_BODY, role=Membership.Role.ADMIN
    ).exists()


def _filters(request: HttpRequest) -> tuple[DashboardForm, dict[str, Any]]:
    form = DashboardForm(request.GET or None)
    return form, form.filters()


def _map_config(points: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "points": points,
        "labels": {"km": _("car km avoided"), "co2": _("kg CO2e avoided")},
    }


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    month_list = dashboard.months(filters["months"])
    communes = [filters["commune"]] if filters["commune"] else None
    figures = dashboard.territory(month_list, service=filters["service"], communes=communes)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "figures": figures,
        "map_config": _map_config(figures.map_points),
        "csv_url": reverse("impact:export_csv") + (f"?{query}" if query else ""),
        "widget_url": request.build_absolute_uri(reverse("impact:widget")),
    }
    return render(request, "impact/dashboard.html", context)


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """The monthly rows behind the dashboard (same filters), one line per service, commune and
    month, UTF-8 with INSEE codes."""
    _form, filters = _filters(request)
    month_list = dashboard.months(filters["months"])
    rows = MonthlyIndicator.objects.filter(month__gte=month_list[0], month__lte=month_list[-1])
    if filters["service"]:
        rows = rows.filter(service=filters["service"])
    if filters["commune"]:
        rows = rows.filter(commune_insee=filters["commune"])
    names = dict(Commune.objects.values_list("insee_code", "name"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="impact.csv"'
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(["month", "service", "insee_code", "commune", "trips", "shared_trips",
                     "occupancy", "desk_days", "people_served", "passenger_km",
                     "car_km_avoided", "co2_avoided_kg", "factor_version"])  # fmt: skip
    fields = ("month", "service", "commune_insee", "trips", "shared_trips", "vehicle_trips",
              "occupants", "desk_days", "people_served", "passenger_km", "car_km_avoided",
              "co2_avoided_kg", "factor_version")  # fmt: skip
    lines = rows.order_by("month", "service", "commune_insee").values_list(*fields)
    for (month, service, insee, trips, shared, vehicle_trips, occupants, desk_days, people,
         pkm, avoided, co2, version) in lines:  # fmt: skip
        occupancy = f"{occupants / vehicle_trips:.2f}" if vehicle_trips else ""
        writer.writerow([
            month.strftime("%Y-%m"), service, insee, names.get(insee, ""), trips, shared,
            occupancy, desk_days, people, pkm, avoided, co2, version,
        ])  # fmt: skip
    return response


@xframe_options_exempt  # the one page made to be framed by a town hall's website
@require_GET
def widget(request: HttpRequest, insee_code: str = "") -> HttpResponse:
    commune = get_object_or_404(Commune, insee_code=insee_code) if insee_code else None
    month_list = dashboard.months(12)
    figures = dashboard.territory(month_list, communes=[insee_code] if commune else None)
    context = {
        "commune": commune,
        "figures": figures,
        "dashboard_url": request.build_absolute_uri(reverse("impact:dashboard")),
    }
    return render(request, "impact/widget.html", context)


@login_required
@require_GET
def my_impact(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    mine = dashboard.member(user, dashboard.months(12))
    participations = Participation.objects.filter(user=user).select_related("challenge")
    return render(request, "impact/mine.html", {"mine": mine, "participations": participations})


@require_GET
def factors_page(request: HttpRequest) -> HttpResponse:
    sets = EmissionFactorSet.objects.prefetch_related("factors")
    return render(
        request,
        "impact/factors.html",
        {"sets": sets, "can_manage": can_manage_factors(request.user)},
    )


@login_required
@require_POST
def make_current(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_factors(request.user):
        raise PermissionDenied
    factor_set = get_object_or_404(EmissionFactorSet, pk=pk)
    if factor_set.is_current:
        return redirect("impact:factors")
    result = services.make_current(factor_set, actor=request.user)
    messages.success(
        request,
        _("Version %(version)s is now current; %(rows)d monthly rows recomputed.")
        % {"version": factor_set.version, "rows": result.rows},
    )
    return redirect("impact:factors")
