"""Impact: emission factors (versioned), monthly indicators, challenges, event carpooling and
the guaranteed ride home. See docs/impact.md."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.accounts.models import Organisation
from smartvillage.territory.models import Commune


def _km() -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(max_digits=14, decimal_places=1, default=Decimal("0.0"))


class EmissionFactorSetQuerySet(models.QuerySet["EmissionFactorSet"]):
    def current(self) -> EmissionFactorSet | None:
        return self.filter(is_current=True).first()


class EmissionFactorSet(models.Model):
    """One version of the emission factors, with where its values come from."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("source address"))
    source_date = models.DateField(_("date of the source"))
    notes = models.TextField(_("notes"), blank=True)
    is_current = models.BooleanField(_("current version"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = EmissionFactorSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("emission factor version")
        verbose_name_plural = _("emission factor versions")
        ordering = ["-source_date", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="impact_one_current_set"
            )
        ]

    def __str__(self) -> str:
        return self.version


class EmissionFactor(models.Model):
    class Unit(models.TextChoices):
        VEHICLE_KM = "vehicle-km", _("per vehicle-km")
        PASSENGER_KM = "passenger-km", _("per passenger-km")

    factor_set = models.ForeignKey(
        EmissionFactorSet, on_delete=models.CASCADE, related_name="factors"
    )
    mode = models.CharField(_("mode"), max_length=30)
    label = models.CharField(_("label"), max_length=120)
    kg_per_km = models.DecimalField(
        _("kg CO2e per km"), max_digits=8, decimal_places=5, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)

    class Meta:
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        ordering = ["factor_set", "mode"]
        constraints = [
            models.UniqueConstraint(
                fields=["factor_set", "mode"], name="impact_one_factor_per_mode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mode} {self.kg_per_km}"


class Figures(models.Model):
    """The summed counters of the indicators interface (core/indicators.py)."""

    service = models.CharField(max_length=30)
    month = models.DateField()
    trips = models.PositiveIntegerField(default=0)
    shared_trips = models.PositiveIntegerField(default=0)
    vehicle_trips = models.PositiveIntegerField(default=0)
    occupants = models.PositiveIntegerField(default=0)
    desk_days = models.PositiveIntegerField(default=0)
    passenger_km = _km()
    car_km_avoided = _km()
    co2_avoided_kg = _km()
    # The emission-factor version that made co2_avoided_kg.
    factor_version = models.CharField(max_length=40)

    class Meta:
        abstract = True

    @property
    def occupancy(self) -> Decimal | None:
        if not self.vehicle_trips:
            return None
        return (Decimal(self.occupants) / self.vehicle_trips).quantize(Decimal("0.01"))


class MonthlyIndicator(Figures):
    """Service × commune × month, pre-aggregated by ``recompute_impact``."""

    commune_insee = models.CharField(max_length=5, blank=True)
    people_served = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("monthly indicator")
        verbose_name_plural = _("monthly indicators")
        ordering = ["month", "service", "commune_insee"]
        indexes = [models.Index(fields=["month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "commune_insee", "month"], name="impact_one_row_per_month"
            )
        ]


class MemberMonthlyIndicator(Figures):
    """Member × service × commune × month: "my impact" and the challenges' progress (a
    challenge may count some communes only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_months"
    )
    commune_insee = models.CharField(max_length=5, blank=True)

    class Meta:
        verbose_name = _("member's monthly indicator")
        verbose_name_plural = _("members' monthly indicators")
        ordering = ["user", "month", "service"]
        indexes = [models.Index(fields=["month", "user"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "service", "commune_insee", "month"],
                name="impact_one_member_row_per_month",
            )
        ]


class ChallengeQuerySet(models.QuerySet["Challenge"]):
    def published(self) -> ChallengeQuerySet:
        return self.filter(is_published=True)


class Challenge(models.Model):
    """A community challenge: "1,000 car-free km in March in the Royans"."""

    class Metric(models.TextChoices):
        CAR_KM_AVOIDED = "car_km_avoided", _("car km avoided")
        CO2_AVOIDED_KG = "co2_avoided_kg", _("kg CO2e avoided")
        SHARED_TRIPS = "shared_trips", _("shared trips")
        DESK_DAYS = "desk_days", _("days at a third place")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="impact_challenges"
    )
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    metric = models.CharField(_("counted"), max_length=20, choices=Metric.choices)
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=1, validators=[MinValueValidator(1)]
    )
    # Whole months: the indicators are monthly.
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    communes = models.ManyToManyField(
        Commune, verbose_name=_("communes"), blank=True, related_name="+",
        help_text=_("Empty: the whole territory."),
    )  # fmt: skip
    is_published = models.BooleanField(_("published"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-first_month", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_month__gte=models.F("first_month")),
                name="impact_challenge_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """A member who opted in; their team is their commune when they joined."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_participations"
    )
    commune = models.ForeignKey(
        Commune, verbose_name=_("team"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    joined = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="impact_join_once")
        ]


class CarpoolEvent(models.Model):
    """An event with its carpooling kit: from the agenda (``event_key``) or standalone."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="impact_events"
    )
    slug = models.SlugField(_("short name"), unique=True)
    event_key = models.CharField(_("agenda event"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=150)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place_name = models.CharField(_("place"), max_length=200)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event carpooling kit")
        verbose_name_plural = _("event carpooling kits")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="impact_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventCarpool(models.Model):
    """A seat offered or asked for, to or from an event."""

    class Kind(models.TextChoices):
        OFFER = "offer", pgettext_lazy("carpool", "I offer seats")
        REQUEST = "request", pgettext_lazy("carpool", "I am looking for a seat")

    class Direction(models.TextChoices):
        TO = "to", pgettext_lazy("carpool", "To the event")
        FROM = "from", pgettext_lazy("carpool", "Back from the event")

    event = models.ForeignKey(CarpoolEvent, on_delete=models.CASCADE, related_name="carpools")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_event_carpools"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    commune = models.ForeignKey(
        Commune, verbose_name=_("from or to the commune"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1)]
    )
    departure_at = models.DateTimeField(_("departure"))
    comment = models.CharField(_("comment"), max_length=250, blank=True)
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event carpool")
        verbose_name_plural = _("event carpools")
        ordering = ["departure_at"]


class RideHome(models.Model):
    """A guaranteed ride home asked for, and what came of it."""

    class Status(models.TextChoices):
        BOOKED = "booked", pgettext_lazy("ride home", "Booked")
        REFUSED = "refused", pgettext_lazy("ride home", "Could not be booked")
        CANCELLED = "cancelled", pgettext_lazy("ride home", "Cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="impact_rides_home"
    )
    origin_label = models.CharField(_("where I am"), max_length=200)
    origin_lat = models.FloatField()
    origin_lon = models.FloatField()
    destination_label = models.CharField(_("home"), max_length=200)
    destination_lat = models.FloatField()
    destination_lon = models.FloatField()
    wanted_at = models.DateTimeField(_("when"))
    status = models.CharField(max_length=10, choices=Status.choices)
    reference = models.CharField(max_length=60, blank=True)
    reason = models.CharField(max_length=250, blank=True)
    pickup_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guaranteed ride home")
        verbose_name_plural = _("guaranteed rides home")
        ordering = ["-created"]
