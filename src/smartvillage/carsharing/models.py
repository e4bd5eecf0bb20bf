"""Car sharing: fleets, stations, vehicles, members, bookings, trips and damage reports.

No double booking: on PostgreSQL an exclusion constraint (migration 0002, see docs/locking.md)
rejects two live bookings of one vehicle whose ``[starts_at, ends_at)`` ranges overlap; on every
database the service layer locks the vehicle and re-checks before writing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.core.booking import overlap_q
from smartvillage.territory.models import LATITUDE, LONGITUDE

MONEY = {"max_digits": 9, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Fleet(models.Model):
    """The car-sharing service of one organisation and its booking rules."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="carshare_fleet"
    )
    name = models.CharField(_("name of the service"), max_length=150)
    contact_email = models.EmailField(_("contact email"), blank=True)
    min_duration = models.DurationField(_("minimum booking duration"), default=timedelta(hours=1))
    max_duration = models.DurationField(_("maximum booking duration"), default=timedelta(days=7))
    charging_buffer = models.DurationField(
        _("charging time between bookings"),
        default=timedelta(minutes=30),
        help_text=_("A vehicle cannot be booked again until this time after a booking ends."),
    )
    cancellation_deadline = models.DurationField(
        _("free cancellation until"),
        default=timedelta(hours=24),
        help_text=_("Cancelling later than this before the start costs the cancellation fee."),
    )
    late_cancellation_fee_percent = models.PositiveSmallIntegerField(
        _("late cancellation fee (% of the estimated price)"), default=50, validators=PERCENT
    )
    publish_gbfs = models.BooleanField(_("publish in the open GBFS feed"), default=True)

    class Meta:
        verbose_name = _("car-sharing fleet")
        verbose_name_plural = _("car-sharing fleets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> Fleet:
        """The organisation's fleet, created with the default rules if missing (writes only)."""
        fleet, _created = cls.objects.get_or_create(
            organisation=organisation, defaults={"name": organisation.name}
        )
        return fleet

    @classmethod
    def rules_for(cls, organisation: Organisation) -> Fleet:
        """The organisation's fleet, or an unsaved one with the default rules: for reading (a GET
        never writes). Its rules are the ones ``for_organisation`` would create."""
        fleet = cls.objects.filter(organisation=organisation).first()
        return fleet or cls(organisation=organisation, name=organisation.name)

    def manager_emails(self) -> list[str]:
        """Where fleet warnings go: the contact address, else the admins and operators."""
        if self.contact_email:
            return [self.contact_email]
        return sorted(
            Membership.objects.filter(
                organisation_id=self.organisation_id,
                role__in=Membership.STAFF_ROLES,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )


class Station(models.Model):
    """Where a car lives: a parking place, its key box and its charging point."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="carshare_stations"
    )
    name = models.CharField(_("name"), max_length=150)
    place = models.ForeignKey(
        "territory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    address = models.CharField(_("address"), max_length=250, blank=True)
    parking_instructions = models.TextField(_("parking instructions"), blank=True)
    key_instructions = models.TextField(
        _("key instructions"),
        blank=True,
        help_text=_("Shown to a member only once their booking has started."),
    )
    has_charging_point = models.BooleanField(_("charging point"), default=False)
    charging_details = models.CharField(_("charging point details"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PricingPlan(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="carshare_plans"
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    hourly_rate = models.DecimalField(_("price per hour (€)"), **MONEY)  # type: ignore[arg-type]
    per_km_rate = models.DecimalField(_("price per km (€)"), **MONEY)  # type: ignore[arg-type]
    daily_cap = models.DecimalField(
        _("daily cap on the time price (€ per 24 h)"),
        null=True,
        blank=True,
        **MONEY,  # type: ignore[arg-type]
    )
    membership_fee = models.DecimalField(
        _("yearly membership fee (€)"),
        default=Decimal("0"),
        **MONEY,  # type: ignore[arg-type]
    )
    deposit = models.DecimalField(_("deposit (€)"), default=Decimal("0"), **MONEY)  # type: ignore[arg-type]
    is_default = models.BooleanField(_("default plan"), default=False)

    class Meta:
        verbose_name = _("pricing plan")
        verbose_name_plural = _("pricing plans")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return self.name


class VehicleQuerySet(models.QuerySet["Vehicle"]):
    def bookable(self) -> VehicleQuerySet:
        return self.filter(status=Vehicle.Status.AVAILABLE, station__is_active=True)


class Vehicle(models.Model):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        MAINTENANCE = "maintenance", _("In maintenance")

    class Propulsion(models.TextChoices):
        ELECTRIC = "electric", _("Electric")
        HYBRID = "hybrid", _("Hybrid")
        COMBUSTION = "combustion", _("Petrol")
        DIESEL = "combustion_diesel", _("Diesel")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="carshare_vehicles"
    )
    station = models.ForeignKey(
        Station, verbose_name=_("home station"), on_delete=models.PROTECT, related_name="vehicles"
    )
    name = models.CharField(_("name"), max_length=100)
    make = models.CharField(_("make"), max_length=50)
    model = models.CharField(_("model"), max_length=50)
    plate = models.CharField(_("number plate"), max_length=20, blank=True)
    propulsion = models.CharField(
        _("propulsion"), max_length=20, choices=Propulsion.choices, default=Propulsion.ELECTRIC
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=5)
    range_km = models.PositiveIntegerField(_("range when full (km)"), default=300)
    charge_percent = models.PositiveSmallIntegerField(
        _("current charge (%)"), default=100, validators=PERCENT
    )
    key_instructions = models.TextField(
        _("key box code or instructions"),
        blank=True,
        help_text=_("Shown to a member only once their booking has started."),
    )
    photo = models.ImageField(_("photo"), upload_to="carsharing/vehicles/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE
    )
    pricing_plan = models.ForeignKey(
        PricingPlan,
        verbose_name=_("pricing plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vehicles",
    )

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)
    objects = VehicleQuerySet.as_manager()

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_range_km(self) -> int:
        return self.range_km * self.charge_percent // 100


class MaintenanceBlock(models.Model):
    """A time when a vehicle cannot be booked (service, tyres, inspection)."""

    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.CASCADE, related_name="maintenance_blocks"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("maintenance block")
        verbose_name_plural = _("maintenance blocks")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="maintenance_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vehicle} {self.starts_at:%Y-%m-%d}"


class CarshareMemberQuerySet(models.QuerySet["CarshareMember"]):
    def approved(self) -> CarshareMemberQuerySet:
        return self.filter(status=CarshareMember.Status.APPROVED)

    def for_user(self, user: Any) -> CarshareMemberQuerySet:
        return self.filter(user=user)


class CarshareMember(models.Model):
    """A person allowed (or asking) to drive a fleet's cars: licence checked by a manager."""

    class Status(models.TextChoices):
        UNDER_REVIEW = "under_review", _("Under review")
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="carshare_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="carshare_members"
    )
    licence_number = models.CharField(_("driving licence number"), max_length=30)
    licence_expiry = models.DateField(_("driving licence valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNDER_REVIEW
    )
    plan = models.ForeignKey(
        PricingPlan,
        verbose_name=_("pricing plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    created = models.DateTimeField(_("asked on"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CarshareMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("car-sharing member")
        verbose_name_plural = _("car-sharing members")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_carshare_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation}"


class BookingQuerySet(models.QuerySet["Booking"]):
    def live(self) -> BookingQuerySet:
        """Bookings that hold their vehicle (the ones the exclusion constraint covers)."""
        return self.exclude(status=Booking.Status.CANCELLED)

    def not_returned(self, now: datetime) -> BookingQuerySet:
        """Ended, checked out and not checked in: the car is late."""
        return self.live().filter(
            ends_at__lte=now, trip__isnull=False, trip__checked_in_at__isnull=True
        )

    def overlapping(
        self, start: datetime, end: datetime, buffer: timedelta = timedelta(0)
    ) -> BookingQuerySet:
        return self.filter(overlap_q(start, end, buffer=buffer))

    def for_user(self, user: Any) -> BookingQuerySet:
        return self.filter(member__user=user)


class Booking(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    vehicle = models.ForeignKey(
        Vehicle, verbose_name=_("vehicle"), on_delete=models.PROTECT, related_name="bookings"
    )
    member = models.ForeignKey(
        CarshareMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    estimated_price = models.DecimalField(
        _("estimated price (€)"),
        default=Decimal("0"),
        **MONEY,  # type: ignore[arg-type]
    )
    created = models.DateTimeField(_("booked on"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    cancellation_fee = models.DecimalField(
        _("cancellation fee (€)"),
        null=True,
        blank=True,
        **MONEY,  # type: ignore[arg-type]
    )
    late_warning_sent_at = models.DateTimeField(
        _("late return warning sent on"), null=True, blank=True
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        # Serves the availability check: live bookings of one vehicle around a slot.
        indexes = [models.Index(fields=["vehicle", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.vehicle} {start:%Y-%m-%d %H:%M}"

    def has_started(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def shows_key_instructions(self, now: datetime | None = None) -> bool:
        """The key box code is given only while the booking runs (not before, not after)."""
        now = now or timezone.now()
        return self.status == self.Status.CONFIRMED and self.starts_at <= now < self.ends_at


class Trip(models.Model):
    """What happened with the car during a booking: check-out, check-in, the final price."""

    class Cleanliness(models.TextChoices):
        CLEAN = "clean", _("Clean")
        ACCEPTABLE = "acceptable", _("Acceptable")
        DIRTY = "dirty", _("Dirty")

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="trip")
    checked_out_at = models.DateTimeField(_("checked out at"))
    odometer_start = models.PositiveIntegerField(_("odometer at check-out (km)"))
    battery_start = models.PositiveSmallIntegerField(
        _("battery at check-out (%)"), validators=PERCENT
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    odometer_end = models.PositiveIntegerField(
        _("odometer at check-in (km)"), null=True, blank=True
    )
    battery_end = models.PositiveSmallIntegerField(
        _("battery at check-in (%)"), null=True, blank=True, validators=PERCENT
    )
    cleanliness = models.CharField(
        _("cleanliness"), max_length=20, choices=Cleanliness.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    time_price = models.DecimalField(_("time price (€)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]
    km_price = models.DecimalField(_("distance price (€)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]
    total_price = models.DecimalField(_("total price (€)"), null=True, blank=True, **MONEY)  # type: ignore[arg-type]

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        ordering = ["-checked_out_at"]

    def __str__(self) -> str:
        return str(self.booking)

    @property
    def distance_km(self) -> int | None:
        if self.odometer_end is None:
            return None
        return self.odometer_end - self.odometer_start


class DamageReport(models.Model):
    """Damage found at check-out or check-in, and the manager's follow-up (audit-logged)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_REPAIR = "in_repair", _("In repair")
        CLOSED = "closed", _("Closed")

    class Stage(models.TextChoices):
        CHECK_OUT = "check_out", _("At check-out")
        CHECK_IN = "check_in", _("At check-in")
        MANAGER = "manager", _("By the manager")

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="damage_reports")
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="damage_reports"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(
        _("reported"), max_length=20, choices=Stage.choices, default=Stage.CHECK_IN
    )
    description = models.TextField(_("what is damaged"))
    photo = models.ImageField(_("photo"), upload_to="carsharing/damage/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(_("follow-up notes"), blank=True)
    created = models.DateTimeField(_("reported on"), auto_now_add=True)
    updated = models.DateTimeField(_("updated on"), auto_now=True)
    resolved_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("damage report")
        verbose_name_plural = _("damage reports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.vehicle}: {self.description[:50]}"
