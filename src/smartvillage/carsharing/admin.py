from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin

from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    Fleet,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import fleet as fleet_service

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


@admin.register(Fleet)
class FleetAdmin(ModelAdmin):
    list_display = ["name", "organisation", "charging_buffer", "publish_gbfs"]
    list_filter = ["publish_gbfs"]
    search_fields = ["name", "organisation__name"]


@admin.register(Station)
class StationAdmin(ModelAdmin):
    list_display = ["name", "organisation", "commune", "has_charging_point", "is_active"]
    list_filter = ["organisation"]


@admin.register(Vehicle)
class VehicleAdmin(ModelAdmin):
    list_display = ["name", "organisation", "station", "charge_percent", "status"]
    list_filter = ["organisation", "status"]


@admin.register(PricingPlan)
class PricingPlanAdmin(ModelAdmin):
    list_display = ["name", "organisation", "hourly_rate", "per_km_rate", "daily_cap"]
    list_filter = ["organisation"]
    search_fields = ["name"]


@admin.register(CarshareMember)
class CarshareMemberAdmin(ModelAdmin):
    list_display = ["user", "organisation", "status", "licence_expiry"]
    list_filter = ["organisation", "status"]


@admin.register(Booking)
class BookingAdmin(ModelAdmin):
    # Edits here bypass the service's locking rule; the PostgreSQL constraint still applies.
    list_display = ["vehicle", "member", "starts_at", "ends_at", "status"]
    list_filter = ["status", "vehicle__organisation"]
    date_hierarchy = "starts_at"


class MaintenanceBlockAdminForm(forms.ModelForm[MaintenanceBlock]):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vehicle, start, end = data.get("vehicle"), data.get("starts_at"), data.get("ends_at")
        if vehicle and start and end and end > start:
            taken = Booking.objects.live().filter(vehicle=vehicle).overlapping(start, end)
            if taken.exists():
                raise forms.ValidationError(fleet_service.ERRORS["block_overlaps_bookings"])
        return data


@admin.register(MaintenanceBlock)
class MaintenanceBlockAdmin(ModelAdmin):
    """New blocks go through the manager pages' service (vehicle lock, re-check, audit); the
    form's check above only gives the admin a field-level message first."""

    form = MaintenanceBlockAdminForm
    list_display = ["vehicle", "starts_at", "ends_at", "reason"]
    list_filter = ["vehicle__organisation"]
    search_fields = ["vehicle__name", "reason"]
    date_hierarchy = "starts_at"

    def save_model(self, request: Any, obj: MaintenanceBlock, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        block = fleet_service.add_block(
            request.user, obj.vehicle, obj.starts_at, obj.ends_at, obj.reason
        )
        obj.pk = block.pk


@admin.register(Trip)
class TripAdmin(ModelAdmin):
    list_display = ["booking", "checked_out_at", "checked_in_at"]
    list_filter = ["booking__vehicle__organisation"]
    search_fields = ["booking__member__user__email", "booking__vehicle__name"]
    date_hierarchy = "checked_out_at"


@admin.register(DamageReport)
class DamageReportAdmin(ModelAdmin):
    list_display = ["vehicle", "status", "created"]
    list_filter = ["status", "vehicle__organisation"]
    search_fields = ["vehicle__name", "description"]
