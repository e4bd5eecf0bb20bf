"""Third places in the figures interface (core/figures.py)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.core import figures
from smartvillage.thirdplaces.models import Booking, Event, ThirdPlace


class ThirdPlaceFigures:
    prefix = "thirdplaces.place"

    def services(self) -> list[figures.Service]:
        return [
            figures.Service(
                f"{self.prefix}:{p.slug}", p.name, reverse("thirdplaces:place", args=[p.slug])
            )
            for p in ThirdPlace.objects.published()
        ]

    def figures(self, key: str) -> list[figures.Figure] | None:
        place = ThirdPlace.objects.published().filter(slug=key.partition(":")[2]).first()
        if place is None:
            return None
        now = timezone.now()
        bookings = Booking.objects.filter(
            space__third_place=place, starts_at__gte=now - timedelta(days=30), starts_at__lte=now
        ).exclude(status=Booking.Status.CANCELLED)
        return [
            figures.Figure(_("Spaces"), place.spaces.filter(is_active=True).count()),
            figures.Figure(_("Bookings over the last 30 days"), bookings.count()),
            figures.Figure(
                _("Upcoming events"),
                Event.objects.public().filter(third_place=place, starts_at__gte=now).count(),
            ),
        ]


figures.registry.register("thirdplaces.places", ThirdPlaceFigures())
