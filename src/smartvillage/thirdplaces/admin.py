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
    list_filter = ["is_published", "has_coworking", "has_fablab"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, ClosureInline, SpaceInline, PhotoInline]


@admin.register(models.PassProduct)
class PassProductAdmin(ModelAdmin):
    list_display = ["name", "third_place", "kind", "price", "visits", "is_active"]


@admin.register(models.Event)
class EventAdmin(ModelAdmin):
    list_display = ["title", "third_place", "starts_at", "capacity", "status"]
    list_filter = ["third_place", "kind", "status"]
    search_fields = ["title", "uid"]


@admin.register(models.Booking)
class BookingAdmin(ModelAdmin):
    list_display = ["space", "user", "starts_at", "period", "quantity", "status", "price"]
    list_filter = ["status", "space__third_place"]
    raw_id_fields = ["user", "member_pass"]
