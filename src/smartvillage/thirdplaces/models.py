"""Third places (tiers-lieux): places, opening hours, spaces, bookings, passes, events.

Integrity (docs/locking.md): a write to a space's bookings locks the ``Space`` row and re-checks
capacity under the lock; a registration locks the ``Event`` row. On PostgreSQL an exclusion
constraint (migration 0002) also rejects two live *exclusive* bookings (rooms, machines) of one
space whose ``[starts_at, ends_at)`` overlap; desks (capacity > 1) rely on the lock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.accounts.models import Organisation
from smartvillage.core.booking import overlap_q
from smartvillage.territory.models import LATITUDE, LONGITUDE

MONEY: dict[str, Any] = {
    "max_digits": 9,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"))],
}

# The services a third place may offer: one boolean field each (filterable on every database).
SERVICES: dict[str, Any] = {
    "coworking": _("Coworking desks"),
    "meeting_rooms": _("Meeting rooms"),
    "fablab": _("Fablab machines"),
    "cafe": _("Café"),
    "digital_help": _("Digital help desk"),
    "events": _("Events"),
}


class ThirdPlaceQuerySet(models.QuerySet["ThirdPlace"]):
    def published(self) -> ThirdPlaceQuerySet:
        return self.filter(is_published=True)

    def offering(self, service: str) -> ThirdPlaceQuerySet:
        if service not in SERVICES:
            return self.none()
        return self.filter(**{f"has_{service}": True})


class ThirdPlace(models.Model):
    """A third place of the network, run by an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("managing organisation"),
        on_delete=models.CASCADE,
        related_name="third_places",
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "territory.Place",
        verbose_name=_("place on the territory map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, toilets, parking, hearing loop, public transport…"),
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    has_coworking = models.BooleanField(SERVICES["coworking"], default=False)
    has_meeting_rooms = models.BooleanField(SERVICES["meeting_rooms"], default=False)
    has_fablab = models.BooleanField(SERVICES["fablab"], default=False)
    has_cafe = models.BooleanField(SERVICES["cafe"], default=False)
    has_digital_help = models.BooleanField(SERVICES["digital_help"], default=False)
    has_events = models.BooleanField(SERVICES["events"], default=False)
    closed_on_public_holidays = models.BooleanField(
        _("closed on French public holidays"), default=True
    )
    midday = models.TimeField(
        _("end of the morning half-day"),
        default=time(13, 0),
        help_text=_("Desks are booked by the morning (until this time), the afternoon or the day."),
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("bookings open this many days ahead"), default=60
    )
    cancellation_deadline = models.DurationField(
        _("free cancellation until"),
        default=timedelta(hours=2),
        help_text=_("Members may change or cancel a booking until this time before its start."),
    )
    members_only = models.BooleanField(
        _("only members of the organisation may book"), default=False
    )
    is_published = models.BooleanField(_("published in the directory"), default=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)
    objects = ThirdPlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("third place")
        verbose_name_plural = _("third places")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def services(self) -> list[str]:
        return [key for key in SERVICES if getattr(self, f"has_{key}")]

    @property
    def service_labels(self) -> list[str]:
        return [str(SERVICES[key]) for key in self.services]


class OpeningHours(models.Model):
    """One opening interval on a weekday; several per day for a lunch break.

    ``closes`` at 00:00 means "until midnight" (a fablab open through the night has
    00:00–00:00 on consecutive days).
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    third_place = models.ForeignKey(
        ThirdPlace, on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("00:00 means midnight."))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """Days the place is closed (holidays of the team, works), both dates included."""

    third_place = models.ForeignKey(ThirdPlace, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until (included)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="closure_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.third_place} {self.first_day}–{self.last_day}"


class Photo(models.Model):
    third_place = models.ForeignKey(ThirdPlace, on_delete=models.CASCADE, related_name="photos")
    # ImageField: Pillow checks on upload that the file is an image (forms.PhotoForm adds the
    # size and format limits).
    image = models.ImageField(_("photo"), upload_to="thirdplaces/photos/")
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("Read aloud by screen readers: what the photo shows."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class Space(models.Model):
    """A bookable space: an open space of desks (shared capacity) or an exclusive room/machine."""

    class Kind(models.TextChoices):
        DESKS = "desks", _("Open-space desks")
        ROOM = "room", _("Meeting room")
        MACHINE = "machine", _("Machine")

    third_place = models.ForeignKey(ThirdPlace, on_delete=models.CASCADE, related_name="spaces")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Desks of an open space; seats of a room (a room is booked as a whole)."),
    )
    price_hour = models.DecimalField(_("price per hour (€)"), default=Decimal("0"), **MONEY)
    price_half_day = models.DecimalField(
        _("price per desk and half-day (€)"), default=Decimal("0"), **MONEY
    )
    price_day = models.DecimalField(_("price per desk and day (€)"), default=Decimal("0"), **MONEY)
    min_hours = models.PositiveSmallIntegerField(_("minimum booking (hours)"), default=1)
    max_hours = models.PositiveSmallIntegerField(_("maximum booking (hours)"), default=10)
    is_active = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["third_place__name", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.third_place} — {self.name}"

    @property
    def is_exclusive(self) -> bool:
        """Rooms and machines are booked by one person at a time, by the hour."""
        return self.kind != self.Kind.DESKS


class PassProduct(models.Model):
    """What a place sells for its desks: a day pass, a 10-visit card, a monthly membership."""

    class Kind(models.TextChoices):
        DAY_PASS = "day_pass", _("Day pass")
        CARD = "card", _("Visit card")
        MONTHLY = "monthly", _("Monthly membership")

    third_place = models.ForeignKey(
        ThirdPlace, on_delete=models.CASCADE, related_name="pass_products"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    price = models.DecimalField(_("price (€)"), **MONEY)
    visits = models.PositiveSmallIntegerField(
        _("visits"),
        null=True,
        blank=True,
        help_text=_("Half-days or days of desk use included; empty for unlimited (membership)."),
    )
    validity_days = models.PositiveSmallIntegerField(
        _("valid for (days)"),
        default=365,
        help_text=_("A monthly membership runs one calendar month from its first day."),
    )
    is_active = models.BooleanField(_("on sale"), default=True)

    class Meta:
        verbose_name = _("pass")
        verbose_name_plural = _("passes")
        ordering = ["third_place__name", "price"]

    def __str__(self) -> str:
        return f"{self.name} ({self.price} €)"


class MemberPassQuerySet(models.QuerySet["MemberPass"]):
    def valid_on(self, day: date) -> MemberPassQuerySet:
        return self.filter(valid_from__lte=day, valid_until__gte=day)

    def with_visits_left(self) -> MemberPassQuerySet:
        return self.filter(
            Q(visits_total__isnull=True) | Q(visits_used__lt=models.F("visits_total"))
        )


class MemberPass(models.Model):
    """A pass bought by a person, and how much of it has been used."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="thirdplace_passes"
    )
    product = models.ForeignKey(PassProduct, on_delete=models.PROTECT, related_name="sold")
    third_place = models.ForeignKey(ThirdPlace, on_delete=models.PROTECT, related_name="passes")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until (included)"))
    visits_total = models.PositiveSmallIntegerField(_("visits"), null=True, blank=True)
    visits_used = models.PositiveSmallIntegerField(_("visits used"), default=0)
    price_paid = models.DecimalField(_("price paid (€)"), **MONEY)
    created = models.DateTimeField(_("bought on"), auto_now_add=True)

    objects = MemberPassQuerySet.as_manager()

    class Meta:
        verbose_name = _("member's pass")
        verbose_name_plural = _("members' passes")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visits_total__isnull=True)
                | Q(visits_used__lte=models.F("visits_total")),
                name="pass_visits_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.product.name} {self.valid_from}"

    @property
    def visits_left(self) -> int | None:
        if self.visits_total is None:
            return None
        return self.visits_total - self.visits_used


class SpaceBookingQuerySet(models.QuerySet["Booking"]):
    def live(self) -> SpaceBookingQuerySet:
        return self.exclude(status=Booking.Status.CANCELLED)

    def overlapping(self, start: datetime, end: datetime) -> SpaceBookingQuerySet:
        return self.filter(overlap_q(start, end))

    def for_user(self, user: Any) -> SpaceBookingQuerySet:
        return self.filter(user=user)


class Booking(models.Model):
    # Contexts: French agrees the adjective with "réservation" (feminine); see Event.Status.
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    class Period(models.TextChoices):
        MORNING = "morning", pgettext_lazy("period", "Morning")
        AFTERNOON = "afternoon", pgettext_lazy("period", "Afternoon")
        DAY = "day", pgettext_lazy("period", "Whole day")
        HOURS = "hours", pgettext_lazy("period", "By the hour")

    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="bookings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="thirdplace_bookings",
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    quantity = models.PositiveSmallIntegerField(
        _("desks"), default=1, validators=[MinValueValidator(1)]
    )
    # Copied from the space: the PostgreSQL exclusion constraint can only read this row.
    exclusive = models.BooleanField(default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    price = models.DecimalField(_("price (€)"), default=Decimal("0"), **MONEY)
    member_pass = models.ForeignKey(
        MemberPass,
        verbose_name=_("paid with the pass"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    # Telework impact, computed once when booked (desks only): a stable figure for reports.
    avoided_km = models.DecimalField(
        _("commute avoided (km)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    created = models.DateTimeField(_("booked on"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    objects = SpaceBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        # Serves the capacity re-check: live bookings of one space around a slot.
        indexes = [models.Index(fields=["space", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="thirdplaces_booking_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.space} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def local_date(self) -> date:
        return timezone.localdate(self.starts_at)


class Workplace(models.Model):
    """Where a member would otherwise commute (telework impact). Personal data: erasable."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thirdplace_workplace"
    )
    label = models.CharField(_("usual workplace"), max_length=150)
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune of the usual workplace"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    home_commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("home commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the commune of your profile."),
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("usual workplace")
        verbose_name_plural = _("usual workplaces")

    def __str__(self) -> str:
        return self.label


class ThirdPlaceEventQuerySet(models.QuerySet["Event"]):
    def upcoming(self, now: datetime | None = None) -> ThirdPlaceEventQuerySet:
        return self.filter(ends_at__gt=now or timezone.now())

    def public(self) -> ThirdPlaceEventQuerySet:
        return self.filter(third_place__is_published=True)


class Event(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        DIGITAL_HELP = "digital_help", _("Digital help session")
        MEETUP = "meetup", _("Meetup")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("event status", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")

    third_place = models.ForeignKey(ThirdPlace, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    location = models.CharField(_("room or address"), max_length=250, blank=True)
    capacity = models.PositiveSmallIntegerField(
        pgettext_lazy("event", "seats"),
        null=True,
        blank=True,
        help_text=pgettext_lazy("event", "Empty: no registration limit."),
    )
    registration_required = models.BooleanField(
        pgettext_lazy("event", "registration required"), default=True
    )
    price = models.DecimalField(_("price (€)"), default=Decimal("0"), **MONEY)
    url = models.URLField(_("more information"), blank=True, max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    # Imported events keep the feed's UID (and RECURRENCE-ID for one occurrence of a recurring
    # event): importing the feed again updates them.
    uid = models.CharField(_("iCalendar UID"), max_length=255, blank=True)
    recurrence_id = models.CharField(
        _("iCalendar RECURRENCE-ID"),
        max_length=40,
        blank=True,
        help_text=_("The occurrence of a recurring event, in UTC (empty: a single event)."),
    )
    imported_from = models.CharField(_("imported from"), max_length=500, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)
    objects = ThirdPlaceEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["third_place", "uid", "recurrence_id"],
                condition=~Q(uid=""),
                name="one_event_per_uid_occurrence",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="thirdplaces_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        taken = self.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
            n=models.Sum("seats")
        )["n"]
        return max(self.capacity - (taken or 0), 0)


class Registration(models.Model):
    """A person's registration to an event ("registration" in the event sense, not a plate)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="thirdplace_registrations"
    )
    seats = models.PositiveSmallIntegerField(
        pgettext_lazy("event", "seats"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    created = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("event", "registration")
        verbose_name_plural = pgettext_lazy("event", "registrations")
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status="confirmed"),
                name="one_live_registration_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.user_id}"
