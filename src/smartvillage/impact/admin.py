from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from smartvillage.impact import models, services

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]
    TabularInline = admin.TabularInline[Any, Any]
else:
    ModelAdmin = admin.ModelAdmin
    TabularInline = admin.TabularInline


class FactorInline(TabularInline):
    model = models.EmissionFactor
    extra = 0


@admin.action(description=_("Make current and recompute every figure"))
def make_current(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Choose exactly one version."), messages.ERROR)
        return
    result = services.make_current(queryset.get(), actor=request.user)
    modeladmin.message_user(
        request, _("%(rows)d rows recomputed.") % {"rows": result.rows}, messages.SUCCESS
    )


@admin.register(models.EmissionFactorSet)
class EmissionFactorSetAdmin(ModelAdmin):
    list_display = ["version", "source", "source_date", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["version", "source"]
    # Switching the current version goes through the action (it recomputes the figures).
    readonly_fields = ["is_current"]
    inlines = [FactorInline]
    actions = [make_current]


@admin.register(models.EmissionFactor)
class EmissionFactorAdmin(ModelAdmin):
    list_display = ["factor_set", "mode", "kg_per_km", "unit"]
    list_filter = ["factor_set", "mode"]
    search_fields = ["mode", "label"]


@admin.register(models.MonthlyIndicator)
class MonthlyIndicatorAdmin(ModelAdmin):
    list_display = ["month", "service", "commune_insee", "trips", "car_km_avoided",
                    "co2_avoided_kg", "factor_version"]  # fmt: skip
    list_filter = ["service", "month", "factor_version"]
    search_fields = ["commune_insee"]


@admin.register(models.MemberMonthlyIndicator)
class MemberMonthlyIndicatorAdmin(ModelAdmin):
    list_display = ["month", "user", "service", "trips", "car_km_avoided", "co2_avoided_kg"]
    list_filter = ["service", "month"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(models.Challenge)
class ChallengeAdmin(ModelAdmin):
    list_display = ["title", "organisation", "metric", "target", "first_month", "last_month"]
    list_filter = ["metric", "is_published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(models.Participation)
class ParticipationAdmin(ModelAdmin):
    list_display = ["challenge", "user", "commune", "joined"]
    list_filter = ["challenge"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(models.CarpoolEvent)
class CarpoolEventAdmin(ModelAdmin):
    list_display = ["title", "organisation", "starts_at", "place_name"]
    search_fields = ["title", "slug", "place_name"]


@admin.register(models.EventCarpool)
class EventCarpoolAdmin(ModelAdmin):
    list_display = ["event", "user", "kind", "direction", "commune", "departure_at"]
    list_filter = ["kind", "direction", "is_active"]
    search_fields = ["user__email", "event__title"]
    raw_id_fields = ["user"]


@admin.register(models.RideHome)
class RideHomeAdmin(ModelAdmin):
    list_display = ["user", "origin_label", "destination_label", "wanted_at", "status"]
    list_filter = ["status"]
    search_fields = ["user__email", "reference"]
    raw_id_fields = ["user"]
