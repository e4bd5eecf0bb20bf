"""Seasonal work (Esprit Saison): intercommunalities with their season calendar and contacts,
jobs posted by employers, worker profiles that last across seasons, season records confirmed
by employers, applications, housing offers and requests, saved search alerts.

Lists of codes (skills, languages, licences) are JSON lists of the codes of ``rome.py``: they
are filtered by the matching index (``matching.py``), not by SQL, so that every database
answers the same way.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.accounts.models import Organisation
from smartvillage.seasonal import rome
from smartvillage.territory.models import LATITUDE, LONGITUDE

MONEY: dict[str, Any] = {
    "max_digits": 9,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"))],
}


def _check_codes(values: Any, known: dict[str, Any], field: str) -> None:
    if not isinstance(values, list) or any(v not in known for v in values):
        raise ValidationError({field: _("Choose among the listed values.")}, code="unknown_code")


class Intercommunality(models.Model):
    """A territory of the instance (communauté de communes): its contacts and season calendar."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    communes = models.ManyToManyField(
        "territory.Commune", verbose_name=_("communes"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("intercommunality")
        verbose_name_plural = _("intercommunalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Season(models.Model):
    class Kind(models.TextChoices):
        WINTER = "winter", _("Winter")
        SUMMER = "summer", _("Summer")

    intercommunality = models.ForeignKey(
        Intercommunality,
        verbose_name=_("intercommunality"),
        on_delete=models.CASCADE,
        related_name="seasons",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="season_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.intercommunality})"


class Contact(models.Model):
    """A key contact of an intercommunality: maison des saisonniers, employment, housing,
    health services, with opening hours and a place on the map."""

    class Kind(models.TextChoices):
        SEASONAL_HOUSE = "seasonal_house", _("Seasonal workers' house")
        EMPLOYMENT = "employment", _("Employment")
        HOUSING = "housing", _("Housing")
        HEALTH = "health", _("Health")
        OTHER = "other", _("Other")

    intercommunality = models.ForeignKey(
        Intercommunality,
        verbose_name=_("intercommunality"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=250,
        blank=True,
        help_text=_("As people read them, for example: Mon–Fri 9:00–12:00, 14:00–17:00."),
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["intercommunality", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class JobQuerySet(models.QuerySet["Job"]):
    def open(self) -> JobQuerySet:
        return self.filter(status=Job.Status.OPEN)


class Job(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Contract(models.TextChoices):
        SEASONAL = "seasonal", _("Seasonal fixed-term contract")
        FIXED_TERM = "fixed_term", _("Fixed-term contract")
        PERMANENT = "permanent", _("Permanent contract")
        TEMPORARY = "temporary", _("Temporary work")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")

    class Housing(models.TextChoices):
        NONE = "none", _("No housing")
        HELPED = "helped", _("Help to find housing")
        PROVIDED = "provided", _("Housing provided")

    class Meals(models.TextChoices):
        NONE = "none", _("No meals")
        SOME = "some", _("Meals on working days")
        ALL = "all", _("All meals")

    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="+"
    )
    season = models.ForeignKey(
        Season, verbose_name=_("season"), on_delete=models.PROTECT, related_name="jobs"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    rome_code = models.CharField(
        _("ROME code"), max_length=5, choices=rome.choices(rome.jobs()), db_index=True
    )
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    contract = models.CharField(
        _("contract"), max_length=20, choices=Contract.choices, default=Contract.SEASONAL
    )
    weekly_hours = models.DecimalField(
        _("weekly hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1"))],
    )
    hourly_wage = models.DecimalField(_("gross hourly wage (€)"), **MONEY)
    housing = models.CharField(
        _("housing"), max_length=10, choices=Housing.choices, default=Housing.NONE
    )
    meals = models.CharField(_("meals"), max_length=10, choices=Meals.choices, default=Meals.NONE)
    languages_required = models.JSONField(_("languages required"), default=list, blank=True)
    languages_preferred = models.JSONField(_("languages preferred"), default=list, blank=True)
    licences_required = models.JSONField(_("licences required"), default=list, blank=True)
    licences_preferred = models.JSONField(_("licences preferred"), default=list, blank=True)
    skills_required = models.JSONField(_("skills required"), default=list, blank=True)
    skills_preferred = models.JSONField(_("skills preferred"), default=list, blank=True)
    transport_access = models.CharField(
        _("transport access"),
        max_length=250,
        blank=True,
        help_text=_("How to get there without a car: shuttle, bus line, staff carpool."),
    )
    # Computed from core.mobility when the job is saved by the service: the matching index
    # reads it instead of asking every mobility provider for every candidate.
    reachable_without_car = models.BooleanField(_("reachable without a car"), default=False)
    positions = models.PositiveSmallIntegerField(
        _("positions"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    external_id = models.CharField(_("identifier at the source"), max_length=64, blank=True)
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Indexed: the matching index reloads the rows changed since it was built.
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-posted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="job_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["employer", "external_id"],
                condition=~Q(external_id=""),
                name="one_job_per_external_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})
        for field, known in (
            ("languages_required", rome.LANGUAGES),
            ("languages_preferred", rome.LANGUAGES),
            ("licences_required", rome.LICENCES),
            ("licences_preferred", rome.LICENCES),
            ("skills_required", rome.skills()),
            ("skills_preferred", rome.skills()),
        ):
            _check_codes(getattr(self, field), known, field)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def valid_through(self) -> date:
        """Applications are taken until the job starts (schema.org ``validThrough``)."""
        return self.starts_on


class WorkerProfile(models.Model):
    """A seasonal worker's profile, kept from one season to the next.

    Employers see a worker only once the worker has applied to one of their jobs or has opted
    in (``open_to_offers``); even then only the fields the worker shows (``shown_fields``).
    """

    # The fields a worker may show to employers or keep to themselves.
    SHAREABLE = {
        "skills": _("Skills"),
        "languages": _("Languages"),
        "licences": _("Licences"),
        "availability": _("Availability"),
        "my_path": _("My path"),
        "seasons": _("Past seasons"),
        "phone": _("Phone"),
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seasonal_profile"
    )
    skills = models.JSONField(_("skills"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    licences = models.JSONField(_("licences"), default=list, blank=True)
    wished_communes = models.ManyToManyField(
        "territory.Commune", verbose_name=_("wished places"), related_name="+", blank=True
    )
    needs_housing = models.BooleanField(_("I need housing"), default=False)
    has_car = models.BooleanField(_("I have a car"), default=False)
    my_path = models.TextField(
        _("my path"),
        blank=True,
        help_text=_("Your experience in your own words: seasons, trades, what you learned."),
    )
    open_to_offers = models.BooleanField(
        _("employers may find my profile"),
        default=False,
        help_text=_("Otherwise only the employers you apply to see your profile."),
    )
    shown_fields = models.JSONField(_("fields shown to employers"), default=list, blank=True)
    checklist_done = models.JSONField(_("checklist done"), default=list, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        _check_codes(self.skills, rome.skills(), "skills")
        _check_codes(self.languages, rome.LANGUAGES, "languages")
        _check_codes(self.licences, rome.LICENCES, "licences")
        _check_codes(self.shown_fields, self.SHAREABLE, "shown_fields")

    def shows(self, field: str) -> bool:
        return field in self.shown_fields


class Availability(models.Model):
    """A window when the worker can work (a profile has one or more)."""

    profile = models.ForeignKey(
        WorkerProfile, on_delete=models.CASCADE, related_name="availabilities"
    )
    starts_on = models.DateField(_("available from"))
    ends_on = models.DateField(_("available until"))

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="availability_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class SeasonRecord(models.Model):
    """A season a worker did for an employer, declared by either side; it counts once the
    employer has confirmed it. Two confirmed seasons of the same kind with one employer give
    the worker a priority of reconduction (Code du travail, art. L1244-2-2)."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="season_records"
    )
    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="+"
    )
    season = models.ForeignKey(
        Season, verbose_name=_("season"), on_delete=models.PROTECT, related_name="records"
    )
    job_title = models.CharField(_("job"), max_length=150)
    confirmed_at = models.DateTimeField(_("confirmed by the employer"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("season record")
        verbose_name_plural = _("season records")
        ordering = ["-season__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "employer", "season"], name="one_record_per_season"
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.employer} · {self.season.name}"


class Application(models.Model):
    """A worker's application to a job, or an employer's rehire proposal to a past worker."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        PROPOSED = "proposed", _("Rehire proposed by the employer")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    LIVE = (Status.SENT, Status.PROPOSED, Status.SHORTLISTED)

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seasonal_applications"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SENT
    )
    message = models.TextField(_("message"), blank=True)
    reply = models.TextField(_("employer's answer"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["job", "worker"], name="one_application_per_job")
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.job}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE


class HousingOffer(models.Model):
    """Housing offered by a landlord, an employer or a public body (an organisation)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    offerer = models.ForeignKey(
        Organisation, verbose_name=_("offered by"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    season = models.ForeignKey(
        Season,
        verbose_name=_("season"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"))
    monthly_rent = models.DecimalField(_("monthly rent (€)"), **MONEY)
    monthly_charges = models.DecimalField(_("monthly charges (€)"), default=Decimal("0"), **MONEY)
    deposit = models.DecimalField(_("deposit (€)"), default=Decimal("0"), **MONEY)
    employer_guarantee = models.BooleanField(
        _("the employer can stand guarantee instead of a deposit"), default=False
    )
    capacity = models.PositiveSmallIntegerField(
        _("people"), default=1, validators=[MinValueValidator(1)]
    )
    shared = models.BooleanField(_("shared accommodation"), default=False)
    reserved_to_staff = models.BooleanField(_("reserved to the employer's staff"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("housing offer")
        verbose_name_plural = _("housing offers")
        ordering = ["available_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__gte=models.F("available_from")),
                name="housing_offer_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class HousingRequest(models.Model):
    """A worker looking for housing. Offerers see it (and how to reach the worker) only when
    the worker consents to be contacted."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="housing_requests"
    )
    commune = models.ForeignKey(
        "territory.Commune", verbose_name=_("near"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    max_rent = models.DecimalField(_("highest monthly rent (€)"), **MONEY)
    people = models.PositiveSmallIntegerField(
        _("people"), default=1, validators=[MinValueValidator(1)]
    )
    note = models.TextField(_("note"), blank=True)
    consent_to_contact = models.BooleanField(_("housing offerers may contact me"), default=False)
    is_open = models.BooleanField(_("still looking"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("housing request")
        verbose_name_plural = _("housing requests")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="housing_request_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.worker} · {self.commune}"


class SavedSearch(models.Model):
    """A worker's job search, e-mailed when new jobs match (``seasonal_alerts``)."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seasonal_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    filters = models.JSONField(_("filters"), default=dict)
    last_sent_at = models.DateTimeField(_("last alert"), default=timezone.now)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
