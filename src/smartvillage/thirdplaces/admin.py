from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from smartvillage.thirdplaces import models

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


class OpeningHoursInline(TabularInline):
    model = models.OpeningHours
    extra = 0


class ClosureInline(TabularInline):
    model = models.Closure
    extra = 0


class PhotoInline(TabularInline):
    model = models.Photo
    extra = 0


class SpaceInline(TabularInline):
    model = models.Space
    extra = 0


@admin.register(models.ThirdPlace)
class ThirdPlaceAdmin(ModelAdmin):
    list_display = ["name", "organisation", "commune", "is_published"]
    list_filter = ["is_published", "organisation", "has_coworking", "has_fablab"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, ClosureInline, SpaceInline, PhotoInline]


@admin.register(models.OpeningHours)
class OpeningHoursAdmin(ModelAdmin):
    list_display = ["third_place", "weekday", "opens", "closes"]
    list_filter = ["weekday", "third_place"]
    search_fields = ["third_place__name"]


@admin.register(models.Closure)
class ClosureAdmin(ModelAdmin):
    list_display = ["third_place", "first_day", "last_day", "reason"]
    list_filter = ["third_place"]
    search_fields = ["third_place__name", "reason"]
    date_hierarchy = "first_day"


@admin.register(models.Photo)
class PhotoAdmin(ModelAdmin):
    list_display = ["alt_text", "third_place", "position"]
    list_filter = ["third_place"]
    search_fields = ["alt_text", "third_place__name"]


@admin.register(models.Space)
class SpaceAdmin(ModelAdmin):
    list_display = ["name", "third_place", "kind", "capacity", "price_day", "is_active"]
    list_filter = ["kind", "is_active", "third_place"]
    search_fields = ["name", "third_place__name"]


@admin.register(models.PassProduct)
class PassProductAdmin(ModelAdmin):
    list_display = ["name", "third_place", "kind", "price", "visits", "is_active"]
    list_filter = ["kind", "is_active", "third_place"]
    search_fields = ["name", "third_place__name"]


@admin.register(models.MemberPass)
class MemberPassAdmin(ModelAdmin):
    list_display = ["product", "user", "valid_from", "valid_until", "visits_used", "visits_total"]
    list_filter = ["third_place", "product__kind"]
    search_fields = ["user__email", "product__name"]
    raw_id_fields = ["user"]


@admin.register(models.Event)
class EventAdmin(ModelAdmin):
    list_display = ["title", "third_place", "starts_at", "capacity", "status"]
    list_filter = ["third_place", "kind", "status"]
    search_fields = ["title", "uid"]
    date_hierarchy = "starts_at"


@admin.register(models.Registration)
class RegistrationAdmin(ModelAdmin):
    list_display = ["event", "user", "seats", "status", "created"]
    list_filter = ["status", "event__third_place"]
    search_fields = ["event__title", "user__email"]
    raw_id_fields = ["user"]


@admin.register(models.Booking)
class BookingAdmin(ModelAdmin):
    # Edits here bypass the service's locking rule; the PostgreSQL constraint still applies to
    # rooms and machines. Managers cancel from their pages (members are told).
    list_display = ["space", "user", "starts_at", "period", "quantity", "status", "price"]
    list_filter = ["status", "period", "space__third_place"]
    search_fields = ["user__email", "space__name"]
    raw_id_fields = ["user", "member_pass"]
    date_hierarchy = "starts_at"


@admin.register(models.Workplace)
class WorkplaceAdmin(ModelAdmin):
    list_display = ["user", "label", "commune"]
    search_fields = ["user__email", "label"]
    raw_id_fields = ["user"]
