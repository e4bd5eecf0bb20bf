from django.contrib import admin

from smartvillage.planner.models import Feed, TransitStop


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin[Feed]):
    list_display = ["name", "slug", "is_active", "invented", "stop_count", "trip_count",
                    "rejected_rows", "imported_at"]  # fmt: skip
    list_filter = ["is_active", "invented"]
    exclude = ["data"]
    readonly_fields = ["report", "rejected_rows", "stop_count", "trip_count", "first_day",
                       "last_day", "imported_at"]  # fmt: skip


@admin.register(TransitStop)
class TransitStopAdmin(admin.ModelAdmin[TransitStop]):
    list_display = ["name", "stop_id", "feed", "latitude", "longitude"]
    list_filter = ["feed"]
    search_fields = ["name", "stop_id"]
