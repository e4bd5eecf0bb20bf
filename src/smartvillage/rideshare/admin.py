"""Admin of the network, for repairs and support. Day-to-day work (ID checks, stops, moderation,
proof exports) happens at the relay desk (``/rideshare/relay/<org>/``), which records the audit
log; the admin does not. Every model is here with filters and a search."""

from django.contrib import admin

from smartvillage.rideshare import models


@admin.register(models.Member)
class MemberAdmin(admin.ModelAdmin[models.Member]):
    list_display = ["number", "user", "status", "relay", "is_driver", "notify_by", "validated_at"]
    list_filter = ["status", "relay", "is_driver", "notify_by", "id_document"]
    search_fields = ["number", "user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["user", "validated_by"]
    date_hierarchy = "created"


@admin.register(models.Relay)
class RelayAdmin(admin.ModelAdmin[models.Relay]):
    list_display = ["organisation", "address", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["organisation__name", "address"]


@admin.register(models.Stop)
class StopAdmin(admin.ModelAdmin[models.Stop]):
    list_display = ["place", "directions", "has_shelter", "wheelchair_accessible", "is_active"]
    list_filter = ["is_active", "has_shelter", "wheelchair_accessible", "relay"]
    search_fields = ["place__name", "place__commune__name", "place__commune__insee_code",
                     "directions"]  # fmt: skip
    raw_id_fields = ["place"]


@admin.register(models.Vehicle)
class VehicleAdmin(admin.ModelAdmin[models.Vehicle]):
    list_display = ["sticker_number", "plate", "model", "colour", "owner", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["sticker_number", "plate", "model", "owner__number"]
    raw_id_fields = ["owner"]


@admin.register(models.Trip)
class TripAdmin(admin.ModelAdmin[models.Trip]):
    list_display = ["__str__", "kind", "driver", "departure_at", "departure_time", "seats",
                    "status"]  # fmt: skip
    list_filter = ["kind", "status"]
    search_fields = ["origin_label", "destination_label", "driver__number"]
    raw_id_fields = ["driver", "vehicle"]
    date_hierarchy = "created"


@admin.register(models.RideRequest)
class RideRequestAdmin(admin.ModelAdmin[models.RideRequest]):
    list_display = ["__str__", "passenger", "departure_at", "seats", "status"]
    list_filter = ["status"]
    search_fields = ["origin_label", "destination_label", "passenger__number"]
    raw_id_fields = ["passenger"]
    date_hierarchy = "departure_at"


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin[models.Contact]):
    list_display = ["__str__", "passenger", "ride_on", "status", "driver_shares_phone",
                    "passenger_shares_phone"]  # fmt: skip
    list_filter = ["status", "ride_on"]
    search_fields = ["passenger__number", "trip__driver__number", "trip__origin_label",
                     "trip__destination_label"]  # fmt: skip
    raw_id_fields = ["trip", "request", "passenger"]


@admin.register(models.Message)
class MessageAdmin(admin.ModelAdmin[models.Message]):
    list_display = ["created", "contact", "sender"]
    list_filter = ["created"]
    search_fields = ["sender__number", "body"]
    raw_id_fields = ["contact", "sender"]


@admin.register(models.HitchRequest)
class HitchRequestAdmin(admin.ModelAdmin[models.HitchRequest]):
    list_display = ["__str__", "passenger", "created", "expires_at", "status", "driver"]
    list_filter = ["status", "stop"]
    search_fields = ["passenger__number", "driver__number", "stop__place__name",
                     "destination__place__name"]  # fmt: skip
    raw_id_fields = ["passenger", "stop", "destination", "driver", "vehicle"]
    date_hierarchy = "created"


@admin.register(models.Notification)
class NotificationAdmin(admin.ModelAdmin[models.Notification]):
    list_display = ["created", "member", "hitch", "channel", "sent_at", "read_at"]
    list_filter = ["channel", "created"]
    search_fields = ["member__number", "hitch__stop__place__name"]
    raw_id_fields = ["member", "hitch", "trip"]


@admin.register(models.Ride)
class RideAdmin(admin.ModelAdmin[models.Ride]):
    list_display = ["journey_id", "__str__", "started_at", "status", "distance_m",
                    "contribution_cents"]  # fmt: skip
    list_filter = ["status", "positions_coarsened"]
    search_fields = ["journey_id", "driver__number", "passenger__number", "start_label",
                     "end_label", "start_insee", "end_insee"]  # fmt: skip
    raw_id_fields = ["driver", "passenger", "vehicle", "hitch", "contact"]
    date_hierarchy = "started_at"


@admin.register(models.Block)
class BlockAdmin(admin.ModelAdmin[models.Block]):
    list_display = ["created", "blocker", "blocked"]
    list_filter = ["created"]
    search_fields = ["blocker__number", "blocked__number"]
    raw_id_fields = ["blocker", "blocked"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin[models.Report]):
    list_display = ["created", "reporter", "reported", "status", "handled_at"]
    list_filter = ["status"]
    search_fields = ["reporter__number", "reported__number", "reason"]
    raw_id_fields = ["reporter", "reported", "ride", "handled_by"]


@admin.register(models.Rating)
class RatingAdmin(admin.ModelAdmin[models.Rating]):
    list_display = ["created", "author", "subject", "score"]
    list_filter = ["score"]
    search_fields = ["author__number", "subject__number", "comment"]
    raw_id_fields = ["ride", "author", "subject"]
