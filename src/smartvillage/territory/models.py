"""The territory: communes (INSEE), named places and service areas."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class Commune(models.Model):
    """A French commune, keyed by its INSEE code (not its postal code)."""

    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    population = models.PositiveIntegerField(_("population"), default=0)
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    postal_codes = models.CharField(_("postal codes"), max_length=100, blank=True)
    altitude_m = models.IntegerField(_("altitude (m)"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name", "insee_code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement})"


class Place(models.Model):
    """A named point of the territory: a stop, a town hall, a car-share station, a third place."""

    class Kind(models.TextChoices):
        STOP = "stop", _("Stop")
        TOWN_HALL = "town_hall", _("Town hall")
        SHOP = "shop", _("Shop or market")
        HEALTH = "health", _("Health")
        STATION = "station", _("Station")
        THIRD_PLACE = "third_place", _("Third place")
        SERVICE = "service", _("Public service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="places"
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """A set of communes where a service operates (an intercommunality, a DRT zone)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True)
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="areas")

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
