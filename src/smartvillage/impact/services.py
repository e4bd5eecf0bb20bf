"""Impact workflows: recomputing the monthly indicators, switching the emission-factor version.

The monthly rows are a cache of what the services did, rebuilt from their indicator providers
(core/indicators.py) by ``recompute`` inside one transaction: a reader sees the old rows or
the new ones, never half of each.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone

from smartvillage.core import audit, carpool, emissions, indicators, ridehome
from smartvillage.impact.models import (
    Challenge,
    EmissionFactorSet,
    EventCarpool,
    MemberMonthlyIndicator,
    MonthlyIndicator,
    Participation,
    RideHome,
)

TENTH = Decimal("0.1")
COUNTERS = ("trips", "shared_trips", "vehicle_trips", "occupants", "desk_days")
KMS = ("passenger_km", "car_km_avoided", "co2_avoided_kg")


@dataclass
class Recomputed:
    start: date
    end: date
    rows: int
    member_rows: int
    factor_version: str


def default_range(today: date | None = None) -> tuple[date, date]:
    """From January of last year to the end of this month, widened to the rows that exist."""
    today = today or timezone.localdate()
    start, end = date(today.year - 1, 1, 1), indicators.next_month(today)
    span = MonthlyIndicator.objects.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] and span["first"] < start:
        start = span["first"]
    if span["last"] and span["last"] >= end:
        end = indicators.next_month(span["last"])
    return start, end


def _co2(row: indicators.Activity, kg: dict[str, float]) -> float:
    co2 = row.car_km_avoided * kg[row.avoided_mode] if row.car_km_avoided else 0.0
    if row.emitted_km and row.emitted_mode:
        co2 -= row.emitted_km * kg[row.emitted_mode]
    return co2


def _tenth(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _new() -> list[float]:
    """Sums in the order of COUNTERS then KMS."""
    return [0.0] * (len(COUNTERS) + len(KMS))


def _add(acc: list[float], row: indicators.Activity, co2: float) -> None:
    # Spelled out: this runs once per activity row (a year at ×100 the demo: ~130,000).
    acc[0] += row.trips
    acc[1] += row.shared_trips
    acc[2] += row.vehicle_trips
    acc[3] += row.occupants
    acc[4] += row.desk_days
    acc[5] += row.passenger_km
    acc[6] += row.car_km_avoided
    acc[7] += co2


def _values(acc: list[float]) -> tuple[Any, ...]:
    counters = len(COUNTERS)
    return (*(int(v) for v in acc[:counters]), *(_tenth(v) for v in acc[counters:]))


def _insert(model: Any, keys: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Plain INSERTs with executemany: the ORM's bulk_create spends most of a recompute
    building SQL for every value (bench/impact.py); the rows are plain numbers and strings."""
    meta = model._meta
    names = [*keys, *COUNTERS, *KMS, "factor_version"]
    columns = ", ".join(connection.ops.quote_name(meta.get_field(n).column) for n in names)
    marks = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[i : i + 5000])


def recompute(start: date | None = None, end: date | None = None) -> Recomputed:
    """Rebuild the monthly rows of the months in [start, end) from every provider."""
    if start is None or end is None:
        start, end = default_range()
    start, end = indicators.month_start(start), indicators.month_start(end)
    table = emissions.current()
    version = table["car_thermal"].version
    kg = {mode: float(f.kg_per_km) for mode, f in table.items()}
    by_commune: dict[tuple[str, str, date], list[float]] = defaultdict(_new)
    people: dict[tuple[str, str, date], set[str]] = defaultdict(set)
    by_member: dict[tuple[int, str, str, date], list[float]] = defaultdict(_new)
    for row in indicators.activity(start, end):
        co2 = _co2(row, kg)
        key = (row.service, row.commune, row.month)
        _add(by_commune[key], row, co2)
        if row.person and row.trips + row.desk_days:
            people[key].add(row.person)
        if row.user_id is not None:
            _add(by_member[(row.user_id, row.service, row.commune, row.month)], row, co2)
    commune_rows = [
        (service, commune, month, len(people.get((service, commune, month), ())),
         *_values(acc), version)
        for (service, commune, month), acc in by_commune.items()
    ]  # fmt: skip
    member_rows = [
        (user_id, service, commune, month, *_values(acc), version)
        for (user_id, service, commune, month), acc in by_member.items()
    ]
    with transaction.atomic():
        MonthlyIndicator.objects.filter(month__gte=start, month__lt=end).delete()
        MemberMonthlyIndicator.objects.filter(month__gte=start, month__lt=end).delete()
        _insert(MonthlyIndicator, ["service", "commune_insee", "month", "people_served"],
                commune_rows)  # fmt: skip
        _insert(MemberMonthlyIndicator, ["user_id", "service", "commune_insee", "month"],
                member_rows)  # fmt: skip
        # Bump now and again at commit: a page cached meanwhile from the old rows is dropped.
        bump_generation()
        transaction.on_commit(bump_generation)
    return Recomputed(start, end, len(by_commune), len(by_member), version)


GENERATION_KEY = "impact:generation"


def bump_generation() -> None:
    from django.core.cache import cache

    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def generation() -> int:
    """Changes with every recompute: the key of the dashboards' cached figures."""
    from django.core.cache import cache

    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return int(value)


def make_current(factor_set: EmissionFactorSet, *, actor: Any = None) -> Recomputed:
    """Switch the current emission-factor version and recompute every figure with it."""
    with transaction.atomic():
        locked = EmissionFactorSet.objects.select_for_update().get(pk=factor_set.pk)
        EmissionFactorSet.objects.filter(is_current=True).exclude(pk=locked.pk).update(
            is_current=False
        )
        if not locked.is_current:
            locked.is_current = True
            locked.save(update_fields=["is_current"])
        result = recompute()
        audit.record(actor, "impact.factors.made_current", locked, version=locked.version)
    return result


# --- Challenges ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    code: str
    name: str
    description: str


def _badge_levels() -> dict[str, list[tuple[Decimal, str, str]]]:
    from django.utils.translation import gettext as _

    first, regular, champion = _("First step"), _("Regular"), _("Champion")
    return {
        Challenge.Metric.CAR_KM_AVOIDED: [
            (Decimal(1), first, _("A first car km avoided")),
            (Decimal(100), regular, _("100 car km avoided")),
            (Decimal(500), champion, _("500 car km avoided")),
        ],
        Challenge.Metric.CO2_AVOIDED_KG: [
            (Decimal(1), first, _("A first kg of CO2e avoided")),
            (Decimal(20), regular, _("20 kg of CO2e avoided")),
            (Decimal(100), champion, _("100 kg of CO2e avoided")),
        ],
        Challenge.Metric.SHARED_TRIPS: [
            (Decimal(1), first, _("A first shared trip")),
            (Decimal(10), regular, _("10 shared trips")),
            (Decimal(40), champion, _("40 shared trips")),
        ],
        Challenge.Metric.DESK_DAYS: [
            (Decimal(1), first, _("A first day at a third place")),
            (Decimal(5), regular, _("5 days at a third place")),
            (Decimal(20), champion, _("20 days at a third place")),
        ],
    }


def badges(metric: str, value: Decimal) -> list[Badge]:
    """The badges a participant's contribution has earned, lowest first."""
    return [
        Badge(f"{metric}-{threshold}", name, description)
        for threshold, name, description in _badge_levels()[metric]
        if value >= threshold
    ]


@dataclass
class Team:
    name: str
    insee_code: str
    participants: int
    value: Decimal


@dataclass
class Progress:
    value: Decimal
    target: Decimal
    participants: int
    teams: list[Team]
    per_user: dict[int, Decimal]
    versions: list[str]

    @property
    def percent(self) -> int:
        return min(100, int(self.value * 100 / self.target)) if self.target else 0


def progress(challenge: Challenge) -> Progress:
    """The participants' activity over the challenge's months (in its communes, if it names
    some), from the member rows: only members who opted in count."""
    from django.db.models import Sum

    metric = challenge.metric
    rows = MemberMonthlyIndicator.objects.filter(
        user__impact_participations__challenge=challenge,
        month__gte=challenge.first_month,
        month__lte=challenge.last_month,
    )
    codes = list(challenge.communes.values_list("insee_code", flat=True))
    if codes:
        rows = rows.filter(commune_insee__in=codes)
    per_user = {
        r["user_id"]: Decimal(r["v"] or 0)
        for r in rows.values("user_id").annotate(v=Sum(metric)).order_by()
    }
    participations = list(challenge.participants.select_related("commune"))
    teams: dict[str, Team] = {}
    for p in participations:
        code = p.commune.insee_code if p.commune else ""
        name = p.commune.name if p.commune else "—"
        team = teams.setdefault(code, Team(name, code, 0, Decimal(0)))
        team.participants += 1
        team.value += per_user.get(p.user_id, Decimal(0))
    ranking = sorted(teams.values(), key=lambda t: (-t.value, t.name))
    versions = sorted(set(rows.values_list("factor_version", flat=True).distinct()))
    return Progress(
        sum(per_user.values(), Decimal(0)), challenge.target, len(participations), ranking,
        per_user, versions,
    )  # fmt: skip


def join(challenge: Challenge, user: Any) -> Participation:
    participation, created = Participation.objects.get_or_create(
        challenge=challenge, user=user, defaults={"commune": getattr(user, "commune", None)}
    )
    if created:
        audit.record(user, "impact.challenge.joined", challenge)
    return participation


def leave(challenge: Challenge, user: Any) -> bool:
    deleted, _rows = Participation.objects.filter(challenge=challenge, user=user).delete()
    if deleted:
        audit.record(user, "impact.challenge.left", challenge)
    return bool(deleted)


# --- Guaranteed ride home ------------------------------------------------------------------------


def ride_home_quota() -> int:
    from django.conf import settings

    return int(getattr(settings, "IMPACT_RIDE_HOME_PER_YEAR", 4))


def rides_home_left(user: Any, today: date | None = None) -> int:
    year = (today or timezone.localdate()).year
    used = RideHome.objects.filter(
        user=user, status=RideHome.Status.BOOKED, created__year=year
    ).count()
    return max(0, ride_home_quota() - used)


def ask_ride_home(
    user: Any, origin: ridehome.Point, destination: ridehome.Point, at: Any
) -> RideHome:
    """Check the yearly quota, then ask the on-demand service (core/ridehome.py) for a
    priority trip; the answer, booked or refused, is kept. The quota is checked under a lock
    on the member's row so that two quick clicks cannot both pass it."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext as _

    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        ride = RideHome(
            user=user, origin_label=origin.label, origin_lat=origin.latitude,
            origin_lon=origin.longitude, destination_label=destination.label,
            destination_lat=destination.latitude, destination_lon=destination.longitude,
            wanted_at=at,
        )  # fmt: skip
        if rides_home_left(user) <= 0:
            ride.status = RideHome.Status.REFUSED
            ride.reason = _("You have used every guaranteed ride home of this year.")
        else:
            outcome = ridehome.request(user, origin, destination, at)
            if outcome.ok:
                ride.status = RideHome.Status.BOOKED
                ride.reference, ride.pickup_at = outcome.reference, outcome.pickup_at
            else:
                ride.status = RideHome.Status.REFUSED
                ride.reason = outcome.reason or _("No on-demand transport service can take it.")
        ride.save()
        audit.record(user, f"impact.ride_home.{ride.status}", ride, reference=ride.reference)
    return ride


# --- Event carpooling ----------------------------------------------------------------------------


def event_matches(post: EventCarpool) -> list[EventCarpool]:
    """The posts of the same event that fit ``post``: offers for a request and requests for an
    offer, same direction, from or to a commune within 15 km, departures within an hour."""
    from datetime import timedelta

    from smartvillage.core.geo import distance_m

    other = EventCarpool.Kind.OFFER if post.kind == EventCarpool.Kind.REQUEST else (
        EventCarpool.Kind.REQUEST
    )  # fmt: skip
    candidates = EventCarpool.objects.filter(
        event=post.event, kind=other, direction=post.direction, is_active=True,
        departure_at__range=(post.departure_at - timedelta(hours=1),
                             post.departure_at + timedelta(hours=1)),
    ).exclude(user=post.user).select_related("commune", "user")  # fmt: skip
    here = post.commune
    return [
        c for c in candidates
        if distance_m(here.latitude, here.longitude, c.commune.latitude, c.commune.longitude)
        <= 15_000
    ]  # fmt: skip


def network_offers(post: EventCarpool) -> list[carpool.Offer]:
    """Offers of the carpool network (rideshare, through core/carpool.py) for a request."""
    event, commune = post.event, post.commune
    home, venue = (commune.latitude, commune.longitude), (event.latitude, event.longitude)
    origin, destination = (home, venue) if post.direction == EventCarpool.Direction.TO else (
        venue, home
    )  # fmt: skip
    journey = carpool.Journey(origin, destination, post.departure_at, 30, post.seats)
    return carpool.matching_offers(journey)
