from django.contrib import admin

from smartvillage.rideshare import models


@admin.register(models.Member)
class MemberAdmin(admin.ModelAdmin[models.Member]):
    list_display = ["number", "user", "status", "relay", "validated_at"]
    list_filter = ["status", "relay"]
    search_fields = ["number", "user__email"]
    raw_id_fields = ["user", "validated_by"]


@admin.register(models.Relay)
class RelayAdmin(admin.ModelAdmin[models.Relay]):
    list_display = ["organisation", "is_active"]


@admin.register(models.Stop)
class StopAdmin(admin.ModelAdmin[models.Stop]):
    list_display = ["place", "directions", "has_shelter", "is_active"]


@admin.register(models.Vehicle)
class VehicleAdmin(admin.ModelAdmin[models.Vehicle]):
    list_display = ["sticker_number", "plate", "model", "owner", "is_active"]


@admin.register(models.Trip)
class TripAdmin(admin.ModelAdmin[models.Trip]):
    list_display = ["__str__", "kind", "driver", "seats", "status"]
    list_filter = ["kind", "status"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin[models.Report]):
    list_display = ["created", "reported", "status"]
    list_filter = ["status"]


@admin.register(models.Ride)
class RideAdmin(admin.ModelAdmin[models.Ride]):
    list_display = ["journey_id", "started_at", "status", "distance_m"]
    list_filter = ["status"]
