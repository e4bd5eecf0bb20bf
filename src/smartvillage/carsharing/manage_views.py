"""Fleet manager pages: stations, vehicles, maintenance, pricing plans, damage, statements.

Every view starts with ``_get_fleet_for_manager`` (admins and operators of the organisation;
other members 403, outsiders 404) and looks objects up inside that organisation only. Writes go
through ``services.fleet`` (locking rule for what changes availability, audit log for all).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.carsharing.forms import (
    DamageFollowUpForm,
    MaintenanceBlockForm,
    PricingPlanForm,
    StationForm,
    VehicleForm,
)
from smartvillage.carsharing.models import (
    CarshareMember,
    DamageReport,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Vehicle,
)
from smartvillage.carsharing.services import fleet as fleet_service
from smartvillage.carsharing.services import statements
from smartvillage.carsharing.views import _csv_response, _get_fleet_for_manager
from smartvillage.core.models import AuditLogEntry

GET_POST = require_http_methods(["GET", "POST"])


def _form_page(
    request: HttpRequest, organisation: Any, title: str, form: Any, **extra: Any
) -> HttpResponse:
    status = 422 if form.is_bound and form.errors else 200
    context = {"organisation": organisation, "title": title, "form": form, **extra}
    return render(request, "carsharing/manage_form.html", context, status=status)


# --- Stations ------------------------------------------------------------------------------------


@login_required
@GET_POST
def station_edit(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    station = (
        get_object_or_404(Station, pk=pk, organisation=organisation)
        if pk
        else Station(organisation=organisation)
    )
    form = StationForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed() and station.pk:
            return redirect("carsharing:manage", org=organisation.slug)
        fleet_service.save_station(request.user, form)
        messages.success(request, _("The station has been saved."))
        return redirect("carsharing:manage", org=organisation.slug)
    title = _("Edit the station") if station.pk else _("New station")
    return _form_page(request, organisation, title, form)


# --- Vehicles ------------------------------------------------------------------------------------


@login_required
@GET_POST
def vehicle_edit(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    vehicle = (
        get_object_or_404(Vehicle, pk=pk, organisation=organisation)
        if pk
        else Vehicle(organisation=organisation)
    )
    if pk is None and not Station.objects.filter(organisation=organisation).exists():
        messages.info(request, _("Create a station first: every vehicle has a home station."))
        return redirect("carsharing:station_new", org=organisation.slug)
    form = VehicleForm(
        request.POST or None, request.FILES or None, instance=vehicle, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        if not form.has_changed() and vehicle.pk:
            return redirect("carsharing:vehicle_calendar", org=organisation.slug, pk=vehicle.pk)
        try:
            vehicle = fleet_service.save_vehicle(request.user, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The vehicle has been saved."))
            if vehicle.status == Vehicle.Status.MAINTENANCE and "status" in form.changed_data:
                affected = fleet_service.upcoming_bookings(vehicle)
                if affected:
                    messages.warning(
                        request,
                        _(
                            "This vehicle is now in maintenance but %(count)s booking(s) are "
                            "still planned: they are listed on its calendar. Contact the members."
                        )
                        % {"count": len(affected)},
                    )
            return redirect("carsharing:vehicle_calendar", org=organisation.slug, pk=vehicle.pk)
    title = _("Edit the vehicle") if vehicle.pk else _("New vehicle")
    return _form_page(request, organisation, title, form, multipart=True)


# --- Maintenance blocks --------------------------------------------------------------------------


@login_required
@GET_POST
def block_new(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    vehicle = get_object_or_404(Vehicle, pk=pk, organisation=organisation)
    form = MaintenanceBlockForm(request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fleet_service.add_block(
                request.user, vehicle, data["starts_at"], data["ends_at"], data["reason"]
            )
        except fleet_service.MaintenanceConflict as exc:
            conflict = exc.conflict
            form.add_error(None, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The maintenance has been planned."))
            return redirect("carsharing:vehicle_calendar", org=organisation.slug, pk=vehicle.pk)
    title = _("Plan a maintenance of %(name)s") % {"name": vehicle.name}
    return _form_page(request, organisation, title, form, vehicle=vehicle, conflict=conflict)


@login_required
@require_POST
def block_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    block = get_object_or_404(
        MaintenanceBlock.objects.select_related("vehicle"),
        pk=pk,
        vehicle__organisation=organisation,
    )
    fleet_service.remove_block(request.user, block)
    messages.success(request, _("The maintenance has been removed."))
    return redirect("carsharing:vehicle_calendar", org=organisation.slug, pk=block.vehicle_id)


# --- Pricing plans -------------------------------------------------------------------------------


@login_required
@GET_POST
def plan_edit(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    plan = (
        get_object_or_404(PricingPlan, pk=pk, organisation=organisation)
        if pk
        else PricingPlan(organisation=organisation)
    )
    form = PricingPlanForm(request.POST or None, instance=plan, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or not plan.pk:
            fleet_service.save_plan(request.user, form)
            messages.success(
                request,
                _("The pricing plan has been saved. It applies to bookings made from now on."),
            )
        return redirect("carsharing:manage", org=organisation.slug)
    title = _("Edit the pricing plan") if plan.pk else _("New pricing plan")
    return _form_page(request, organisation, title, form)


# --- Damage reports ------------------------------------------------------------------------------


@login_required
@require_GET
def damage_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    status = request.GET.get("status", "")
    reports = DamageReport.objects.filter(vehicle__organisation=organisation).select_related(
        "vehicle", "reported_by", "booking"
    )
    counts = dict(reports.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    if status in DamageReport.Status.values:
        reports = reports.filter(status=status)
    elif status != "all":
        status = ""
        reports = reports.exclude(status=DamageReport.Status.CLOSED)
    context = {
        "organisation": organisation,
        "reports": reports,
        "status": status,
        "statuses": [
            (value, label, counts.get(value, 0)) for value, label in DamageReport.Status.choices
        ],
    }
    return render(request, "carsharing/damage_list.html", context)


@login_required
@GET_POST
def damage_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    report = get_object_or_404(
        DamageReport.objects.select_related("vehicle", "reported_by", "booking__member__user"),
        pk=pk,
        vehicle__organisation=organisation,
    )
    form = DamageFollowUpForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        current = DamageReport.objects.get(pk=report.pk)  # the form changed ``report`` in place
        if fleet_service.follow_up_damage(
            request.user, current, form.cleaned_data["status"], form.cleaned_data["notes"]
        ):
            messages.success(request, _("The damage report has been updated."))
        return redirect("carsharing:damage_detail", org=organisation.slug, pk=report.pk)
    history = AuditLogEntry.objects.filter(
        target_type=DamageReport._meta.label_lower, target_id=str(report.pk)
    ).select_related("actor")
    context = {"organisation": organisation, "report": report, "form": form, "history": history}
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "carsharing/damage_detail.html", context, status=status)


# --- Statements ----------------------------------------------------------------------------------


@login_required
@require_GET
def statements_page(request: HttpRequest, org: str) -> HttpResponse:
    """Every member's statement for a month: totals, a printable page per member, one CSV."""
    organisation, _fleet = _get_fleet_for_manager(request, org)
    month = statements.parse_month(request.GET.get("month"), timezone.localdate())
    members = CarshareMember.objects.filter(organisation=organisation)
    member_id = request.GET.get("member", "")
    if member_id:
        members = members.filter(pk=member_id if member_id.isdigit() else 0)
        if not members.exists():
            return redirect("carsharing:statements", org=organisation.slug)
    items = statements.statements(members, month)
    if request.GET.get("format") == "csv":
        return _csv_response(items, f"{organisation.slug}-carsharing-{month:%Y-%m}.csv")
    context = {
        "organisation": organisation,
        "month": month,
        "statements": items,
        "single": bool(member_id),
        "previous": (month - timedelta(days=1)).replace(day=1),
        "next": (month + timedelta(days=32)).replace(day=1),
        "grand_total": sum((s.total for s in items), statements.ZERO),
    }
    return render(request, "carsharing/statements.html", context)
