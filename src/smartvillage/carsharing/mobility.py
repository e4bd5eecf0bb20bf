"""Car sharing in the mobility interface (core/mobility.py): stations within walking distance."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from smartvillage.carsharing.models import Station, Vehicle
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import pricing
from smartvillage.core import mobility
from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.optim.traveltime import StraightLine


class CarsharingAccess:
    def access(self, latitude: float, longitude: float, radius_m: float) -> list[mobility.Access]:
        lat0, lat1, lon0, lon1 = bbox_around(latitude, longitude, radius_m)
        stations = Station.objects.filter(
            is_active=True,
            latitude__range=(lat0, lat1),
            longitude__range=(lon0, lon1),
            vehicles__status=Vehicle.Status.AVAILABLE,
        ).distinct()
        found = []
        for station in stations:
            metres = distance_m(latitude, longitude, station.latitude, station.longitude)
            if metres <= radius_m:
                found.append(
                    mobility.Access(
                        mode="carsharing",
                        name=station.name,
                        latitude=station.latitude,
                        longitude=station.longitude,
                        distance_m=round(metres),
                        url=reverse("carsharing:find"),
                        guaranteed=True,
                    )
                )
        return found


mobility.registry.register("carsharing.stations", CarsharingAccess())


# --- Journeys (core.mobility.journeys): the whole trip in a car of the nearest station that
# has one free for the slot (walk to the station, drive there, bring the car back after).

#: How far one walks to a car for a whole trip, metres (straight line).
STATION_RADIUS_M = 2000
#: The default booking: the outbound drive, this long there, and the drive back.
STAY = timedelta(hours=2)
DRIVE = StraightLine()


def _seconds(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, int]:
    m = DRIVE.matrix([a, b])
    return float(m.seconds[0, 1]), round(float(m.metres[0, 1]))


class CarsharingJourneys:
    def options(self, query: mobility.JourneyQuery) -> list[mobility.Option]:
        if query.purpose != mobility.WHOLE or query.needs.wheelchair:
            return []  # no adapted car in the fleets' model: never offered to a wheelchair user
        o, d = query.origin, query.destination
        lat0, lat1, lon0, lon1 = bbox_around(o.latitude, o.longitude, STATION_RADIUS_M)
        vehicles = (
            Vehicle.objects.bookable()
            .filter(station__latitude__range=(lat0, lat1), station__longitude__range=(lon0, lon1))
            .select_related("station", "organisation")
        )
        by_distance = sorted(
            (distance_m(o.latitude, o.longitude, v.station.latitude, v.station.longitude), v.pk, v)
            for v in vehicles
        )
        for metres, _pk, vehicle in by_distance:
            if metres > STATION_RADIUS_M:
                break
            station = mobility.Point(vehicle.station.latitude, vehicle.station.longitude,
                                     vehicle.station.name)  # fmt: skip
            drive_s, drive_m = _seconds((station.latitude, station.longitude),
                                        (d.latitude, d.longitude))  # fmt: skip
            walk = mobility.walk_leg(o, station, query.when, metres=metres)
            walk_s = walk.arrives - walk.departs
            if query.arrive_by:
                start = query.when - timedelta(seconds=drive_s)
                walk = mobility.walk_leg(o, station, start - walk_s, metres=metres)
            else:
                start = walk.arrives
            end = start + timedelta(seconds=2 * drive_s) + STAY
            row = service.availability([vehicle], start, end, query.user)[0]
            if not row["available"]:
                continue
            start, end = _minutes(start), _minutes(end, up=True)
            slot = urlencode({"start": _local(start), "end": _local(end)})
            km = round(2 * drive_m / 1000)
            cost = row["estimated_price"]
            if row["plan"] is not None:
                cost += pricing.distance_price(row["plan"], km)
            electric = vehicle.propulsion == Vehicle.Propulsion.ELECTRIC
            note = _(
                "back at %(station)s by %(end)s (change it when booking); price for %(km)s km"
            ) % {"station": station.label, "end": _local(end)[-5:], "km": km}
            drive = mobility.Leg(
                "carsharing", station, d, start, start + timedelta(seconds=drive_s), drive_m,
                cost=cost, needs_booking=True, name=f"{vehicle.name} ({vehicle.make})",
                booking_url=f"{reverse('carsharing:book', args=[vehicle.pk])}?{slot}",
                note=note,
                co2_mode="car_electric" if electric else "car_thermal",
            )  # fmt: skip
            legs = (walk, drive) if metres >= 30 else (drive,)
            return [mobility.Option(legs)]  # the nearest car only: the others are the same trip
        return []


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _minutes(moment: datetime, *, up: bool = False) -> datetime:
    """A booking slot in whole quarter-hours (the booking page's steps)."""
    base = moment.replace(second=0, microsecond=0)
    extra = base.minute % 15
    if extra == 0 and base == moment:
        return base
    return base + timedelta(minutes=15 - extra) if up else base - timedelta(minutes=extra)


mobility.journeys.register("carsharing.cars", CarsharingJourneys())
