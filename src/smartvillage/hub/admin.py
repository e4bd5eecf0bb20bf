from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from smartvillage.hub import models

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


@admin.register(models.Theme)
class ThemeAdmin(ModelAdmin):
    list_display = ["name", "name_en", "dimension"]
    list_filter = ["dimension"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Actor)
class ActorAdmin(ModelAdmin):
    list_display = ["name", "kind", "organisation", "consent_listed"]
    list_filter = ["kind", "consent_listed"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes", "communes"]
    raw_id_fields = ["owner"]


class InitiativeActorInline(TabularInline):
    model = models.InitiativeActor
    extra = 0


class InitiativePhotoInline(TabularInline):
    model = models.InitiativePhoto
    extra = 0


@admin.register(models.Initiative)
class InitiativeAdmin(ModelAdmin):
    list_display = ["title", "status", "organisation", "published_at"]
    list_filter = ["status", "solution_type", "stage"]
    search_fields = ["title", "summary", "keywords"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "communes"]
    raw_id_fields = ["author", "moderated_by"]
    inlines = [InitiativeActorInline, InitiativePhotoInline]


class RegistrationInline(TabularInline):
    model = models.Registration
    extra = 0
    raw_id_fields = ["user"]


@admin.register(models.Event)
class EventAdmin(ModelAdmin):
    list_display = ["title", "kind", "starts_at", "place_name", "capacity", "cancelled"]
    list_filter = ["kind", "is_published", "cancelled"]
    search_fields = ["title", "description", "place_name"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]


@admin.register(models.Resource)
class ResourceAdmin(ModelAdmin):
    list_display = ["title", "kind", "language", "is_published", "created"]
    list_filter = ["kind", "language", "is_published"]
    search_fields = ["title", "description", "author"]


@admin.register(models.Assessment)
class AssessmentAdmin(ModelAdmin):
    list_display = ["__str__", "organisation", "assessed_on", "completed"]
    list_filter = ["completed"]
    search_fields = ["commune__name", "area__name", "organisation__name"]


@admin.register(models.InitiativeActor)
class InitiativeActorAdmin(ModelAdmin):
    list_display = ["initiative", "actor", "role"]
    search_fields = ["initiative__title", "actor__name", "role"]


@admin.register(models.InitiativePhoto)
class InitiativePhotoAdmin(ModelAdmin):
    list_display = ["initiative", "alt_text", "created"]
    search_fields = ["initiative__title", "alt_text"]


@admin.register(models.Registration)
class RegistrationAdmin(ModelAdmin):
    list_display = ["event", "user", "seats", "status", "created"]
    list_filter = ["status"]
    search_fields = ["event__title", "user__email"]
    raw_id_fields = ["user"]
