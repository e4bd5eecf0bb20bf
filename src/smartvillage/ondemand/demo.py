"""The on-demand transport demo: La Paz's solidarity transport on the Vercors drômois plateau.

Real places of the area (village centres of La Chapelle-en-Vercors, Saint-Agnan, Vassieux,
Saint-Martin and Saint-Julien, the market of Saint-Jean-en-Royans down in the Royans), a
minibus with a wheelchair place and two electric cars, volunteer drivers (the territory demo's
driver and invented ones), a salaried driver for when no volunteer is free, invented
beneficiaries (some without email) and a week of bookings made through the booking service.
Positions are approximate village centres, not stop poles. Safe to run twice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.ondemand.models import (
    Availability,
    Beneficiary,
    Booking,
    Driver,
    RecurringBooking,
    Service,
    Stop,
    Vehicle,
)
from smartvillage.territory.models import Commune, Place

ORG_SLUG = "la-paz"
SERVICE_SLUG = "la-paz"
PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)


@dataclass(frozen=True)
class DemoCommune:
    insee: str
    name: str
    latitude: float
    longitude: float


COMMUNES = {
    "chapelle": DemoCommune("26074", "La Chapelle-en-Vercors", 44.9697, 5.4153),
    "agnan": DemoCommune("26290", "Saint-Agnan-en-Vercors", 44.9350, 5.4300),
    "vassieux": DemoCommune("26364", "Vassieux-en-Vercors", 44.8956, 5.3711),
    "martin": DemoCommune("26315", "Saint-Martin-en-Vercors", 45.0233, 5.4439),
    "julien": DemoCommune("26309", "Saint-Julien-en-Vercors", 45.0517, 5.4500),
    "saint-jean": DemoCommune("26307", "Saint-Jean-en-Royans", 45.0197, 5.2917),
}

# (key, place slug, name, commune key, lat, lon, where to wait). Slugs of the territory demo
# where it has the place; the others are created here.
STOPS = [
    ("chapelle", "arret-la-chapelle-centre", "La Chapelle-en-Vercors – Centre", "chapelle",
     44.9703, 5.4142, "Devant la mairie"),
    ("chapelle-sante", "sante-la-chapelle-en-vercors",
     "Centre de santé (démo) de La Chapelle-en-Vercors", "chapelle", 44.9705, 5.4135, ""),
    ("agnan", "tad-saint-agnan-centre", "Saint-Agnan-en-Vercors – Centre", "agnan",
     44.9350, 5.4300, "Place de l'église"),
    ("vassieux", "arret-vassieux-centre", "Vassieux-en-Vercors – Centre", "vassieux",
     44.8960, 5.3720, "Devant la mairie"),
    ("martin", "tad-saint-martin-centre", "Saint-Martin-en-Vercors – Centre", "martin",
     45.0233, 5.4439, "Place du village"),
    ("julien", "tad-saint-julien-centre", "Saint-Julien-en-Vercors – Centre", "julien",
     45.0517, 5.4500, "Devant la mairie"),
    ("market", "tad-marche-saint-jean-en-royans", "Marché de Saint-Jean-en-Royans",
     "saint-jean", 45.0195, 5.2925, "Place du marché"),
]  # fmt: skip

# (name, kind, seats, wheelchair places, base stop key)
VEHICLES = [
    ("Minibus de La Paz", Vehicle.Kind.MINIBUS, 8, 1, "chapelle"),
    ("Zoé solidaire", Vehicle.Kind.ELECTRIC_CAR, 4, 0, "chapelle"),
    ("e-208 solidaire", Vehicle.Kind.ELECTRIC_CAR, 4, 0, "martin"),
]

# (email, first, last, kind, home stop, weekdays, from, until)
DRIVERS = [
    ("driver@example.org", "Marie-Thérèse", "Rey", Driver.Kind.VOLUNTEER, "vassieux",
     "1234", time(8), time(18)),
    ("tad.gerard@example.org", "Gérard", "Vignon", Driver.Kind.VOLUNTEER, "agnan",
     "235", time(8), time(14)),
    ("tad.annie@example.org", "Annie", "Chabert", Driver.Kind.VOLUNTEER, "martin",
     "145", time(9), time(18)),
    ("tad.salarie@example.org", "Karim", "Belkacem", Driver.Kind.SALARIED, "chapelle",
     "12345", time(7, 30), time(18, 30)),
]  # fmt: skip

# Invented people: (first, last, phone, email, home stop, wheelchair)
PEOPLE = [
    ("Jeanne", "Martin", "06 00 00 00 01", "", "vassieux", False),
    ("Marcel", "Arnaud", "06 00 00 00 02", "", "agnan", False),
    ("Odette", "Bouvier", "04 75 00 00 03", "", "julien", True),
    ("René", "Faure", "06 00 00 00 04", "rene.faure@example.org", "martin", False),
    ("Simone", "Gauthier", "04 75 00 00 05", "", "chapelle", False),
    ("Louis", "Rey", "06 00 00 00 06", "", "vassieux", False),
    ("Yvonne", "Jullien", "06 00 00 00 07", "", "agnan", False),
    ("Paulette", "Mathieu", "04 75 00 00 08", "", "julien", False),
    ("Henri", "Chabert", "06 00 00 00 09", "henri.chabert@example.org", "martin", False),
    ("Ginette", "Roux", "06 00 00 00 10", "", "chapelle", False),
]

ZONE = {  # a rough outline of the plateau and the road down to Saint-Jean-en-Royans
    "type": "Polygon",
    "coordinates": [[
        [5.27, 44.86], [5.47, 44.86], [5.49, 45.07], [5.40, 45.08], [5.27, 45.04], [5.27, 44.86],
    ]],
}  # fmt: skip


def _commune(key: str) -> Commune:
    c = COMMUNES[key]
    commune, _created = Commune.objects.get_or_create(
        insee_code=c.insee,
        defaults={"name": c.name, "departement": "26", "latitude": c.latitude,
                  "longitude": c.longitude},
    )  # fmt: skip
    return commune


def _user(email: str, first: str, last: str, commune: Commune | None = None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, PASSWORD, first_name=first, last_name=last, commune=commune
        )
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    return user


@transaction.atomic
def load_setup() -> Service:
    """The organisation's service, stops, vehicles, drivers and beneficiaries (idempotent)."""
    org, _created = Organisation.objects.get_or_create(
        slug=ORG_SLUG,
        defaults={"name": "Centre social La Paz", "kind": Organisation.Kind.ASSOCIATION},
    )
    communes = {key: _commune(key) for key in COMMUNES}
    service, created = Service.objects.get_or_create(
        slug=SERVICE_SLUG,
        defaults={
            "organisation": org,
            "name": "Transport solidaire La Paz",
            "description": "Transport à la demande pour les habitants sans voiture du Vercors "
            "drômois : bénévoles, voitures électriques et minibus du centre social.",
            "days": "12345",
            "start_time": time(8),
            "end_time": time(18),
            "min_notice": timedelta(hours=48),
            "max_advance": timedelta(days=30),
            "cancellation_deadline": timedelta(hours=24),
            "fare_kind": Service.Fare.FIXED,
            "fare_amount": Decimal("2.00"),
            "phone": "04 75 00 00 00",
            "instructions": "Appelez le centre social au moins 48 h avant, du lundi au vendredi. "
            "Attendez à l'arrêt 5 minutes avant le début du créneau.",
            "zone_geojson": ZONE,
        },
    )
    if created:
        service.communes.set(communes.values())
    stops: dict[str, Stop] = {}
    for key, slug, name, commune, lat, lon, where in STOPS:
        place, _c = Place.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "commune": communes[commune], "latitude": lat,
                      "longitude": lon, "kind": Place.Kind.STOP},
        )  # fmt: skip
        stops[key], _c = Stop.objects.get_or_create(
            service=service, place=place, defaults={"instructions": where}
        )
    for name, vehicle_kind, seats, chairs, base in VEHICLES:
        Vehicle.objects.get_or_create(
            organisation=org, name=name,
            defaults={"kind": vehicle_kind, "seats": seats, "wheelchair_places": chairs,
                      "home_base": stops[base].place},
        )  # fmt: skip
    for email, first, last, kind, home, days, start, end in DRIVERS:
        user = _user(email, first, last)
        Membership.objects.get_or_create(
            user=user, organisation=org, defaults={"role": Membership.Role.DRIVER}
        )
        driver, made = Driver.objects.get_or_create(
            organisation=org, user=user,
            defaults={"kind": kind, "home": stops[home].place, "max_distance_km": 40},
        )  # fmt: skip
        if made:
            for day in days:
                Availability.objects.create(
                    driver=driver, weekday=int(day), start_time=start, end_time=end
                )
    for first, last, phone, email, home, chair in PEOPLE:
        Beneficiary.objects.get_or_create(
            organisation=org, first_name=first, last_name=last,
            defaults={"phone": phone, "email": email, "uses_wheelchair": chair,
                      "commune": stops[home].place.commune, "is_registered": True},
        )  # fmt: skip
    resident = User.objects.filter(email="resident@example.org").first()
    if resident is not None:
        Beneficiary.objects.get_or_create(
            organisation=org, user=resident,
            defaults={"first_name": resident.first_name, "last_name": resident.last_name,
                      "commune": resident.commune, "is_registered": True},
        )  # fmt: skip
    return service


# Typical trips: (from, to, time kind, hour, minute)
PATTERNS = [
    ("vassieux", "chapelle-sante", "arrive_by", 9, 0),
    ("agnan", "chapelle", "leave_at", 9, 30),
    ("julien", "chapelle", "arrive_by", 10, 0),
    ("martin", "chapelle-sante", "arrive_by", 10, 30),
    ("chapelle", "vassieux", "leave_at", 11, 30),
    ("chapelle", "agnan", "leave_at", 12, 0),
    ("chapelle-sante", "martin", "leave_at", 14, 0),
    ("chapelle", "julien", "leave_at", 16, 0),
    ("vassieux", "agnan", "leave_at", 14, 30),
    ("martin", "julien", "leave_at", 15, 0),
]


def load_bookings(service: Service, now: datetime | None = None, days: int = 7) -> dict[str, int]:
    """A week of bookings from the day after tomorrow, made through the booking service."""
    from smartvillage.ondemand.services import booking as service_booking

    now = now or timezone.now()
    counts = {"booked": 0, "refused": 0}
    if Booking.objects.filter(service=service).exists():
        return counts
    rng = random.Random(4)
    stops = {s.place.slug: s for s in service.stops.select_related("place")}
    by_key = {key: stops[slug] for key, slug, *_rest in STOPS}
    people = list(Beneficiary.objects.filter(organisation=service.organisation, user__isnull=True))
    first = timezone.localdate(now) + timedelta(days=2)
    for offset in range(days):
        day = first + timedelta(days=offset)
        if not service.runs_on(day):
            continue
        market = day.isoweekday() == 3
        patterns = rng.sample(PATTERNS, k=rng.randint(6, len(PATTERNS)))
        if market:  # market day: the minibus loop down to Saint-Jean-en-Royans
            villages = ("vassieux", "agnan", "chapelle", "julien")
            patterns += [(k, "market", "arrive_by", 9, 30) for k in villages]
            patterns += [("market", "chapelle", "leave_at", 11, 30)]
        for origin, destination, kind, hour, minute in patterns:
            person = rng.choice(people)
            moment = timezone.make_aware(datetime.combine(day, time(hour, minute)))
            req = service_booking.TripRequest(
                service=service, beneficiary=person,
                origin=service_booking.Endpoint.of_stop(by_key[origin]),
                destination=service_booking.Endpoint.of_stop(by_key[destination]),
                time_kind=kind, requested_time=moment,
                passengers=1 + int(rng.random() < 0.15), wheelchair=person.uses_wheelchair,
                companion=rng.random() < 0.1,
            )  # fmt: skip
            try:
                service_booking.book(None, req, now=now, check_notice=False,
                                     notify_passenger=False)  # fmt: skip
                counts["booked"] += 1
            except ValidationError:
                counts["refused"] += 1
    _recurring(service, by_key, people)
    return counts


def _recurring(service: Service, stops: dict[str, Stop], people: list[Beneficiary]) -> Any:
    if RecurringBooking.objects.filter(service=service).exists() or not people:
        return None
    return RecurringBooking.objects.create(
        service=service, beneficiary=people[0], weekdays="3", origin_stop=stops["vassieux"],
        destination_stop=stops["market"], time_kind=Booking.TimeKind.ARRIVE_BY, time=time(9, 30),
        start_date=timezone.localdate(),
    )  # fmt: skip
