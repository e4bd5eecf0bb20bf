"""On-demand transport in the guaranteed-ride-home interface (core/ridehome.py).

The ride is booked through the usual insertion (``services.booking.book``) with two
differences: the advance notice does not apply (the member is stranded now) and the note tells
the driver it is a guaranteed ride home. The member must be a beneficiary of a service whose
zone holds both ends; every other rule (opening hours, restrictions, capacity) still holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from smartvillage.core import ridehome
from smartvillage.ondemand import mobility
from smartvillage.ondemand.models import Beneficiary, Booking, Service
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services.booking import Endpoint, TripRequest, Unservable

NOTE = "Retour garanti (priorité) / guaranteed ride home"


def _endpoint(point: ridehome.Point) -> Endpoint:
    # The commune (nearest centroid, as the mobility interface does) puts the point in a zone
    # made of communes.
    commune = mobility._nearest_commune_id(point.latitude, point.longitude)
    return Endpoint(point.label, point.latitude, point.longitude, commune_id=commune)


class OndemandRideHome:
    def request(
        self, user: Any, origin: ridehome.Point, destination: ridehome.Point, at: datetime
    ) -> ridehome.Outcome:
        start, end = _endpoint(origin), _endpoint(destination)
        beneficiaries = list(Beneficiary.objects.filter(user=user).select_related("organisation"))
        if not beneficiaries:
            return ridehome.Outcome(
                ok=False, reason=_("You are not registered with an on-demand transport service.")
            )
        reason = _("No on-demand transport service covers both places.")
        for beneficiary in beneficiaries:
            services = Service.objects.filter(
                is_active=True, organisation=beneficiary.organisation
            ).prefetch_related("communes")
            for service in services:
                if not (service_booking.in_zone(service, start)
                        and service_booking.in_zone(service, end)):  # fmt: skip
                    continue
                req = TripRequest(
                    service=service, beneficiary=beneficiary, origin=start, destination=end,
                    time_kind=Booking.TimeKind.LEAVE_AT, requested_time=at, note=NOTE,
                )  # fmt: skip
                try:
                    booking = service_booking.book(user, req, check_notice=False)
                except Unservable as exc:
                    reason = service_booking.human_reason(exc.reason)
                    continue
                except ValidationError as exc:
                    reason = " ".join(exc.messages)
                    continue
                return ridehome.Outcome(
                    ok=True, reference=f"ondemand.booking:{booking.pk}",
                    pickup_at=booking.planned_pickup,
                )  # fmt: skip
        return ridehome.Outcome(ok=False, reason=str(reason))

    def cancel(self, reference: str) -> bool:
        prefix, _sep, pk = reference.partition(":")
        if prefix != "ondemand.booking" or not pk.isdigit():
            return False
        booking = Booking.objects.filter(pk=int(pk)).live().first()
        if booking is None:
            return False
        service_booking.cancel(None, booking)
        return True


ridehome.registry.register("ondemand.ride_home", OndemandRideHome())
