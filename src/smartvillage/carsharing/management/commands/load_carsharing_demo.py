"""The car-sharing demo: Vercors Soleil's Zoé at La Chapelle-en-Vercors and a few more cars.

Best after ``load_demo`` (the territory, the Vercors Soleil organisation and its demo users);
creates what it needs otherwise. Safe to run twice: existing rows are kept, bookings and trips
are generated once per fleet: the last 30 days (trips checked out and in, with km and prices, a
late cancellation, damage reports) and the next two weeks, so that this month's and last
month's statements have content; a maintenance is planned after that.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    Fleet,
    MaintenanceBlock,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import pricing
from smartvillage.core.management.demo import DemoCommand
from smartvillage.territory.models import Commune, Place

ORG_SLUG = "vercors-soleil"
PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)


@dataclass(frozen=True)
class DemoCommune:
    insee: str
    name: str
    departement: str
    latitude: float
    longitude: float


CHAPELLE = DemoCommune("26074", "La Chapelle-en-Vercors", "26", 44.972364, 5.412359)
VASSIEUX = DemoCommune("26364", "Vassieux-en-Vercors", "26", 44.880492, 5.374041)
SAINT_JEAN = DemoCommune("26307", "Saint-Jean-en-Royans", "26", 45.006615, 5.299919)
VILLARD = DemoCommune("38548", "Villard-de-Lans", "38", 45.06003, 5.543896)
LANS = DemoCommune("38205", "Lans-en-Vercors", "38", 45.120884, 5.590122)

# (station name, commune, place slug of the territory demo, lat, lon, charging point)
STATIONS = [
    ("Mairie de La Chapelle-en-Vercors", CHAPELLE, "mairie-la-chapelle-en-vercors",
     44.9700, 5.4150, True),
    ("Parking de la salle des fêtes, Vassieux", VASSIEUX, None, 44.8912, 5.3700, True),
    ("Place de l'église, Saint-Jean-en-Royans", SAINT_JEAN, None, 45.0190, 5.2920, False),
    ("Parking des Bains, Villard-de-Lans", VILLARD, None, 45.0705, 5.5535, True),
    ("Place de la mairie, Lans-en-Vercors", LANS, None, 45.1282, 5.5889, True),
]  # fmt: skip

# (name, make, model, propulsion, seats, range km, station index, key instructions)
VEHICLES = [
    ("Zoé de La Chapelle", "Renault", "Zoé", "electric", 5, 300, 0,
     "Boîte à clés à gauche de la porte de la mairie, code 2607."),
    ("Kangoo de Vassieux", "Renault", "Kangoo E-Tech", "electric", 5, 280, 1,
     "Boîte à clés sur le mur de la salle des fêtes, code 3641."),
    ("Clio du Royans", "Renault", "Clio", "combustion", 5, 700, 2,
     "Clés au bar-tabac de la place, aux heures d'ouverture."),
    ("e-208 de Villard", "Peugeot", "e-208", "electric", 5, 340, 3,
     "Boîte à clés près de la borne, code 5481."),
    ("Zoé de Lans", "Renault", "Zoé", "electric", 5, 240, 4,
     "Boîte à clés sous l'auvent de la mairie, code 3825."),
]  # fmt: skip

# (email, first name, last name, carsharing status, commune: the default "near" of the find page)
MEMBERS = [
    ("energy@example.org", "Nadia", "Roche", CarshareMember.Status.APPROVED, VILLARD),
    ("resident@example.org", "Lucas", "Blanc", CarshareMember.Status.APPROVED, CHAPELLE),
    ("zoe.claire@example.org", "Claire", "Arnaud", CarshareMember.Status.APPROVED, CHAPELLE),
    ("zoe.gilles@example.org", "Gilles", "Peyrard", CarshareMember.Status.APPROVED, VASSIEUX),
    ("zoe.ines@example.org", "Inès", "Vial", CarshareMember.Status.UNDER_REVIEW, SAINT_JEAN),
    ("zoe.marc@example.org", "Marc", "Faure", CarshareMember.Status.APPROVED, LANS),
]
MANAGER = ("zoe.manager@example.org", "Hélène", "Bouvier")


def _commune(c: DemoCommune) -> Commune:
    commune, _created = Commune.objects.get_or_create(
        insee_code=c.insee,
        defaults={
            "name": c.name,
            "departement": c.departement,
            "latitude": c.latitude,
            "longitude": c.longitude,
        },
    )
    return commune


def _user(email: str, first: str, last: str, commune: Commune | None = None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, PASSWORD, first_name=first, last_name=last, commune=commune
        )
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    elif user.commune_id is None and commune is not None:
        user.commune = commune
        user.save(update_fields=["commune"])
    return user


def _slots(rng: random.Random, first_day: datetime, days: int) -> list[tuple[datetime, datetime]]:
    """Non-overlapping slots for one car, at least 2 h apart (more than any charging buffer)."""
    tz = timezone.get_current_timezone()
    slots: list[tuple[datetime, datetime]] = []
    busy_until = first_day
    for day in range(days):
        date = (first_day + timedelta(days=day)).date()
        if rng.random() < 0.35:
            continue
        start = datetime.combine(date, time(rng.choice([7, 8, 9, 10, 13, 14, 17])), tzinfo=tz)
        end = start + timedelta(hours=rng.choice([2, 3, 4, 6, 10, 26]))
        if start < busy_until + timedelta(hours=2):
            continue
        slots.append((start, end))
        busy_until = end
    return slots


@transaction.atomic
def load(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    org, _created = Organisation.objects.get_or_create(
        slug=ORG_SLUG,
        defaults={"name": "Vercors Soleil", "kind": Organisation.Kind.COOPERATIVE},
    )
    fleet, _created = Fleet.objects.get_or_create(
        organisation=org,
        defaults={
            "name": "Opération Zoé",
            "contact_email": "zoe@vercors-soleil.example.org",
            "charging_buffer": timedelta(minutes=30),
        },
    )
    plan, _created = PricingPlan.objects.get_or_create(
        organisation=org,
        name="Tarif adhérent",
        defaults={
            "hourly_rate": Decimal("2.00"),
            "per_km_rate": Decimal("0.20"),
            "daily_cap": Decimal("25.00"),
            "membership_fee": Decimal("20.00"),
            "deposit": Decimal("150.00"),
            "is_default": True,
        },
    )
    solidarity, _created = PricingPlan.objects.get_or_create(
        organisation=org,
        name="Tarif solidaire",
        defaults={
            "hourly_rate": Decimal("1.00"),
            "per_km_rate": Decimal("0.15"),
            "daily_cap": Decimal("12.00"),
        },
    )
    stations = []
    for name, commune, place_slug, lat, lon, charging in STATIONS:
        station, _created = Station.objects.get_or_create(
            organisation=org,
            name=name,
            defaults={
                "commune": _commune(commune),
                "place": Place.objects.filter(slug=place_slug).first() if place_slug else None,
                "latitude": lat,
                "longitude": lon,
                "has_charging_point": charging,
                "parking_instructions": "Place réservée « Autopartage », marquage au sol vert.",
            },
        )
        stations.append(station)
    vehicles = []
    for name, make, model, propulsion, seats, range_km, station_index, keys in VEHICLES:
        vehicle, _created = Vehicle.objects.get_or_create(
            organisation=org,
            name=name,
            defaults={
                "station": stations[station_index],
                "make": make,
                "model": model,
                "propulsion": propulsion,
                "seats": seats,
                "range_km": range_km,
                "charge_percent": 85,
                "key_instructions": keys,
                "pricing_plan": plan,
            },
        )
        vehicles.append(vehicle)

    manager = _user(*MANAGER)
    Membership.objects.get_or_create(
        user=manager, organisation=org, defaults={"role": Membership.Role.ADMIN}
    )
    members = []
    for i, (email, first, last, status, home) in enumerate(MEMBERS):
        user = _user(email, first, last, _commune(home))
        Membership.objects.get_or_create(user=user, organisation=org)
        member, _created = CarshareMember.objects.get_or_create(
            user=user,
            organisation=org,
            defaults={
                "licence_number": f"26{i:02d}0{i + 4}5678{i}",
                "licence_expiry": (now + timedelta(days=365 * (3 + i))).date(),
                "status": status,
                "plan": solidarity if i == 1 else None,
                "reviewed_by": manager if status == CarshareMember.Status.APPROVED else None,
            },
        )
        if status == CarshareMember.Status.APPROVED:
            members.append(member)

    created = 0
    if not Booking.objects.filter(vehicle__organisation=org).exists():
        created = _bookings(vehicles, members, now)
        _follow_ups(org, vehicles, manager, now)
    return {"vehicles": len(vehicles), "members": len(MEMBERS), "bookings": created}


PAST_DAYS = 30  # a month of trips behind, for this month's and last month's statements
NEXT_DAYS = 14


def _bookings(vehicles: list[Vehicle], members: list[CarshareMember], now: datetime) -> int:
    rng = random.Random(26074)  # the same demo every time
    first_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    first_day -= timedelta(days=PAST_DAYS)
    count = 0
    for vehicle in vehicles:
        odometer = rng.randint(20_000, 90_000)
        for start, end in _slots(rng, first_day, PAST_DAYS + NEXT_DAYS):
            member = rng.choice(members)
            plan = member.plan or vehicle.pricing_plan
            assert plan is not None
            booking = Booking.objects.create(
                vehicle=vehicle,
                member=member,
                starts_at=start,
                ends_at=end,
                estimated_price=pricing.time_price(plan, start, end),
            )
            count += 1
            if end <= now:
                km = rng.randint(8, 160)
                price = pricing.price(plan, start, end, km)
                trip = Trip.objects.create(
                    booking=booking,
                    checked_out_at=start + timedelta(minutes=rng.randint(0, 15)),
                    odometer_start=odometer,
                    battery_start=rng.randint(70, 100),
                    checked_in_at=end - timedelta(minutes=rng.randint(0, 20)),
                    odometer_end=odometer + km,
                    battery_end=rng.randint(25, 70),
                    cleanliness=rng.choice(Trip.Cleanliness.values[:2]),
                    time_price=price.time,
                    km_price=price.distance,
                    total_price=price.total,
                )
                odometer += km
                vehicle.charge_percent = trip.battery_end or 80
        vehicle.save(update_fields=["charge_percent"])
    # One late cancellation with its fee (past bookings are otherwise all driven).
    upcoming = (
        Booking.objects.filter(vehicle__in=vehicles, starts_at__gt=now + timedelta(days=3))
        .select_related("member")
        .order_by("starts_at")
        .first()
    )
    if upcoming is not None:
        fleet = Fleet.objects.get(organisation_id=upcoming.vehicle.organisation_id)
        cancelled_at = now - timedelta(days=2)
        upcoming.status = Booking.Status.CANCELLED
        upcoming.cancelled_at = cancelled_at
        upcoming.cancellation_fee = pricing.to_cents(
            upcoming.estimated_price * fleet.late_cancellation_fee_percent / 100
        )
        upcoming.save(update_fields=["status", "cancelled_at", "cancellation_fee"])
    return count


def _follow_ups(org: Organisation, vehicles: list[Vehicle], manager: User, now: datetime) -> None:
    """Damage reports at different stages of their follow-up, and a planned maintenance after
    the generated bookings (so it overlaps none)."""
    trips = list(
        Trip.objects.filter(booking__vehicle__in=vehicles, checked_in_at__isnull=False)
        .select_related("booking__member__user", "booking__vehicle")
        .order_by("checked_in_at")
    )
    reports = [
        (trips[0], DamageReport.Stage.CHECK_OUT, "Rayure sur le pare-chocs arrière, côté gauche.",
         DamageReport.Status.CLOSED, "Polissage au garage de La Chapelle, 60 €."),
        (trips[len(trips) // 2], DamageReport.Stage.CHECK_IN,
         "Rétroviseur droit fendu après un passage étroit à Vassieux.",
         DamageReport.Status.IN_REPAIR, "Pièce commandée, pose prévue la semaine prochaine."),
        (trips[-1], DamageReport.Stage.CHECK_IN, "Tapis de sol arrière très boueux.",
         DamageReport.Status.OPEN, ""),
    ] if len(trips) >= 3 else []  # fmt: skip
    for trip, stage, description, status, notes in reports:
        booking = trip.booking
        DamageReport.objects.create(
            vehicle=booking.vehicle,
            booking=booking,
            reported_by=booking.member.user,
            stage=stage,
            description=description,
            status=status,
            notes=notes,
            resolved_at=now if status == DamageReport.Status.CLOSED else None,
        )
    day = timezone.localtime(now).date() + timedelta(days=NEXT_DAYS + 2)
    tz = timezone.get_current_timezone()
    MaintenanceBlock.objects.get_or_create(
        vehicle=vehicles[2],
        reason="Vidange et pneus hiver",
        defaults={
            "starts_at": datetime.combine(day, time(8), tzinfo=tz),
            "ends_at": datetime.combine(day, time(18), tzinfo=tz),
            "created_by": manager,
        },
    )


class Command(DemoCommand):
    help = "Load the car-sharing demo (Vercors Soleil's Opération Zoé). Safe to run twice."

    def load(self, **options: Any) -> None:
        counts = load()
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Car sharing: %(vehicles)s vehicles, %(members)s members, "
                    "%(bookings)s new bookings."
                )
                % counts
            )
