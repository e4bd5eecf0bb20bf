"""Transport à la demande: services, vehicles, drivers, beneficiaries, bookings and runs.

Times of day are wall-clock times in Europe/Paris; instants (requested time, planned times)
are aware datetimes stored in UTC. A *service day* is the unit of planning and of locking
(docs/locking.md): every write to the plan of one service on one date locks its row.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.accounts.models import Organisation, User
from smartvillage.territory.models import LATITUDE, LONGITUDE, Commune, Place, ServiceArea

WEEKDAYS = [
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


def weekday_string_validator(value: str) -> None:
    from django.core.exceptions import ValidationError

    if not value or any(c not in "1234567" for c in value) or len(set(value)) != len(value):
        raise ValidationError(
            _("Give the days as digits 1 (Monday) to 7 (Sunday), each once, e.g. 12345.")
        )


class Service(models.Model):
    """One on-demand transport service run by an organisation."""

    class Eligibility(models.TextChoices):
        OPEN = "open", _("Open to everyone")
        REGISTERED = "registered", _("Registered beneficiaries only")

    class Fare(models.TextChoices):
        FREE = "free", _("Free")
        FIXED = "fixed", _("Fixed fare per trip")
        PER_KM = "per_km", _("Fare per kilometre")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ondemand_services"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    # Zone: communes (an area and/or a list) and/or a GeoJSON polygon; a point is in the zone
    # when it is in one of the communes or inside the polygon.
    area = models.ForeignKey(
        ServiceArea,
        verbose_name=_("service area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes"), blank=True, related_name="ondemand_services"
    )
    zone_geojson = models.JSONField(
        _("zone polygon (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon geometry, longitude/latitude."),
    )
    days = models.CharField(
        _("days of service"),
        max_length=7,
        default="12345",
        validators=[weekday_string_validator],
        help_text=_("Digits 1 (Monday) to 7 (Sunday)."),
    )
    start_time = models.TimeField(_("first pick-up"), default=time(8, 0))
    end_time = models.TimeField(_("last drop-off"), default=time(18, 0))
    min_notice = models.DurationField(_("minimum notice"), default=timedelta(hours=48))
    max_advance = models.DurationField(_("maximum advance"), default=timedelta(days=30))
    cancellation_deadline = models.DurationField(
        _("cancellation deadline"),
        default=timedelta(hours=24),
        help_text=_("A cancellation later than this before the pick-up is a late cancellation."),
    )
    eligibility = models.CharField(
        _("eligibility"), max_length=20, choices=Eligibility.choices, default=Eligibility.OPEN
    )
    fare_kind = models.CharField(_("fare"), max_length=10, choices=Fare.choices, default=Fare.FREE)
    fare_amount = models.DecimalField(
        _("fare amount (€ per trip or per km)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    phone = models.CharField(_("booking phone number"), max_length=30, blank=True)
    instructions = models.TextField(_("instructions for passengers"), blank=True)
    info_url = models.URLField(_("information page"), blank=True)
    # Planning parameters.
    pickup_window_minutes = models.PositiveSmallIntegerField(
        _("promised pick-up window (min)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    flexibility_minutes = models.PositiveSmallIntegerField(
        _("flexibility around the requested time (min)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(180)],
        help_text=_("How far after 'leave at' or before 'arrive by' a trip may be planned."),
    )
    max_detour_factor = models.DecimalField(
        _("maximum ride time (× direct trip)"), max_digits=4, decimal_places=2, default=2
    )
    boarding_minutes = models.PositiveSmallIntegerField(_("boarding time (min)"), default=2)
    notify_shift_minutes = models.PositiveSmallIntegerField(
        _("tell passengers of a pick-up moved by more than (min)"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("A re-planned pick-up that moves less than this is not worth a message."),
    )
    # No-show and late-cancellation policy.
    warning_after = models.PositiveSmallIntegerField(
        _("warning after (incidents)"), default=1, validators=[MinValueValidator(1)]
    )
    restrict_after = models.PositiveSmallIntegerField(
        _("restriction after (incidents)"), default=3, validators=[MinValueValidator(1)]
    )
    restriction_days = models.PositiveSmallIntegerField(_("restriction length (days)"), default=30)
    incident_period_days = models.PositiveSmallIntegerField(
        _("incidents counted over (days)"), default=90
    )
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("on-demand service")
        verbose_name_plural = _("on-demand services")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def runs_on(self, day: date) -> bool:
        return self.runs_on_weekday(day.isoweekday())

    def runs_on_weekday(self, weekday: int) -> bool:
        return str(weekday) in self.days

    def zone_commune_ids(self) -> set[int]:
        ids = set(self.communes.values_list("pk", flat=True))
        if self.area_id:
            ids.update(self.area.communes.values_list("pk", flat=True))  # type: ignore[union-attr]
        return ids

    def fare_for(self, distance_m: float, passengers: int) -> Decimal:
        if self.fare_kind == self.Fare.FIXED:
            return (self.fare_amount * passengers).quantize(Decimal("0.01"))
        if self.fare_kind == self.Fare.PER_KM:
            km = Decimal(str(round(distance_m / 1000, 1)))
            return (self.fare_amount * km * passengers).quantize(Decimal("0.01"))
        return Decimal("0.00")


class Stop(models.Model):
    """A territory place served by the service (a village square, the market, the doctor)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="stops")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="ondemand_stops")
    instructions = models.CharField(_("where to wait"), max_length=250, blank=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["place__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "place"], name="ondemand_one_stop_per_place")
        ]

    def __str__(self) -> str:
        return self.place.name


class Vehicle(models.Model):
    class Kind(models.TextChoices):
        CAR = "car", _("Car")
        ELECTRIC_CAR = "electric_car", _("Electric car")
        MINIBUS = "minibus", _("Minibus")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ondemand_vehicles"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CAR)
    registration = models.CharField(_("number plate"), max_length=20, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("passenger seats"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    wheelchair_places = models.PositiveSmallIntegerField(_("wheelchair places"), default=0)
    home_base = models.ForeignKey(
        Place, verbose_name=_("home base"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Driver(models.Model):
    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", _("Volunteer")
        SALARIED = "salaried", _("Salaried")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ondemand_drivers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ondemand_drivers"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VOLUNTEER)
    home = models.ForeignKey(
        Place, verbose_name=_("home (nearest place)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    max_distance_km = models.PositiveSmallIntegerField(
        _("maximum distance from home (km)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="ondemand_one_driver")
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or f"#{self.pk}"

    def hours_on(self, day: date) -> tuple[time, time] | None:
        """Availability on ``day``: an exception wins over the weekly grid; None when away."""
        exception = self.exceptions.filter(date=day).first()
        if exception is not None:
            if not exception.available:
                return None
            return exception.start_time or time(0), exception.end_time or time(23, 59)
        slots = list(self.availabilities.filter(weekday=day.isoweekday()))
        if not slots:
            return None
        return min(s.start_time for s in slots), max(s.end_time for s in slots)


class Availability(models.Model):
    """One slot of a driver's weekly availability grid."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="availabilities")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))

    class Meta:
        verbose_name = _("availability")
        ordering = ["weekday", "start_time"]


class AvailabilityException(models.Model):
    """A date when the driver is away (or available at other hours than usual)."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="exceptions")
    date = models.DateField(_("date"))
    available = models.BooleanField(_("available"), default=False)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("availability exception")
        ordering = ["date"]


class BeneficiaryQuerySet(models.QuerySet["Beneficiary"]):
    def search(self, query: str) -> BeneficiaryQuerySet:
        q = models.Q()
        for word in query.split():
            q &= (
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Q(phone__icontains=word)
                | models.Q(email__icontains=word)
            )
        return self.filter(q)


class Beneficiary(models.Model):
    """A person who rides: registered by an operator (maybe without email) or by themselves."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ondemand_beneficiaries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="ondemand_beneficiaries",
    )  # fmt: skip
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), null=True, blank=True, on_delete=models.SET_NULL
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    uses_wheelchair = models.BooleanField(_("uses a wheelchair"), default=False)
    notes = models.TextField(_("notes for the driver"), blank=True)
    is_registered = models.BooleanField(
        _("registered"), default=False, help_text=_("Checked by the organisation.")
    )
    sms_ok = models.BooleanField(_("accepts text messages"), default=True)
    # People registered by phone have no account: their language is kept here for messages.
    language = models.CharField(
        _("language"), max_length=5, choices=User.Language.choices, default=User.Language.FR
    )
    restricted_until = models.DateField(_("restricted until"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="ondemand_one_beneficiary_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def is_restricted(self, day: date) -> bool:
        return self.restricted_until is not None and day <= self.restricted_until


class ServiceDay(models.Model):
    """The plan of one service on one date: the row every plan write locks."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="days_planned")
    date = models.DateField(_("date"))
    version = models.PositiveIntegerField(default=0)  # +1 at every plan write
    optimised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "date"], name="ondemand_one_day_plan")
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.date}"


class Run(models.Model):
    """One vehicle with its driver on one date: the stops it makes, in order."""

    class Status(models.TextChoices):
        # A run is "une tournée" (feminine in French): contexts let translators agree.
        PROPOSED = "proposed", pgettext_lazy("run status", "Proposed to the driver")
        ACCEPTED = "accepted", pgettext_lazy("run status", "Accepted")
        DECLINED = "declined", pgettext_lazy("run status", "Declined")
        DONE = "done", pgettext_lazy("run status", "Done")

    day = models.ForeignKey(ServiceDay, on_delete=models.CASCADE, related_name="runs")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="runs")
    driver = models.ForeignKey(
        Driver, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    shift_start = models.DateTimeField(_("shift start"))
    shift_end = models.DateTimeField(_("shift end"))
    departure = models.DateTimeField(null=True, blank=True)
    arrival = models.DateTimeField(null=True, blank=True)
    distance_m = models.FloatField(default=0)

    class Meta:
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        ordering = ["day__date", "vehicle__name"]
        constraints = [
            models.UniqueConstraint(fields=["day", "vehicle"], name="ondemand_one_run_per_vehicle")
        ]

    def __str__(self) -> str:
        return f"{self.vehicle} {self.day.date}"

    def vehicle_conflict(self) -> Run | None:
        """Another usable run of the same vehicle whose shift overlaps this one, on any service.

        A vehicle may serve two services (or two runs) on one day, one after the other, never
        at the same time. On PostgreSQL an exclusion constraint (migration 0002) backs this up.
        """
        if not self.vehicle_id or not self.shift_start or not self.shift_end:
            return None
        return (
            Run.objects.filter(
                vehicle_id=self.vehicle_id,
                shift_start__lt=self.shift_end,
                shift_end__gt=self.shift_start,
            )
            .exclude(status=self.Status.DECLINED)
            .exclude(pk=self.pk or 0)
            .select_related("day__service")
            .first()
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.shift_start and self.shift_end and self.shift_end <= self.shift_start:
            raise ValidationError({"shift_end": _("The shift must end after it starts.")})
        other = self.vehicle_conflict() if self.status != self.Status.DECLINED else None
        if other is not None:
            raise ValidationError({"vehicle": vehicle_busy_message(other)})


def vehicle_busy_message(other: Run) -> str:
    """Why a vehicle cannot take a run: it is already used by ``other`` at that time."""
    from django.utils.formats import time_format

    return _("%(vehicle)s is already used by %(service)s from %(start)s to %(end)s that day.") % {
        "vehicle": other.vehicle.name,
        "service": other.day.service.name,
        "start": time_format(timezone.localtime(other.shift_start), "H:i"),
        "end": time_format(timezone.localtime(other.shift_end), "H:i"),
    }


class RideBookingQuerySet(models.QuerySet["Booking"]):
    def live(self) -> RideBookingQuerySet:
        return self.filter(status__in=Booking.LIVE)

    def for_user(self, user: Any) -> RideBookingQuerySet:
        return self.filter(beneficiary__user=user)


class Booking(models.Model):
    """A trip asked for by a beneficiary on one date."""

    class TimeKind(models.TextChoices):
        LEAVE_AT = "leave_at", _("Leave at")
        ARRIVE_BY = "arrive_by", _("Arrive by")

    class Status(models.TextChoices):
        # A booking is "une réservation" (feminine in French), a trip "un trajet".
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        UNSERVED = "unserved", pgettext_lazy("booking status", "Could not be served")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
        PICKED_UP = "picked_up", pgettext_lazy("booking status", "On board")
        COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
        NO_SHOW = "no_show", pgettext_lazy("booking status", "No-show")

    LIVE = (Status.CONFIRMED, Status.PICKED_UP)

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.PROTECT, related_name="bookings")
    date = models.DateField(_("date"))
    origin_stop = models.ForeignKey(
        Stop, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin_label = models.CharField(_("from"), max_length=250)
    origin_lat = models.FloatField(validators=LATITUDE)
    origin_lon = models.FloatField(validators=LONGITUDE)
    destination_stop = models.ForeignKey(
        Stop, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    destination_label = models.CharField(_("to"), max_length=250)
    destination_lat = models.FloatField(validators=LATITUDE)
    destination_lon = models.FloatField(validators=LONGITUDE)
    time_kind = models.CharField(max_length=10, choices=TimeKind.choices)
    requested_time = models.DateTimeField(_("requested time"))
    passengers = models.PositiveSmallIntegerField(_("passengers"), default=1)
    wheelchair = models.BooleanField(_("wheelchair"), default=False)
    companion = models.BooleanField(_("with a companion"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    run = models.ForeignKey(
        Run, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    # The promise made to the passenger: pick-up within [window_start, window_end].
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    planned_pickup = models.DateTimeField(null=True, blank=True)
    planned_dropoff = models.DateTimeField(null=True, blank=True)
    # The pick-up time last told to the passenger: a re-plan moving the pick-up further than
    # the service's ``notify_shift_minutes`` from it sends them a message (notices.py).
    notified_pickup = models.DateTimeField(null=True, blank=True)
    direct_distance_m = models.FloatField(default=0)
    fare = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    recurring = models.ForeignKey(
        "RecurringBooking", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="bookings",
    )  # fmt: skip
    note = models.CharField(_("note for the driver"), max_length=250, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    late_cancellation = models.BooleanField(default=False)
    picked_up_at = models.DateTimeField(null=True, blank=True)
    dropped_off_at = models.DateTimeField(null=True, blank=True)

    objects = RideBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["date", "requested_time"]
        indexes = [models.Index(fields=["service", "date", "status"])]

    def __str__(self) -> str:
        return f"{self.origin_label} → {self.destination_label} ({self.date})"

    @property
    def seats(self) -> int:
        """Seats taken: passengers and companion, but a wheelchair user sits in their chair."""
        return self.passengers + int(self.companion) - int(self.wheelchair)

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    def cancellable(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        start = self.window_start or self.requested_time
        return self.status == self.Status.CONFIRMED and start > now


class RunStop(models.Model):
    """A pick-up or drop-off in a run, in order, with its planned time."""

    class Kind(models.TextChoices):
        PICKUP = "pickup", _("Pick-up")
        DROPOFF = "dropoff", _("Drop-off")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="stops")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="run_stops")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField()
    planned_time = models.DateTimeField()

    class Meta:
        ordering = ["run", "sequence"]

    @property
    def is_pickup(self) -> bool:
        return self.kind == self.Kind.PICKUP


class RecurringBooking(models.Model):
    """Every Tuesday to the market: bookings generated for each matching date."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="recurring")
    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="recurring")
    weekdays = models.CharField(_("days"), max_length=7, validators=[weekday_string_validator])
    origin_stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="+")
    destination_stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="+")
    time_kind = models.CharField(max_length=10, choices=Booking.TimeKind.choices)
    time = models.TimeField(_("time"))
    passengers = models.PositiveSmallIntegerField(_("passengers"), default=1)
    wheelchair = models.BooleanField(_("wheelchair"), default=False)
    companion = models.BooleanField(_("with a companion"), default=False)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")

    def __str__(self) -> str:
        return f"{self.origin_stop} → {self.destination_stop} ({self.weekdays})"

    def occurs_on(self, day: date) -> bool:
        if day < self.start_date or (self.end_date and day > self.end_date):
            return False
        return str(day.isoweekday()) in self.weekdays


class Incident(models.Model):
    """A no-show or a late cancellation, counted by the service's policy."""

    class Kind(models.TextChoices):
        NO_SHOW = "no_show", _("No-show")
        LATE_CANCELLATION = "late_cancellation", _("Late cancellation")

    beneficiary = models.ForeignKey(Beneficiary, on_delete=models.CASCADE, related_name="incidents")
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="incident")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-created"]


class PlanProposal(models.Model):
    """A re-optimised plan waiting for the operator's validation (never applied silently)."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("plan status", "Waiting for validation")
        APPLIED = "applied", pgettext_lazy("plan status", "Applied")
        DISCARDED = "discarded", pgettext_lazy("plan status", "Discarded")
        STALE = "stale", pgettext_lazy("plan status", "Outdated: bookings changed since")

    day = models.ForeignKey(ServiceDay, on_delete=models.CASCADE, related_name="proposals")
    based_on_version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # [{"run": pk, "departure": s, "arrival": s, "stops": [[booking pk, is_pickup, s], ...]}]
    routes = models.JSONField(default=list)
    distance_before_m = models.FloatField()
    distance_after_m = models.FloatField()
    placed_before = models.PositiveIntegerField(default=0)
    placed_after = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    @property
    def saving_m(self) -> float:
        return self.distance_before_m - self.distance_after_m
