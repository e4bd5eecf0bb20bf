from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from smartvillage.territory.models import Commune, Place, ServiceArea


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin[Commune]):
    list_display = ["name", "insee_code", "departement", "population", "postal_codes"]
    list_filter = ["departement"]
    search_fields = ["name", "insee_code", "postal_codes"]
    readonly_fields = ["search_name"]
    ordering = ["name"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Commune], search_term: str
    ) -> tuple[QuerySet[Commune], bool]:
        # Also match without accents or hyphens: "correncon" finds "Corrençon-en-Vercors".
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            key_matches = queryset.filter(pk__in=Commune.objects.search(search_term).values("pk"))
            found = found | key_matches
        return found, may_have_duplicates


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin[Place]):
    list_display = ["name", "kind", "commune", "latitude", "longitude"]
    # RelatedOnly: the filter lists the communes that have places, not all of them.
    list_filter = ["kind", ("commune", admin.RelatedOnlyFieldListFilter), "commune__departement"]
    search_fields = ["name", "slug", "address", "commune__name", "commune__insee_code"]
    autocomplete_fields = ["commune"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["commune"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin[ServiceArea]):
    list_display = ["name", "slug", "commune_count"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["communes"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[ServiceArea]:
        return super().get_queryset(request).annotate(commune_count=Count("communes"))

    @admin.display(description=_("communes"), ordering="commune_count")
    def commune_count(self, obj: Any) -> int:
        return int(obj.commune_count)
