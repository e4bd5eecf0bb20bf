from django.contrib import admin

from smartvillage.ondemand import models


class AvailabilityInline(admin.TabularInline[models.Availability, models.Driver]):
    model = models.Availability
    extra = 0


class ExceptionInline(admin.TabularInline[models.AvailabilityException, models.Driver]):
    model = models.AvailabilityException
    extra = 0


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin[models.Service]):
    list_display = ["name", "organisation", "days", "start_time", "end_time", "is_active"]
    list_filter = ["is_active", "eligibility", "fare_kind"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["communes"]


@admin.register(models.Stop)
class StopAdmin(admin.ModelAdmin[models.Stop]):
    list_display = ["place", "service"]
    list_filter = ["service"]
    search_fields = ["place__name"]


@admin.register(models.Vehicle)
class VehicleAdmin(admin.ModelAdmin[models.Vehicle]):
    list_display = ["name", "organisation", "kind", "seats", "wheelchair_places", "is_active"]
    list_filter = ["kind", "is_active", "organisation"]
    search_fields = ["name", "registration"]


@admin.register(models.Driver)
class DriverAdmin(admin.ModelAdmin[models.Driver]):
    list_display = ["__str__", "organisation", "kind", "is_active"]
    list_filter = ["kind", "is_active", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    inlines = [AvailabilityInline, ExceptionInline]


@admin.register(models.Availability)
class AvailabilityAdmin(admin.ModelAdmin[models.Availability]):
    list_display = ["driver", "weekday", "start_time", "end_time"]
    list_filter = ["weekday"]
    search_fields = ["driver__user__last_name", "driver__user__email"]


@admin.register(models.AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin[models.AvailabilityException]):
    list_display = ["driver", "date", "available"]
    list_filter = ["available", "date"]
    search_fields = ["driver__user__last_name", "note"]


@admin.register(models.Beneficiary)
class BeneficiaryAdmin(admin.ModelAdmin[models.Beneficiary]):
    list_display = ["__str__", "organisation", "phone", "is_registered", "restricted_until"]
    list_filter = ["is_registered", "sms_ok", "language", "organisation"]
    search_fields = ["first_name", "last_name", "phone", "email"]


@admin.register(models.ServiceDay)
class ServiceDayAdmin(admin.ModelAdmin[models.ServiceDay]):
    list_display = ["service", "date", "version", "optimised_at"]
    list_filter = ["service", "date"]
    search_fields = ["service__name"]


@admin.register(models.Run)
class RunAdmin(admin.ModelAdmin[models.Run]):
    list_display = ["__str__", "driver", "status", "shift_start", "shift_end", "distance_m"]
    list_filter = ["status", "day__service", "vehicle"]
    search_fields = ["vehicle__name", "driver__user__last_name"]
    raw_id_fields = ["day"]


@admin.register(models.Booking)
class BookingAdmin(admin.ModelAdmin[models.Booking]):
    list_display = ["__str__", "beneficiary", "status", "window_start", "run"]
    list_filter = ["status", "service", "time_kind"]
    search_fields = ["beneficiary__last_name", "origin_label", "destination_label"]
    raw_id_fields = ["run", "recurring", "beneficiary"]


@admin.register(models.RunStop)
class RunStopAdmin(admin.ModelAdmin[models.RunStop]):
    list_display = ["run", "sequence", "kind", "planned_time"]
    list_filter = ["kind"]
    search_fields = ["booking__origin_label", "booking__destination_label"]
    raw_id_fields = ["run", "booking"]


@admin.register(models.RecurringBooking)
class RecurringBookingAdmin(admin.ModelAdmin[models.RecurringBooking]):
    list_display = ["__str__", "beneficiary", "time", "is_active"]
    list_filter = ["is_active", "service"]
    search_fields = ["beneficiary__last_name", "beneficiary__first_name"]


@admin.register(models.Incident)
class IncidentAdmin(admin.ModelAdmin[models.Incident]):
    list_display = ["beneficiary", "kind", "created"]
    list_filter = ["kind"]
    search_fields = ["beneficiary__last_name", "beneficiary__first_name"]


@admin.register(models.PlanProposal)
class PlanProposalAdmin(admin.ModelAdmin[models.PlanProposal]):
    list_display = ["day", "status", "distance_before_m", "distance_after_m", "created"]
    list_filter = ["status", "day__service"]
    search_fields = ["day__service__name"]
