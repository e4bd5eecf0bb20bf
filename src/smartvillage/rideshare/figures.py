"""The carpool and hitchhiking network in the figures interface (core/figures.py): one
service for the whole platform (members and stops are shared by every relay)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.core import figures
from smartvillage.rideshare.models import Member, Ride, Stop


class RideshareFigures:
    prefix = "rideshare.network"

    def services(self) -> list[figures.Service]:
        return [
            figures.Service(
                f"{self.prefix}:all", _("Carpooling & hitchhiking"), reverse("rideshare:home")
            )
        ]

    def figures(self, key: str) -> list[figures.Figure] | None:
        if key != f"{self.prefix}:all":
            return None
        since = timezone.now() - timedelta(days=30)
        return [
            figures.Figure(_("Verified members"), Member.objects.validated().count()),
            figures.Figure(_("Signed stops"), Stop.objects.active().count()),
            figures.Figure(
                _("Shared rides over the last 30 days"),
                Ride.objects.filter(started_at__gte=since)
                .exclude(status=Ride.Status.CANCELLED)
                .count(),
            ),
        ]


figures.registry.register("rideshare.network", RideshareFigures())
