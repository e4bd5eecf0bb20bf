"""Imported timetables (GTFS feeds) and their stops.

A feed keeps the validated GTFS files as imported (a zip in ``data``) with its report; the
search builds one day's RAPTOR arrays from it in memory (``timetable.py``), so a feed is
replaced by importing it again, in one transaction. Stops are also rows, for the map, the
admin and the nearest-stop lookups of other apps.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedQuerySet(models.QuerySet["Feed"]):
    def active(self) -> FeedQuerySet:
        return self.filter(is_active=True)


class Feed(models.Model):
    slug = models.SlugField(_("short name"), unique=True, max_length=50)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    invented = models.BooleanField(
        _("invented (demo) data"), default=False,
        help_text=_("Shown on every option that uses it: not a real timetable."),
    )  # fmt: skip
    is_active = models.BooleanField(_("used by the planner"), default=True)
    data = models.BinaryField(_("GTFS files (zip)"))
    report = models.TextField(_("validation report"), blank=True)
    rejected_rows = models.PositiveIntegerField(_("rejected rows"), default=0)
    stop_count = models.PositiveIntegerField(_("stops"), default=0)
    trip_count = models.PositiveIntegerField(_("trips"), default=0)
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("timetable (GTFS feed)")
        verbose_name_plural = _("timetables (GTFS feeds)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TransitStop(models.Model):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="stops")
    stop_id = models.CharField(max_length=100)
    name = models.CharField(_("name"), max_length=200)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    wheelchair = models.PositiveSmallIntegerField(_("wheelchair boarding"), default=0)

    class Meta:
        verbose_name = _("bus stop")
        verbose_name_plural = _("bus stops")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "stop_id"], name="planner_stop_unique_in_feed")
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="planner_stop_position")]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The stop's id in the merged timetable (ids are prefixed by their feed)."""
        return f"{self.feed.slug}:{self.stop_id}"
