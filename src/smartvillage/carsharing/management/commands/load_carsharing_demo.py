"""The car-sharing demo: Vercors Soleil's Zoé at La Chapelle-en-Vercors and a few more cars.

Best after ``load_demo`` (the territory, the Vercors Soleil organisation and its demo users);
creates what it needs otherwise. Safe to run twice: existing rows are kept, bookings and trips
are generated once per fleet (a month: the last two weeks and the next two).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    Fleet,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import pricing
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

# (station name, commune, place slug of the territory demo, lat, lon, charging point)
STATIONS = [
    ("Mairie de La Chapelle-en-Vercors", CHAPELLE, "mairie-la-chapelle-en-vercors",
     44.9700, 5.4150, True),
    ("Parking de la salle des fêtes, Vassieux", VASSIEUX, None, 44.8912, 5.3700, True),
    ("Place de l'église, Saint-Jean-en-Royans", SAINT_JEAN, None, 45.0190, 5.2920, False),
    ("Parking des Bains, Villard-de-Lans", VILLARD, None, 45.0705, 5.5535, True),
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
]  # fmt: skip

# (email, first name, last name, carsharing status)
MEMBERS = [
    ("energy@example.org", "Nadia", "Roche", CarshareMember.Status.APPROVED),
    ("resident@example.org", "Lucas", "Blanc", CarshareMember.Status.APPROVED),
    ("zoe.claire@example.org", "Claire", "Arnaud", CarshareMember.Status.APPROVED),
    ("zoe.gilles@example.org", "Gilles", "Peyrard", CarshareMember.Status.APPROVED),
    ("zoe.ines@example.org", "Inès", "Vial", CarshareMember.Status.UNDER_REVIEW),
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


def _user(email: str, first: str, last: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, PASSWORD, first_name=first, last_name=last)
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
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
    for i, (email, first, last, status) in enumerate(MEMBERS):
        user = _user(email, first, last)
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
    return {"vehicles": len(vehicles), "members": len(MEMBERS), "bookings": created}


def _bookings(vehicles: list[Vehicle], members: list[CarshareMember], now: datetime) -> int:
    rng = random.Random(26074)  # the same demo every time
    first_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    first_day -= timedelta(days=14)
    count = 0
    for vehicle in vehicles:
        odometer = rng.randint(20_000, 90_000)
        for start, end in _slots(rng, first_day, 28):
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
                Trip.objects.create(
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
    return count


class Command(BaseCommand):
    help = "Load the car-sharing demo (Vercors Soleil's Opération Zoé). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. The demo users share a published password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                _("DEBUG is off: use --allow-production to load the demo users anyway.")
            )
        counts = load()
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Car sharing: %(vehicles)s vehicles, %(members)s members, "
                    "%(bookings)s new bookings."
                )
                % counts
            )
