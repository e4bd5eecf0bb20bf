from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from smartvillage.core.models import AuditLogEntry, CalendarFeed, Delivery


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: the audit log is append-only (the model refuses changes and deletes)."""

    list_display = ["created", "action", "actor", "target_type", "target_repr"]
    list_filter = ["action", ("created", admin.DateFieldListFilter), "target_type"]
    search_fields = ["action", "target_repr", "target_id", "actor__email"]
    date_hierarchy = "created"
    list_select_related = ["actor"]
    readonly_fields = fields = (
        "created",
        "actor",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "data",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The key is a secret: it is neither shown nor editable; delete the row to revoke it."""

    list_display = ["user", "service", "created"]
    list_filter = ["service"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    readonly_fields = fields = ("user", "service", "created")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: what the task queue sent, failed to send or is sending (by idempotency key).

    Deleting a ``failed`` or stuck ``sending`` row lets the same key be sent again.
    """

    list_display = ["created", "key", "channel", "status", "attempts", "sent_at"]
    list_filter = ["status", "channel", ("created", admin.DateFieldListFilter)]
    search_fields = ["key", "last_error"]
    date_hierarchy = "created"
    readonly_fields = fields = (
        "key",
        "channel",
        "status",
        "attempts",
        "last_error",
        "created",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
