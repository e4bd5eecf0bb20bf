"""Hitchhiking in the mobility interface (core/mobility.py): signed stops within a walk."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.optim.traveltime import StraightLine
from smartvillage.rideshare import conf, matching
from smartvillage.rideshare.models import HitchRequest, Member, Stop


class HitchhikingAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, radius_m)
        stops = (
            Stop.objects.active()
            .select_related("place")
            .filter(place__latitude__range=(lat0, lat1), place__longitude__range=(lon0, lon1))
        )
        found = []
        for stop in stops:
            metres = distance_m(latitude, longitude, stop.place.latitude, stop.place.longitude)
            if metres <= radius_m:
                found.append(
                    mobility.Access(
                        mode="hitchhiking",
                        name=stop.place.name,
                        latitude=stop.place.latitude,
                        longitude=stop.place.longitude,
                        distance_m=round(metres),
                        url=reverse("rideshare:stops"),
                        guaranteed=False,  # a chance of a ride, never a promise
                    )
                )
        return found


mobility.registry.register("rideshare.stops", HitchhikingAccess())


# --- Journeys (core.mobility.journeys): carpool offers along the route (the rideshare
# matching) and hitchhiking from a signed stop, with an honest wait estimate.

CARPOOL_FLEX = timedelta(minutes=30)
MAX_OFFERS = 3
#: Waits recorded at a stop before its own median is shown (else the default, said so).
MIN_WAITS = 5
WAIT_HISTORY = timedelta(days=90)
DRIVE = StraightLine()


def _member(user: Any) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.filter(user=user).first()


def _drive_seconds(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, int]:
    m = DRIVE.matrix([a, b])
    return float(m.seconds[0, 1]), round(float(m.metres[0, 1]))


class CarpoolJourneys:
    def options(self, query: mobility.JourneyQuery) -> list[mobility.Option]:
        if query.purpose != mobility.WHOLE or query.needs.wheelchair:
            return []  # nothing tells whether a member's car takes a wheelchair
        o, d = query.origin, query.destination
        a, b = (o.latitude, o.longitude), (d.latitude, d.longitude)
        when = query.when
        if query.arrive_by:
            when -= timedelta(seconds=_drive_seconds(a, b)[0])
        seats = 1 + int(query.needs.companion)
        found = matching.find_offers(_member(query.user), a, b, when, flex=CARPOOL_FLEX,
                                     seats=seats)  # fmt: skip
        tz = timezone.get_current_timezone()
        options = []
        for offer in sorted(found, key=lambda m: m.match.pickup_s)[:MAX_OFFERS]:
            pickup = offer.pickup
            dropoff = datetime.fromtimestamp(offer.match.dropoff_s, tz=tz)
            params = urlencode({
                "origin": f"{o.latitude:.5f}, {o.longitude:.5f}",
                "destination": f"{d.latitude:.5f}, {d.longitude:.5f}",
                "departure_at": timezone.localtime(pickup).strftime("%Y-%m-%dT%H:%M"),
                "seats": str(seats),
            })  # fmt: skip
            options.append(mobility.Option((mobility.Leg(
                "carpool", o, d, pickup, dropoff, round(offer.match.passenger_m),
                cost=None, needs_booking=True,
                booking_url=f"{reverse('rideshare:new_request')}?{params}",
                name=offer.trip.driver.user.first_name,
                note=_("seat confirmed when the driver accepts"),
                # The car makes the trip anyway: the passenger's share is its detour only.
                co2_mode="",
            ),)))  # fmt: skip
        return options


def wait_estimate(stop: Stop, now: datetime) -> tuple[int, str]:
    """Minutes one may wait at ``stop`` and how the figure was made."""
    waits = sorted(
        (h.accepted_at - h.created).total_seconds() / 60
        for h in HitchRequest.objects.filter(
            stop=stop, accepted_at__isnull=False, created__gte=now - WAIT_HISTORY
        ).only("created", "accepted_at")
        if h.accepted_at
    )
    if len(waits) >= MIN_WAITS:
        median = round(waits[len(waits) // 2])
        return median, _("median of the %(n)s last waits at this stop") % {"n": len(waits)}
    return conf.hitch_minutes()[0], _("rough estimate: too few waits recorded at this stop")


class HitchhikingJourneys:
    def options(self, query: mobility.JourneyQuery) -> list[mobility.Option]:
        if query.purpose != mobility.WHOLE or query.arrive_by or query.needs.wheelchair:
            return []  # a lift cannot be promised for a time, nor for a wheelchair
        o, d = query.origin, query.destination
        start = self._nearest(o)
        end = self._nearest(d)
        if start is None or end is None or start[0].pk == end[0].pk:
            return []
        (stop, metres), (last, last_m) = start, end
        at_stop = mobility.Point(stop.place.latitude, stop.place.longitude, stop.place.name)
        off = mobility.Point(last.place.latitude, last.place.longitude, last.place.name)
        walk = mobility.walk_leg(o, at_stop, query.when, metres=metres)
        minutes, how = wait_estimate(stop, query.when)
        ride_s, ride_m = _drive_seconds(
            (at_stop.latitude, at_stop.longitude), (off.latitude, off.longitude)
        )
        departs = walk.arrives + timedelta(minutes=minutes)
        params = urlencode({"stop": stop.pk, "destination": last.pk})
        ride = mobility.Leg(
            "hitchhiking", at_stop, off, departs, departs + timedelta(seconds=ride_s), ride_m,
            cost=Decimal(0), guaranteed=False,
            booking_url=f"{reverse('rideshare:new_hitch')}?{params}",
            name=_("Organised hitchhiking"),
            note=_("not guaranteed: wait about %(minutes)s min (%(how)s)") % {
                "minutes": minutes, "how": how},
        )  # fmt: skip
        legs = [walk, ride, mobility.walk_leg(off, d, ride.arrives, metres=last_m)]
        return [mobility.Option(tuple(leg for leg in legs if leg.mode != "walk"
                                      or leg.distance_m >= 30))]  # fmt: skip

    @staticmethod
    def _nearest(point: mobility.Point) -> tuple[Stop, float] | None:
        near = HitchhikingAccess().access(point.latitude, point.longitude, mobility.WALK_RADIUS_M)
        if not near:
            return None
        first = near[0]
        stop = (
            Stop.objects.active().select_related("place")
            .filter(place__latitude=first.latitude, place__longitude=first.longitude).first()
        )  # fmt: skip
        return (stop, first.distance_m) if stop else None


mobility.journeys.register("rideshare.carpool", CarpoolJourneys())
mobility.journeys.register("rideshare.hitchhiking", HitchhikingJourneys())
