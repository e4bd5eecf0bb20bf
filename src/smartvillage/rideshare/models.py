"""Organised hitchhiking and carpooling (Rezo Pouce style).

Members (16+, charter, ID checked by a relay), vehicles with stickers, stops, trips offered by
drivers (regular or one-off), passengers' requests, contacts between them, live hitchhiking
requests at a stop, shared rides (the proof of carpooling), and the safety tools (reports,
blocks, ratings). Positions are rounded when stored (``round_position``) and coarsened after
the retention period (``purge_rideshare_positions``).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.accounts.models import Organisation
from smartvillage.territory.models import LATITUDE, LONGITUDE

PHOTO = [FileExtensionValidator(["jpg", "jpeg", "png", "webp"])]
#: Positions kept at 3 decimals (about 100 m): enough to match and to meet at a stop.
POSITION_DECIMALS = 3


def round_position(value: float | None, decimals: int = POSITION_DECIMALS) -> float | None:
    return None if value is None else round(float(value), decimals)


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class Relay(models.Model):
    """An organisation whose staff (admins, operators) check IDs, manage stops and moderate."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="rideshare_relay"
    )
    address = models.CharField(_("where to show your ID"), max_length=250, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=250, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("relay")
        verbose_name_plural = _("relays")

    def __str__(self) -> str:
        return self.organisation.name


class MemberQuerySet(models.QuerySet["Member"]):
    def validated(self) -> MemberQuerySet:
        return self.filter(status=Member.Status.VALIDATED)


class Member(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the ID check")
        VALIDATED = "validated", pgettext_lazy("member", "Validated")
        SUSPENDED = "suspended", pgettext_lazy("member", "Suspended")

    class NotifyBy(models.TextChoices):
        EMAIL = "email", _("By email")
        SMS = "sms", _("By text message (SMS)")
        NONE = "none", _("Not at all (I look at my space)")

    class IdDocument(models.TextChoices):
        ID_CARD = "id_card", _("Identity card")
        PASSPORT = "passport", _("Passport")
        DRIVING_LICENCE = "driving_licence", _("Driving licence")
        RESIDENCE_PERMIT = "residence_permit", _("Residence permit")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rideshare_member"
    )
    number = models.CharField(_("member number"), max_length=20, unique=True, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    guardian_name = models.CharField(_("parent or guardian"), max_length=150, blank=True)
    guardian_consent_at = models.DateTimeField(_("parental consent given"), null=True, blank=True)
    charter_version = models.CharField(_("charter version accepted"), max_length=20)
    charter_accepted_at = models.DateTimeField(_("charter accepted"))
    photo = models.FileField(
        _("photo"), upload_to="rideshare/members/", blank=True, validators=PHOTO
    )
    is_driver = models.BooleanField(_("I also drive"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    relay = models.ForeignKey(
        Relay, verbose_name=_("relay"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # What was checked and by whom; the document's number is not kept (data minimisation).
    id_document = models.CharField(
        _("ID document checked"), max_length=20, choices=IdDocument.choices, blank=True
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    suspended_reason = models.CharField(_("reason for suspension"), max_length=250, blank=True)
    notify_by = models.CharField(
        _("notify me"), max_length=10, choices=NotifyBy.choices, default=NotifyBy.EMAIL
    )
    # Bumped to revoke every printed card (lost card, suspension): old QR codes stop verifying.
    card_version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("rideshare member")
        verbose_name_plural = _("rideshare members")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number or f"member #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        if not self.number:
            self.number = f"RP-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(number=self.number)

    @property
    def is_validated(self) -> bool:
        return self.status == self.Status.VALIDATED

    @property
    def first_name(self) -> str:
        return self.user.first_name or _("Member")  # type: ignore[return-value]


class Vehicle(models.Model):
    owner = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="vehicles")
    plate = models.CharField(_("number plate"), max_length=15)
    colour = models.CharField(_("colour"), max_length=40)
    model = models.CharField(_("make and model"), max_length=80)
    sticker_number = models.CharField(_("sticker number"), max_length=20, unique=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.model} {self.colour} ({self.plate})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.plate = self.plate.upper().replace(" ", "")
        super().save(*args, **kwargs)
        if not self.sticker_number:
            self.sticker_number = f"AU-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(sticker_number=self.sticker_number)


class StopQuerySet(models.QuerySet["Stop"]):
    def active(self) -> StopQuerySet:
        return self.filter(is_active=True)


class Stop(models.Model):
    """A signed hitchhiking stop ("arrêt sur le pouce") at a place of the territory."""

    place = models.OneToOneField(
        "territory.Place", verbose_name=_("place"), on_delete=models.PROTECT, related_name="+"
    )
    relay = models.ForeignKey(
        Relay, verbose_name=_("managed by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    directions = models.CharField(
        _("directions served"),
        max_length=250,
        help_text=_("Comma-separated destinations, as on the destination cards."),
    )
    has_shelter = models.BooleanField(_("shelter"), default=False)
    photo = models.FileField(_("photo"), upload_to="rideshare/stops/", blank=True, validators=PHOTO)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility = models.CharField(_("accessibility notes"), max_length=250, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The BNLC export's date_maj.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = StopQuerySet.as_manager()

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["place__name"]

    def __str__(self) -> str:
        return self.place.name

    @property
    def direction_list(self) -> list[str]:
        return [d.strip() for d in self.directions.split(",") if d.strip()]

    @property
    def point(self) -> tuple[float, float]:
        return (self.place.latitude, self.place.longitude)


class TripQuerySet(models.QuerySet["Trip"]):
    def active(self) -> TripQuerySet:
        return self.filter(status=Trip.Status.ACTIVE)


class Trip(models.Model):
    """A driver's offer: one-off (a date and time) or regular (weekdays and a time)."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", pgettext_lazy("trip", "One-off")
        REGULAR = "regular", pgettext_lazy("trip", "Regular")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("trip", "Active")
        CANCELLED = "cancelled", pgettext_lazy("trip", "Cancelled")

    driver = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="trips")
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="trips")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    origin_label = models.CharField(pgettext_lazy("place", "from"), max_length=150)
    origin_lat = models.FloatField(validators=LATITUDE, null=True)
    origin_lon = models.FloatField(validators=LONGITUDE, null=True)
    destination_label = models.CharField(pgettext_lazy("place", "to"), max_length=150)
    destination_lat = models.FloatField(validators=LATITUDE, null=True)
    destination_lon = models.FloatField(validators=LONGITUDE, null=True)
    via = models.ManyToManyField(Stop, verbose_name=_("via stops"), blank=True, related_name="+")
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    departure_time = models.TimeField(_("departure time"), null=True, blank=True)
    weekdays = models.CharField(
        _("days"), max_length=7, blank=True, help_text=_("ISO weekdays, 1 = Monday … 7 = Sunday.")
    )
    valid_until = models.DateField(pgettext_lazy("time", "until"), null=True, blank=True)
    flex_minutes = models.PositiveSmallIntegerField(
        _("flexibility (minutes)"), default=10, validators=[MaxValueValidator(120)]
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    comment = models.CharField(_("comment"), max_length=250, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created = models.DateTimeField(auto_now_add=True)

    objects = TripQuerySet.as_manager()

    class Meta:
        verbose_name = _("trip offer")
        verbose_name_plural = _("trip offers")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.origin_label} → {self.destination_label}"

    def weekday_numbers(self) -> list[int]:
        return [int(d) for d in self.weekdays if d.isdigit()]


class RideRequest(models.Model):
    """A passenger's carpool request: from, to, when."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("request", "Open")
        CANCELLED = "cancelled", pgettext_lazy("request", "Cancelled")

    passenger = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="requests")
    origin_label = models.CharField(pgettext_lazy("place", "from"), max_length=150)
    origin_lat = models.FloatField(validators=LATITUDE, null=True)
    origin_lon = models.FloatField(validators=LONGITUDE, null=True)
    destination_label = models.CharField(pgettext_lazy("place", "to"), max_length=150)
    destination_lat = models.FloatField(validators=LATITUDE, null=True)
    destination_lon = models.FloatField(validators=LONGITUDE, null=True)
    departure_at = models.DateTimeField(_("wanted departure"))
    flex_minutes = models.PositiveSmallIntegerField(
        _("flexibility (minutes)"), default=30, validators=[MaxValueValidator(180)]
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ride request")
        verbose_name_plural = _("ride requests")
        ordering = ["-departure_at"]

    def __str__(self) -> str:
        return f"{self.origin_label} → {self.destination_label}"


class Contact(models.Model):
    """A passenger and a driver in touch about a trip. Phones are shown once both agree."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("contact", "Proposed")
        ACCEPTED = "accepted", pgettext_lazy("contact", "Accepted")
        DECLINED = "declined", pgettext_lazy("contact", "Declined")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="contacts")
    request = models.ForeignKey(
        RideRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    passenger = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="contacts")
    ride_on = models.DateField(_("date of the ride"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    driver_shares_phone = models.BooleanField(default=False)
    passenger_shares_phone = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "passenger", "ride_on"], name="rideshare_one_contact_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trip} ({self.ride_on})"

    @property
    def phones_visible(self) -> bool:
        return self.driver_shares_phone and self.passenger_shares_phone


class Message(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=1000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created"]

    def __str__(self) -> str:
        return f"{self.sender} ({self.created:%Y-%m-%d %H:%M})"


class HitchRequest(models.Model):
    """ "I am at stop X going to Y", valid for a few minutes; the first driver to accept wins."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a driver")
        ACCEPTED = "accepted", _("A driver is coming")
        BOARDED = "boarded", pgettext_lazy("hitchhiking request", "On board")
        CANCELLED = "cancelled", pgettext_lazy("hitchhiking request", "Cancelled")

    passenger = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="hitches")
    stop = models.ForeignKey(Stop, on_delete=models.PROTECT, related_name="hitches")
    destination = models.ForeignKey(Stop, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    driver = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="hitches_accepted"
    )
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.SET_NULL)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hitchhiking request")
        verbose_name_plural = _("hitchhiking requests")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.stop} → {self.destination}"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.WAITING and self.expires_at > timezone.now()


class Notification(models.Model):
    """A driver told about a waiting hitchhiker on their way: always on their dashboard, and by
    email or SMS (``channel``, ``sent_at``) when their preference and the rate limit allow."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notifications")
    hitch = models.ForeignKey(HitchRequest, on_delete=models.CASCADE, related_name="notifications")
    trip = models.ForeignKey(Trip, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # "email" or "sms" when an alert left the platform; "" when only shown on the dashboard.
    channel = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hitchhiker alert")
        verbose_name_plural = _("hitchhiker alerts")
        ordering = ["-created"]
        indexes = [models.Index(fields=["member", "sent_at"], name="rideshare_notif_sent")]
        constraints = [
            models.UniqueConstraint(fields=["member", "hitch"], name="rideshare_notify_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} ← {self.hitch}"


def _share_token() -> str:
    return secrets.token_urlsafe(24)


class RideQuerySet(models.QuerySet["Ride"]):
    def proven(self) -> RideQuerySet:
        """Rides confirmed by both sides: the ones that count and go to the proof registry."""
        return self.filter(
            driver_confirmed_at__isnull=False,
            passenger_confirmed_at__isnull=False,
            status=Ride.Status.COMPLETED,
        )

    def for_member(self, member: Member) -> RideQuerySet:
        return self.filter(models.Q(driver=member) | models.Q(passenger=member))


class Ride(models.Model):
    """One shared journey, from boarding to arrival: the carpool proof."""

    class Status(models.TextChoices):
        ONGOING = "ongoing", pgettext_lazy("ride", "On the way")
        COMPLETED = "completed", pgettext_lazy("ride", "Arrived")
        CANCELLED = "cancelled", pgettext_lazy("ride", "Cancelled")

    journey_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    driver = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="rides_driven")
    passenger = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="rides_taken")
    vehicle = models.ForeignKey(Vehicle, null=True, on_delete=models.SET_NULL, related_name="+")
    hitch = models.OneToOneField(
        HitchRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="ride"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="rides"
    )
    seats = models.PositiveSmallIntegerField(default=1)
    # What the passenger paid the driver, in euro cents (0: a free ride, as in Rezo Pouce).
    contribution_cents = models.PositiveIntegerField(_("costs shared (cents)"), default=0)
    start_label = models.CharField(max_length=150)
    start_lat = models.FloatField(null=True)
    start_lon = models.FloatField(null=True)
    start_insee = models.CharField(max_length=5, blank=True)
    end_label = models.CharField(max_length=150)
    end_lat = models.FloatField(null=True)
    end_lon = models.FloatField(null=True)
    end_insee = models.CharField(max_length=5, blank=True)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    distance_m = models.PositiveIntegerField(default=0)
    driver_confirmed_at = models.DateTimeField(null=True, blank=True)
    passenger_confirmed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ONGOING)
    share_token = models.CharField(max_length=40, default=_share_token, unique=True)
    positions_coarsened = models.BooleanField(default=False)

    objects = RideQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared ride")
        verbose_name_plural = _("shared rides")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.start_label} → {self.end_label}"

    def other(self, member: Member) -> Member:
        return self.passenger if member.pk == self.driver_id else self.driver


class Block(models.Model):
    blocker = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="blocked_by")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="rideshare_block_once")
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("report", "To review")
        DISMISSED = "dismissed", pgettext_lazy("report", "Dismissed")
        SUSPENDED = "suspended", pgettext_lazy("report", "Member suspended")

    reporter = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reports_made")
    reported = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reports_received")
    ride = models.ForeignKey(Ride, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("what happened"), max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.reported} ({self.created:%Y-%m-%d})"


class Rating(models.Model):
    ride = models.ForeignKey(Ride, on_delete=models.CASCADE, related_name="ratings")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ratings_given")
    subject = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="ratings_received")
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["ride", "author"], name="rideshare_rate_once")
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.score}/5"
