from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from smartvillage.seasonal import models

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


class SeasonInline(TabularInline):
    model = models.Season
    extra = 0


class AvailabilityInline(TabularInline):
    model = models.Availability
    extra = 0


@admin.register(models.Intercommunality)
class IntercommunalityAdmin(ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["communes"]
    inlines = [SeasonInline]


@admin.register(models.Contact)
class ContactAdmin(ModelAdmin):
    list_display = ["name", "kind", "intercommunality", "commune"]
    list_filter = ["kind", "intercommunality"]
    search_fields = ["name"]


@admin.register(models.Job)
class JobAdmin(ModelAdmin):
    list_display = ["title", "employer", "season", "rome_code", "starts_on", "status"]
    list_filter = ["status", "contract", "housing", "season"]
    search_fields = ["title", "employer__name"]
    raw_id_fields = ["employer", "commune"]


@admin.register(models.WorkerProfile)
class WorkerProfileAdmin(ModelAdmin):
    list_display = ["user", "open_to_offers", "needs_housing", "updated"]
    list_filter = ["open_to_offers", "needs_housing", "has_car"]
    raw_id_fields = ["user"]
    inlines = [AvailabilityInline]


@admin.register(models.Season)
class SeasonAdmin(ModelAdmin):
    list_display = ["name", "intercommunality", "kind", "starts_on", "ends_on"]
    list_filter = ["kind", "intercommunality"]


@admin.register(models.Availability)
class AvailabilityAdmin(ModelAdmin):
    list_display = ["profile", "starts_on", "ends_on"]
    list_filter = ["starts_on"]


@admin.register(models.SeasonRecord)
class SeasonRecordAdmin(ModelAdmin):
    list_display = ["worker", "employer", "season", "job_title", "confirmed_at"]
    list_filter = ["season"]
    raw_id_fields = ["worker", "employer"]


@admin.register(models.Application)
class ApplicationAdmin(ModelAdmin):
    list_display = ["worker", "job", "status", "created"]
    list_filter = ["status"]
    raw_id_fields = ["worker", "job"]


@admin.register(models.HousingOffer)
class HousingOfferAdmin(ModelAdmin):
    list_display = ["title", "offerer", "commune", "monthly_rent", "status"]
    list_filter = ["status", "shared", "reserved_to_staff"]


@admin.register(models.HousingRequest)
class HousingRequestAdmin(ModelAdmin):
    list_display = ["worker", "commune", "starts_on", "ends_on", "is_open"]
    list_filter = ["is_open", "consent_to_contact"]
    raw_id_fields = ["worker"]


@admin.register(models.SavedSearch)
class SavedSearchAdmin(ModelAdmin):
    list_display = ["name", "worker", "last_sent_at"]
    search_fields = ["name"]
    raw_id_fields = ["worker"]
