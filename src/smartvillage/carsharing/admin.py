from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


@admin.register(Fleet)
class FleetAdmin(ModelAdmin):
    list_display = ["name", "organisation", "charging_buffer", "publish_gbfs"]


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


admin.site.register(MaintenanceBlock)
admin.site.register(Trip)
admin.site.register(DamageReport)
