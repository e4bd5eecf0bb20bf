"""On-demand transport services in the figures interface (core/figures.py)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.core import figures
from smartvillage.ondemand.models import Beneficiary, Booking, Service


class OndemandFigures:
    prefix = "ondemand.service"

    def services(self) -> list[figures.Service]:
        return [
            figures.Service(
                f"{self.prefix}:{s.slug}", s.name, reverse("ondemand:service", args=[s.slug])
            )
            for s in Service.objects.filter(is_active=True)
        ]

    def figures(self, key: str) -> list[figures.Figure] | None:
        service = Service.objects.filter(slug=key.partition(":")[2], is_active=True).first()
        if service is None:
            return None
        since = timezone.localdate() - timedelta(days=30)
        bookings = Booking.objects.filter(service=service)
        done = bookings.filter(status=Booking.Status.COMPLETED, date__gte=since)
        booked = bookings.filter(date__gte=since).exclude(status=Booking.Status.CANCELLED)
        return [
            figures.Figure(_("Trips made over the last 30 days"), done.count()),
            figures.Figure(_("Trips booked over the last 30 days"), booked.count()),
            figures.Figure(
                _("Beneficiaries"),
                Beneficiary.objects.filter(bookings__service=service).distinct().count(),
            ),
        ]


figures.registry.register("ondemand.services", OndemandFigures())
