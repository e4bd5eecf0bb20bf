"""Adapter between the rideshare models and ``smartvillage.optim.matching`` (no Django there).

Trips (one-off and regular) become one :class:`~smartvillage.optim.matching.Offer` per
departure in the searched window; the optimiser's pre-filter and exact detour check choose;
the answers come back as trips with their departure and the match figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from smartvillage.core.traveltime import provider
from smartvillage.optim.matching import Match, MatchParams, Offer, OfferIndex, Query
from smartvillage.optim.traveltime import Point
from smartvillage.rideshare import conf
from smartvillage.rideshare.models import Block, Member, Trip

#: The longest trip considered when looking back for departures that reach A later.
MAX_TRIP_DURATION = timedelta(hours=4)


@dataclass(frozen=True)
class OfferMatch:
    trip: Trip
    departure: datetime
    match: Match

    @property
    def pickup(self) -> datetime:
        return datetime.fromtimestamp(self.match.pickup_s, tz=timezone.get_current_timezone())

    @property
    def detour_percent(self) -> int:
        return round(self.match.detour_ratio * 100)

    @property
    def shared_percent(self) -> int:
        return round(self.match.shared_ratio * 100)


def road_metres(a: Point, b: Point) -> int:
    """Road distance estimate between two points (the settings' travel-time provider)."""
    value = float(provider().matrix([a, b]).metres[0, 1])
    return round(value) if value != float("inf") else 0


def params(min_shared: float | None = None) -> MatchParams:
    return MatchParams(
        max_detour_ratio=conf.max_detour(),
        min_shared_ratio=conf.min_shared() if min_shared is None else min_shared,
    )


def route(trip: Trip) -> tuple[Point, ...]:
    # Sorted here, not with order_by(): that would bypass candidate_trips' prefetch (a query
    # per trip).
    via = [stop.point for stop in sorted(trip.via.all(), key=lambda stop: stop.pk)]
    return (
        (trip.origin_lat or 0.0, trip.origin_lon or 0.0),
        *via,
        (trip.destination_lat or 0.0, trip.destination_lon or 0.0),
    )


def departures(trip: Trip, start: datetime, end: datetime) -> list[datetime]:
    """The trip's departures in ``[start, end]`` (regular trips: each matching weekday)."""
    if trip.kind == Trip.Kind.ONE_OFF:
        return (
            [trip.departure_at] if trip.departure_at and start <= trip.departure_at <= end else []
        )
    if trip.departure_time is None:
        return []
    tz = timezone.get_current_timezone()
    days = trip.weekday_numbers()
    out = []
    day = timezone.localtime(start).date()
    while day <= timezone.localtime(end).date():
        if day.isoweekday() in days and (trip.valid_until is None or day <= trip.valid_until):
            moment = datetime.combine(day, trip.departure_time, tzinfo=tz)
            if start <= moment <= end:
                out.append(moment)
        day += timedelta(days=1)
    return out


def blocked_ids(member: Member) -> set[int]:
    """Members ``member`` blocked or was blocked by: never matched, either way."""
    rows = Block.objects.filter(Q(blocker=member) | Q(blocked=member))
    return {pk for pair in rows.values_list("blocker_id", "blocked_id") for pk in pair} - {
        member.pk
    }


def candidate_trips(start: datetime, end: datetime) -> Iterable[Trip]:
    one_off = Q(kind=Trip.Kind.ONE_OFF, departure_at__gte=start, departure_at__lte=end)
    regular = Q(kind=Trip.Kind.REGULAR) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localtime(start).date())
    )
    return (
        Trip.objects.active()
        .filter(one_off | regular, driver__status=Member.Status.VALIDATED, vehicle__is_active=True)
        .select_related("driver__user", "vehicle")
        .prefetch_related("via__place")
    )


def find_offers(
    member: Member | None,
    origin: Point,
    destination: Point,
    when: datetime,
    *,
    flex: timedelta = timedelta(minutes=30),
    seats: int = 1,
    min_shared: float | None = None,
) -> list[OfferMatch]:
    """Trips that can take ``member`` from ``origin`` to ``destination`` around ``when``."""
    start, end = when - flex - MAX_TRIP_DURATION, when + flex + timedelta(hours=2)
    excluded = blocked_ids(member) | {member.pk} if member else set()
    occurrences: list[tuple[Trip, datetime]] = []
    offers: list[Offer] = []
    for trip in candidate_trips(start, end):
        if trip.driver_id in excluded:
            continue
        for departure in departures(trip, start, end):
            offers.append(
                Offer(
                    id=len(offers),
                    route=route(trip),
                    departure_s=departure.timestamp(),
                    seats=trip.seats,
                    flex_s=trip.flex_minutes * 60.0,
                )
            )
            occurrences.append((trip, departure))
    if not offers:
        return []
    query = Query(origin, destination, when.timestamp(), seats=seats, flex_s=flex.total_seconds())
    found = OfferIndex(offers, params(min_shared)).search(query)
    return [OfferMatch(*occurrences[m.offer_id], match=m) for m in found]
