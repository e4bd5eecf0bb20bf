"""On-demand transport in the mobility interface (core/mobility.py): a point in a service's zone."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.ondemand import zone
from smartvillage.ondemand.models import Beneficiary, Booking, Service
from smartvillage.ondemand.services import booking
from smartvillage.ondemand.services.booking import Endpoint, TripRequest
from smartvillage.territory.models import Commune


def _nearest_commune_id(latitude: float, longitude: float) -> int | None:
    # The commune of a point is the one with the nearest centroid (no outlines are shipped);
    # a box of ~15 km keeps the candidates few.
    lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, 15_000)
    candidates = Commune.objects.filter(
        latitude__range=(lat0, lat1), longitude__range=(lon0, lon1)
    ).values_list("pk", "latitude", "longitude")
    best = min(candidates, key=lambda c: distance_m(latitude, longitude, c[1], c[2]), default=None)
    return best[0] if best else None


class OndemandAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        commune_id = _nearest_commune_id(latitude, longitude)
        found = []
        for service in Service.objects.filter(is_active=True).prefetch_related("communes"):
            inside = commune_id is not None and commune_id in service.zone_commune_ids()
            if inside or zone.contains(service.zone_geojson, latitude, longitude):
                found.append(
                    mobility.Access(
                        mode="ondemand",
                        name=service.name,
                        latitude=latitude,
                        longitude=longitude,
                        distance_m=0,  # door to door inside the zone
                        url=reverse("ondemand:service", args=[service.slug]),
                        guaranteed=True,
                    )
                )
        return found


mobility.registry.register("ondemand.zones", OndemandAccess())


# --- Journeys (core.mobility.journeys): a door-to-door trip in the zone, with the window the
# insertion would give now (a quote: nothing written, nothing locked; the booking page
# computes it again under the lock).


def _endpoint(point: mobility.Point) -> Endpoint:
    label = point.label or f"{point.latitude:.5f}, {point.longitude:.5f}"
    commune_id = _nearest_commune_id(point.latitude, point.longitude)
    return Endpoint(label, point.latitude, point.longitude, None, commune_id)


def _prefill(query: mobility.JourneyQuery, req: TripRequest) -> str:
    """GET parameters the booking page reads (``views.booking_flow``) to pre-fill its form."""
    local = timezone.localtime(query.when)
    params = {
        "date": local.date().isoformat(), "time": local.strftime("%H:%M"),
        "time_kind": req.time_kind, "passengers": "1",
    }  # fmt: skip
    for prefix, end in (("origin", req.origin), ("destination", req.destination)):
        params[f"{prefix}_address"] = params[f"{prefix}_found"] = end.label
        params[f"{prefix}_lat"] = f"{end.latitude:.6f}"
        params[f"{prefix}_lon"] = f"{end.longitude:.6f}"
    if query.needs.wheelchair:
        params["wheelchair"] = "on"
    if query.needs.companion:
        params["companion"] = "on"
    return urlencode(params)


class OndemandJourneys:
    def options(self, query: mobility.JourneyQuery) -> list[mobility.Option]:
        origin, destination = _endpoint(query.origin), _endpoint(query.destination)
        found = []
        for service in Service.objects.filter(is_active=True).select_related("organisation"):
            if not (booking.in_zone(service, origin) and booking.in_zone(service, destination)):
                continue
            beneficiary = self._beneficiary(service, query.user)
            req = TripRequest(
                service=service, beneficiary=beneficiary, origin=origin, destination=destination,
                time_kind=Booking.TimeKind.ARRIVE_BY if query.arrive_by
                else Booking.TimeKind.LEAVE_AT,
                requested_time=query.when, passengers=1,
                wheelchair=query.needs.wheelchair, companion=query.needs.companion,
            )  # fmt: skip
            try:
                quote = booking.quote(req)
            except ValidationError:
                continue  # outside hours, too short notice, no vehicle: not offered
            note = _("pick-up between %(start)s and %(end)s") % {
                "start": timezone.localtime(quote.window_start).strftime("%H:%M"),
                "end": timezone.localtime(quote.window_end).strftime("%H:%M"),
            }
            if not beneficiary.is_registered and (
                service.eligibility == Service.Eligibility.REGISTERED
            ):
                note += " · " + _("registration with %(org)s needed") % {
                    "org": service.organisation.name
                }
            page = "ondemand:phone" if query.operator else "ondemand:book"
            url = f"{reverse(page, args=[service.slug])}?{_prefill(query, req)}"
            found.append(mobility.Option((mobility.Leg(
                "ondemand", query.origin, query.destination, quote.pickup, quote.dropoff,
                round(quote.distance_m), cost=quote.fare, needs_booking=True, booking_url=url,
                name=service.name, note=note, co2_mode="car_thermal",
            ),)))  # fmt: skip
        return found

    @staticmethod
    def _beneficiary(service: Service, user: Any) -> Beneficiary:
        """The traveller's own record with the organisation, else an unsaved stand-in that the
        rules treat as registered (the note then says registration is needed)."""
        if getattr(user, "is_authenticated", False):
            mine = Beneficiary.objects.filter(organisation=service.organisation, user=user).first()
            if mine is not None:
                return mine
        return Beneficiary(organisation=service.organisation, first_name="?", is_registered=True)


mobility.journeys.register("ondemand.trips", OndemandJourneys())
