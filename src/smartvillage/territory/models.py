"""The territory: communes (INSEE), named places and service areas."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]

# Ligatures that NFKD does not decompose but people type as two letters ("Œuf" → "oeuf").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-'’‑–—_.]+")


def search_key(text: str) -> str:
    """Normalise a name for searching: lower case, no accents, separators as single spaces.

    "Saint-Agnan-en-Vercors" and "saint agnan en vercors" give the same key, and so do
    "Corrençon" and "correncon". The same function builds the stored ``Commune.search_name``
    and the query, so the comparison is a plain (portable) SQL LIKE on SQLite and PostgreSQL.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare).strip()


class CommuneQuerySet(models.QuerySet["Commune"]):
    def search(self, query: str) -> CommuneQuerySet:
        """Communes whose name contains ``query`` (case and accents ignored), prefixes first."""
        key = search_key(query)
        if not key:
            return self
        return (
            self.filter(search_name__contains=key)
            .annotate(
                prefix_match=models.Case(
                    models.When(search_name__startswith=key, then=0),
                    default=1,
                    output_field=models.IntegerField(),
                )
            )
            .order_by("prefix_match", "name", "insee_code")
        )


class Commune(models.Model):
    """A French commune, keyed by its INSEE code (not its postal code)."""

    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    # Derived from ``name`` on save (and by the CSV loader, which bulk-upserts). The index
    # serves prefix searches (PostgreSQL adds a pattern_ops twin); "contains" scans, which is
    # fine for the ~35,000 communes of France.
    search_name = models.CharField(
        _("search name"), max_length=100, db_index=True, editable=False, default=""
    )
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    population = models.PositiveIntegerField(_("population"), default=0)
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    postal_codes = models.CharField(_("postal codes"), max_length=100, blank=True)
    altitude_m = models.IntegerField(_("altitude (m)"), null=True, blank=True)

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)
    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name", "insee_code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = search_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()


class BBox:
    """A longitude/latitude box, west-south-east-north (the GeoJSON ``bbox`` order)."""

    def __init__(self, min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> None:
        self.min_lon, self.min_lat, self.max_lon, self.max_lat = min_lon, min_lat, max_lon, max_lat

    @classmethod
    def parse(cls, text: str) -> BBox:
        """Parse ``"minlon,minlat,maxlon,maxlat"``; raise ValueError with a readable reason."""
        parts = text.split(",")
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: minlon,minlat,maxlon,maxlat")
        try:
            min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
        except ValueError:
            raise ValueError("bbox values must be numbers") from None
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise ValueError("bbox longitudes must be between -180 and 180")
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            raise ValueError("bbox latitudes must be between -90 and 90")
        # Boxes across the antimeridian are not needed in France; refuse them explicitly.
        if min_lon > max_lon or min_lat > max_lat:
            raise ValueError("bbox minimums must not exceed maximums")
        return cls(min_lon, min_lat, max_lon, max_lat)


class PlaceQuerySet(models.QuerySet["Place"]):
    def in_area(self, area: ServiceArea) -> PlaceQuerySet:
        """Places in one of the area's communes."""
        return self.filter(commune__areas=area)

    def in_bbox(self, bbox: BBox) -> PlaceQuerySet:
        return self.filter(
            longitude__gte=bbox.min_lon,
            longitude__lte=bbox.max_lon,
            latitude__gte=bbox.min_lat,
            latitude__lte=bbox.max_lat,
        )


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

    objects = PlaceQuerySet.as_manager()

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

    # "Last modified" of the open-data catalogue (core/datasets.py), from the data itself.
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def covers(self, commune: Commune) -> bool:
        return self.communes.filter(pk=commune.pk).exists()
