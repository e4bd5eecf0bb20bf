"""The territory hub: who does what (actors), what was done (initiatives, the "experience
sheets"), when the network meets (events), what to read (resources) and where a village
stands (the Smart Village self-assessment)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from smartvillage.core.images import PhotoValidator
from smartvillage.hub.uploads import ResourceFileValidator
from smartvillage.territory.models import LATITUDE, LONGITUDE


class Dimension(models.TextChoices):
    """The six dimensions of the SmartVillages (Interreg Alpine Space) self-assessment."""

    MOBILITY = "mobility", _("Mobility")
    GOVERNANCE = "governance", _("Governance")
    ECONOMY = "economy", _("Economy")
    ENVIRONMENT = "environment", _("Environment")
    LIVING = "living", _("Living")
    PEOPLE = "people", _("People")


def words(value: str) -> list[str]:
    """A set of choice codes stored as space-separated words (portable "contains" filters:
    no code is a substring of another, see the tests)."""
    return value.split()


def labels(value: str, choices: Any) -> list[str]:
    names = dict(choices.choices)
    return [str(names[code]) for code in words(value) if code in names]


class Theme(models.Model):
    """A theme of the hub's vocabulary (curated by the territory staff in the admin)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (French)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    dimension = models.CharField(_("dimension"), max_length=12, choices=Dimension.choices)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "fr").startswith("en") and self.name_en:
            return self.name_en
        return self.name


# --- Actors --------------------------------------------------------------------------------------


class ActorQuerySet(models.QuerySet["Actor"]):
    def listed(self) -> ActorQuerySet:
        """Actors who agreed to be listed: the only ones anybody else sees."""
        return self.filter(consent_listed=True)

    def editable_by(self, user: Any) -> ActorQuerySet:
        """The entries a person may edit: their own, and their organisations' (as staff)."""
        from smartvillage.accounts.models import Membership

        if not user.is_authenticated:
            return self.none()
        staff_of = Membership.objects.filter(user=user, role__in=Membership.STAFF_ROLES).values(
            "organisation"
        )
        return self.filter(Q(owner=user) | Q(organisation__in=staff_of))


class Actor(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    class Role(models.TextChoices):
        PROJECT_HOLDER = "holder", _("Project holder")
        HELP = "help", _("Offers help and advice")
        FUNDER = "funder", _("Funder")
        NETWORK = "network", _("Network or federation")
        OPERATOR = "operator", _("Runs a service")
        RESEARCH = "research", _("Research and training")
        PUBLIC = "public", _("Local authority")

    class Contact(models.TextChoices):
        EMAIL = "email", _("By email")
        PHONE = "phone", _("By phone")
        WEBSITE = "website", _("Through the website")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    # The entry of an organisation is edited by its admins and operators; a person's entry by
    # the person (``owner``). The owner of an organisation's entry is who created it.
    organisation = models.OneToOneField(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="hub_actor",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_actors",
    )
    description = models.TextField(_("description"), blank=True)
    roles = models.CharField(_("roles"), max_length=200, blank=True)
    helps_on = models.CharField(
        _("offers help on"), max_length=100, blank=True, help_text=_("Dimensions.")
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    communes = models.ManyToManyField(
        "territory.Commune", verbose_name=_("communes"), blank=True, related_name="hub_actors"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_by = models.CharField(
        _("contact preferences"),
        max_length=50,
        blank=True,
        help_text=_("The contact details shown to visitors; the others stay private."),
    )
    consent_listed = models.BooleanField(_("agrees to be listed in the public directory"))
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def role_labels(self) -> list[str]:
        return labels(self.roles, Actor.Role)

    @property
    def help_labels(self) -> list[str]:
        return labels(self.helps_on, Dimension)

    def public_contact(self) -> dict[str, str]:
        """Only the contact channels the actor chose to show."""
        chosen = words(self.contact_by)
        values = {"email": self.email, "phone": self.phone, "website": self.website}
        return {k: v for k, v in values.items() if k in chosen and v}

    def point(self) -> tuple[float, float] | None:
        """Where to put the actor on the map: its own point, else its first commune."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        commune = next(iter(self.communes.all()), None)
        return (commune.latitude, commune.longitude) if commune else None


# --- Initiatives ---------------------------------------------------------------------------------


class Status(models.TextChoices):
    """Moderation of what people write for the hub: draft → review → published."""

    DRAFT = "draft", pgettext_lazy("moderation", "Draft")
    REVIEW = "review", pgettext_lazy("moderation", "Waiting for review")
    PUBLISHED = "published", pgettext_lazy("moderation", "Published")


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def published(self) -> InitiativeQuerySet:
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user: Any) -> InitiativeQuerySet:
        """Published sheets, plus the person's own and their organisations' (any status)."""
        if not user.is_authenticated:
            return self.published()
        return self.filter(Q(status=Status.PUBLISHED) | Q(pk__in=self.editable_by(user)))

    def editable_by(self, user: Any) -> InitiativeQuerySet:
        from smartvillage.accounts.models import Membership

        if not user.is_authenticated:
            return self.none()
        staff_of = Membership.objects.filter(user=user, role__in=Membership.STAFF_ROLES).values(
            "organisation"
        )
        return self.filter(Q(author=user) | Q(organisation__in=staff_of))


class Initiative(models.Model):
    class SolutionType(models.TextChoices):
        SERVICE = "service", _("Service to residents")
        PLACE = "place", _("Shared place")
        EQUIPMENT = "equipment", _("Equipment or infrastructure")
        DIGITAL = "digital", _("Digital tool")
        NETWORK = "network", _("Network or cooperation")
        EVENT = "event", _("Event or campaign")
        STUDY = "study", _("Study or plan")

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        STARTING = "starting", _("Starting")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        STOPPED = "stopped", _("Stopped")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=210, unique=True)
    summary = models.TextField(_("summary"), max_length=600)
    solution_type = models.CharField(
        _("type of solution"), max_length=12, choices=SolutionType.choices
    )
    communes = models.ManyToManyField(
        "territory.Commune", verbose_name=_("territory"), blank=True, related_name="+"
    )
    dimensions = models.CharField(_("dimensions"), max_length=100, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    actors = models.ManyToManyField(
        Actor, through="InitiativeActor", verbose_name=_("actors"), blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.RUNNING
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (€)"), max_digits=12, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    funding = models.CharField(_("funding programme"), max_length=200, blank=True)
    steps = models.TextField(_("steps"), blank=True)
    results = models.TextField(_("results"), blank=True)
    figures = models.TextField(
        _("results in figures"),
        blank=True,
        help_text=_("One per line: label: value (for example “Trips per month: 120”)."),
    )
    lessons = models.TextField(_("points to watch (lessons learnt)"), blank=True)
    barriers = models.TextField(_("barriers"), blank=True)
    partners_sought = models.TextField(_("partners sought"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=250, blank=True)
    # The service that runs this initiative here, as a key of the figures interface
    # (core/figures.py, "carsharing.service:vercors-autopartage"): its sheet shows live figures.
    service_key = models.CharField(_("service run here"), max_length=120, blank=True)

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="hub_initiatives",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_initiatives",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderation_note = models.TextField(_("note from the moderator"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="hub_initiative_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def dimension_list(self) -> list[str]:
        return words(self.dimensions)

    @property
    def dimension_labels(self) -> list[str]:
        return labels(self.dimensions, Dimension)

    def figure_rows(self) -> list[tuple[str, str]]:
        """The written figures, "label: value" per line."""
        rows = []
        for line in self.figures.splitlines():
            label, sep, value = line.partition(":")
            if sep and label.strip() and value.strip():
                rows.append((label.strip(), value.strip()))
        return rows


class InitiativeActor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="roles")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="initiative_roles")
    role = models.CharField(_("role in the initiative"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("actor of an initiative")
        verbose_name_plural = _("actors of initiatives")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "actor"], name="hub_one_role_per_actor")
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.role}"


class InitiativePhoto(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to="hub/initiatives/", validators=[PhotoValidator(5)]
    )
    alt_text = models.CharField(_("description of the photo"), max_length=200)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.alt_text


# --- Events --------------------------------------------------------------------------------------


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        return self.filter(is_published=True)

    def upcoming(self, now: Any = None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now())


class Event(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        VISIT = "visit", _("Study visit")
        MEETING = "meeting", _("Network meeting")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place_name = models.CharField(_("place"), max_length=200)
    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE)
    capacity = models.PositiveSmallIntegerField(
        pgettext_lazy("event", "seats"),
        null=True,
        blank=True,
        help_text=pgettext_lazy("event", "Empty: no registration limit."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    organiser = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_events",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="hub_event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def seats_taken(self) -> int:
        confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED)
        return int(confirmed.aggregate(n=models.Sum("seats"))["n"] or 0)

    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.seats_taken(), 0)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration", "Confirmed")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_registrations"
    )
    seats = models.PositiveSmallIntegerField(
        pgettext_lazy("registration", "places"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    created = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="hub_one_registration_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"


# --- Resources -----------------------------------------------------------------------------------


class Resource(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        VIDEO = "video", _("Video")
        LINK = "link", _("Link")
        TOOLKIT = "toolkit", _("Toolkit")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(
        _("file"), upload_to="hub/resources/", blank=True, validators=[ResourceFileValidator()]
    )
    url = models.URLField(_("address (URL)"), blank=True, max_length=500)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=100, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    author = models.CharField(_("author or publisher"), max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField(_("published"), default=True)
    created = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="hub_resource_has_file_or_url"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def dimension_labels(self) -> list[str]:
        return labels(self.dimensions, Dimension)


# --- Self-assessment -----------------------------------------------------------------------------


class Assessment(models.Model):
    """A Smart Village self-assessment of a commune or of an intercommunality (a service area),
    answered by its staff: one level per indicator (``indicators.py``), a score 0–100 per
    dimension and the target in 2–3 years. Each assessment is kept: they make the history."""

    commune = models.ForeignKey(
        "territory.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    area = models.ForeignKey(
        "territory.ServiceArea",
        verbose_name=_("intercommunality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("assessed by"),
        on_delete=models.CASCADE,
        related_name="hub_assessments",
    )
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    answers = models.JSONField(_("answers"), default=dict, blank=True)  # indicator code → level
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # dimension → 0..100
    targets = models.JSONField(_("targets in 2–3 years"), default=dict, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False, area__isnull=True)
                | Q(commune__isnull=True, area__isnull=False),
                name="hub_assessment_of_commune_or_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.place_name} — {self.assessed_on}"

    @property
    def place_name(self) -> str:
        return self.commune.name if self.commune else str(self.area)

    def same_place(self) -> models.QuerySet[Assessment]:
        if self.commune_id:
            return Assessment.objects.filter(commune_id=self.commune_id)
        return Assessment.objects.filter(area_id=self.area_id)
