"""Car-sharing fleets in the figures interface (core/figures.py)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.carsharing.models import Booking, CarshareMember, Fleet, Station, Vehicle
from smartvillage.core import figures


class CarsharingFigures:
    prefix = "carsharing.fleet"

    def services(self) -> list[figures.Service]:
        return [
            figures.Service(
                f"{self.prefix}:{f.organisation.slug}", f.name, reverse("carsharing:find")
            )
            for f in Fleet.objects.select_related("organisation")
        ]

    def figures(self, key: str) -> list[figures.Figure] | None:
        fleet = Fleet.objects.filter(organisation__slug=key.partition(":")[2]).first()
        if fleet is None:
            return None
        org = fleet.organisation_id
        since = timezone.now() - timedelta(days=30)
        bookings = Booking.objects.filter(
            vehicle__organisation=org, status=Booking.Status.CONFIRMED, starts_at__gte=since,
            starts_at__lte=timezone.now(),
        )  # fmt: skip
        return [
            figures.Figure(_("Cars"), Vehicle.objects.filter(organisation=org).count()),
            figures.Figure(
                _("Stations"), Station.objects.filter(organisation=org, is_active=True).count()
            ),
            figures.Figure(
                _("Approved members"),
                CarshareMember.objects.filter(
                    organisation=org, status=CarshareMember.Status.APPROVED
                ).count(),
            ),
            figures.Figure(_("Bookings over the last 30 days"), bookings.count()),
        ]


figures.registry.register("carsharing.fleets", CarsharingFigures())
