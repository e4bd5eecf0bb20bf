"""The search form: two places (a village, a named place, or a point), a time, the needs."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core.errors import ServiceErrorsMixin
from smartvillage.core.mobility import JourneyQuery, Needs, Point
from smartvillage.territory.models import Commune, Place

POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def find_point(text: str) -> Point | None:
    """ "lat, lon", then a named place (exact name first), then a commune (best match)."""
    text = text.strip()
    if not text:
        return None
    match = POINT.match(text)
    if match:
        lat, lon = float(match[1]), float(match[2])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return Point(lat, lon, text)
        return None
    place = (
        Place.objects.filter(name__iexact=text).first()
        or Place.objects.filter(name__icontains=text).order_by("name").first()
    )
    if place is not None:
        return Point(place.latitude, place.longitude, place.name)
    commune = Commune.objects.search(text).exclude(latitude__isnull=True).first()
    if commune is not None and commune.latitude is not None and commune.longitude is not None:
        return Point(commune.latitude, commune.longitude, commune.name)
    return None


class JourneyForm(ServiceErrorsMixin, forms.Form):
    origin = forms.CharField(
        label=_("From"), max_length=200,
        widget=forms.TextInput(attrs={"list": "planner-places", "autocomplete": "off"}),
        help_text=_("A village, a place, or a position as “latitude, longitude”."),
    )  # fmt: skip
    destination = forms.CharField(
        label=_("To"), max_length=200,
        widget=forms.TextInput(attrs={"list": "planner-places", "autocomplete": "off"}),
    )  # fmt: skip
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Hour"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_kind = forms.ChoiceField(
        label=_("Time"), initial="leave_at",
        choices=[("leave_at", _("Leave at")), ("arrive_by", _("Arrive by"))],
    )  # fmt: skip
    wheelchair = forms.BooleanField(label=_("I travel in a wheelchair"), required=False)
    luggage = forms.BooleanField(label=_("With luggage"), required=False)
    companion = forms.BooleanField(label=_("With a companion"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.points: dict[str, Point] = {}
        for name in ("origin", "destination"):
            text = data.get(name)
            if not text:
                continue
            point = find_point(text)
            if point is None:
                self.add_error(name, _("We do not know this place: try the name of a village."))
            else:
                self.points[name] = point
        if len(self.points) == 2 and _same(self.points["origin"], self.points["destination"]):
            self.add_error("destination", _("The destination is the starting point."))
        return data

    def to_query(self, user: Any = None, *, operator: bool = False) -> JourneyQuery:
        data = self.cleaned_data
        when = timezone.make_aware(datetime.combine(data["date"], data["time"]))
        return JourneyQuery(
            origin=self.points["origin"],
            destination=self.points["destination"],
            when=when,
            arrive_by=data["time_kind"] == "arrive_by",
            needs=Needs(data["wheelchair"], data["luggage"], data["companion"]),
            user=user if getattr(user, "is_authenticated", False) else None,
            operator=operator,
        )


def default_initial() -> dict[str, Any]:
    now = timezone.localtime() + timedelta(minutes=30)
    return {"date": now.date(), "time": now.time().replace(second=0, microsecond=0),
            "time_kind": "leave_at"}  # fmt: skip


def _same(a: Point, b: Point) -> bool:
    return (a.latitude, a.longitude) == (b.latitude, b.longitude)
