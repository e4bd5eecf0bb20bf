"""The third-places demo: La Jolie Colo (Autrans-Méaudre) and the North Vercors coworking
spaces of the UTO-PIC network, with desks, rooms, machines, passes, events and a month of
bookings (the last two weeks and the next two).

The organisations are real (territory demo); the spaces, prices, hours, people and bookings
are invented for the demo. Best after ``load_demo``; creates what it needs otherwise. Safe to
run twice: rows are keyed (slugs, names, emails, UIDs) and bookings are generated once per place.
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
from smartvillage.core.management.demo import DemoCommand
from smartvillage.territory.models import Commune, Place
from smartvillage.thirdplaces import hours, impact
from smartvillage.thirdplaces.models import (
    Booking,
    Event,
    MemberPass,
    OpeningHours,
    PassProduct,
    Space,
    ThirdPlace,
    Workplace,
)
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services.passes import valid_until

PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)

# (INSEE, name, departement, lat, lon, population): from territory/data/communes_38_26.csv.
COMMUNES = {
    "38225": ("Autrans-Méaudre en Vercors", "38", 45.168322, 5.545108, 2936),
    "38205": ("Lans-en-Vercors", "38", 45.120884, 5.590122, 2751),
    "38548": ("Villard-de-Lans", "38", 45.06003, 5.543896, 4328),
    "38433": ("Saint-Nizier-du-Moucherotte", "38", 45.164871, 5.631445, 1162),
    "38153": ("Engins", "38", 45.193114, 5.609131, 422),
    "38185": ("Grenoble", "38", 45.182195, 5.721124, 156140),
    "38421": ("Saint-Martin-d'Hères", "38", 45.176146, 5.765011, 37695),
}


@dataclass(frozen=True)
class DemoPlace:
    slug: str
    name: str
    org: str
    insee: str
    lat: float
    lon: float
    address: str
    description: str
    services: tuple[str, ...]
    desks: int
    rooms: tuple[tuple[str, int, str], ...]  # (name, seats, price per hour)
    machines: tuple[tuple[str, str], ...] = ()  # (name, price per hour)


WEEKDAYS = range(5)
PLACES = [
    DemoPlace(
        "la-jolie-colo", "La Jolie Colo", "la-jolie-colo", "38225", 45.1700, 5.5390,
        "Route d'Autrans, 38880 Autrans-Méaudre en Vercors",
        "Tiers-lieu créatif et numérique né d'un projet d'habitants dans une ancienne colonie "
        "de vacances : bureaux partagés, salle de réunion, atelier de fabrication, café associatif "
        "et rencontres.",
        ("coworking", "meeting_rooms", "fablab", "cafe", "digital_help", "events"),
        10, (("Salle du réfectoire", 14, "20.00"),),
        (("Découpeuse laser", "12.00"), ("Imprimante 3D", "4.00")),
    ),
    DemoPlace(
        "uto-pic-lans", "Coworking UTO-PIC de Lans-en-Vercors", "uto-pic", "38205", 45.1275,
        5.5880, "Centre village, 38250 Lans-en-Vercors",
        "Espace de coworking du réseau UTO-PIC au cœur du village : open space lumineux, "
        "salle de visio, café.",
        ("coworking", "meeting_rooms", "cafe", "events"), 8, (("Salle de visio", 6, "12.00"),),
    ),
    DemoPlace(
        "uto-pic-villard", "Coworking UTO-PIC de Villard-de-Lans", "uto-pic", "38548", 45.0712,
        5.5530, "Près de la gare routière, 38250 Villard-de-Lans",
        "Coworking du réseau UTO-PIC à Villard-de-Lans : postes fixes ou nomades, salle de "
        "réunion, permanence d'aide numérique le mardi.",
        ("coworking", "meeting_rooms", "digital_help", "events"), 12,
        (("Salle Gerbier", 10, "18.00"),),
    ),
    DemoPlace(
        "uto-pic-saint-nizier", "Espace partagé UTO-PIC de Saint-Nizier", "uto-pic", "38433",
        45.1650, 5.6310, "38250 Saint-Nizier-du-Moucherotte",
        "Petit espace de travail partagé du réseau UTO-PIC, à vingt minutes de Grenoble.",
        ("coworking",), 5, (),
    ),
]  # fmt: skip

# (email, first name, last name, workplace label, workplace INSEE, home INSEE)
COWORKERS = [
    ("resident@example.org", "Lucas", "Blanc", "", "", ""),
    ("energy@example.org", "Nadia", "Roche", "Bureaux à Grenoble", "38185", "38548"),
    ("cowork.amelie@example.org", "Amélie", "Durand", "Siège à Grenoble", "38185", "38225"),
    ("cowork.bruno@example.org", "Bruno", "Chabert", "Campus de Saint-Martin-d'Hères", "38421",
     "38205"),
    ("cowork.chloe@example.org", "Chloé", "Martin", "Agence à Grenoble", "38185", "38548"),
    ("cowork.david@example.org", "David", "Giraud", "", "", "38433"),
    ("cowork.emma@example.org", "Emma", "Perrin", "Laboratoire à Grenoble", "38185", "38153"),
    ("cowork.farid@example.org", "Farid", "Benali", "Bureaux à Grenoble", "38185", "38225"),
]  # fmt: skip
UTO_PIC_MANAGER = ("coworking.manager@example.org", "Sophie", "Vallier")
JOLIE_COLO_MANAGER = ("thirdplace@example.org", "Théo", "Bonnet")

# (title, kind, day offset, start hour, hours, capacity, place slug, description)
EVENTS = [
    ("Atelier découverte de l'impression 3D", "workshop", 3, 14, 2, 8, "la-jolie-colo",
     "Du fichier à l'objet : on imprime ensemble une pièce utile."),
    ("Permanence numérique : démarches en ligne", "digital_help", 5, 9, 3, 6, "la-jolie-colo",
     "Aide individuelle pour les démarches administratives, sur rendez-vous."),
    ("Apéro des coworkers du plateau", "meetup", 8, 18, 2, 30, "la-jolie-colo",
     "Rencontre des travailleurs nomades et des habitants."),
    ("Permanence d'aide numérique", "digital_help", 4, 9, 3, 5, "uto-pic-villard",
     "Smartphone, courriel, sécurité : venez avec vos questions."),
    ("Petit-déjeuner du réseau UTO-PIC", "meetup", 10, 8, 2, 20, "uto-pic-lans",
     "Les coworkers des espaces du Vercors nord se retrouvent."),
    ("Atelier découpe laser", "workshop", 12, 14, 3, 6, "la-jolie-colo",
     "Prise en main de la découpeuse laser (habilitation machine)."),
]  # fmt: skip


def _commune(insee: str) -> Commune:
    name, dep, lat, lon, population = COMMUNES[insee]
    commune, _created = Commune.objects.get_or_create(
        insee_code=insee,
        defaults={
            "name": name,
            "departement": dep,
            "latitude": lat,
            "longitude": lon,
            "population": population,
        },
    )
    return commune


def _user(email: str, first: str, last: str, home: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            PASSWORD,
            first_name=first,
            last_name=last,
            commune=_commune(home) if home else None,
        )
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    return user


def _organisation(slug: str) -> Organisation:
    names = {"la-jolie-colo": "La Jolie Colo", "uto-pic": "UTO-PIC"}
    kinds = {
        "la-jolie-colo": Organisation.Kind.THIRD_PLACE,
        "uto-pic": Organisation.Kind.ASSOCIATION,
    }
    org, _created = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": names[slug], "kind": kinds[slug]}
    )
    return org


def _place(demo: DemoPlace) -> ThirdPlace:
    defaults: dict[str, Any] = {
        "organisation": _organisation(demo.org),
        "name": demo.name,
        "description": demo.description,
        "commune": _commune(demo.insee),
        "place": Place.objects.filter(slug=demo.slug).first(),
        "address": demo.address,
        "latitude": demo.lat,
        "longitude": demo.lon,
        "email": f"contact@{demo.slug}.example.org",
        "accessibility": "Accès de plain-pied, toilettes adaptées, parking à 50 m.",
        "wheelchair_accessible": demo.slug != "uto-pic-saint-nizier",
    }
    for service_name in demo.services:
        defaults[f"has_{service_name}"] = True
    place, created = ThirdPlace.objects.get_or_create(slug=demo.slug, defaults=defaults)
    if created:
        for weekday in WEEKDAYS:
            OpeningHours.objects.create(
                third_place=place, weekday=weekday, opens=time(8, 30), closes=time(18, 30)
            )
        if demo.slug == "la-jolie-colo":  # the fablab opens on Saturdays
            OpeningHours.objects.create(
                third_place=place, weekday=5, opens=time(10), closes=time(17)
            )
        Space.objects.create(
            third_place=place,
            name="Open space",
            kind=Space.Kind.DESKS,
            capacity=demo.desks,
            price_half_day=Decimal("8.00"),
            price_day=Decimal("14.00"),
        )
        for name, seats, price in demo.rooms:
            Space.objects.create(
                third_place=place,
                name=name,
                kind=Space.Kind.ROOM,
                capacity=seats,
                price_hour=Decimal(price),
                max_hours=10,
            )
        for name, price in demo.machines:
            Space.objects.create(
                third_place=place,
                name=name,
                kind=Space.Kind.MACHINE,
                price_hour=Decimal(price),
                max_hours=8,
            )
        for name, kind, price, visits, days in [
            ("Journée découverte", PassProduct.Kind.DAY_PASS, "12.00", 1, 365),
            ("Carte 10 entrées", PassProduct.Kind.CARD, "110.00", 10, 365),
            ("Abonnement mensuel", PassProduct.Kind.MONTHLY, "150.00", None, 31),
        ]:
            PassProduct.objects.create(
                third_place=place,
                name=name,
                kind=kind,
                price=Decimal(price),
                visits=visits,
                validity_days=days,
            )
    return place


def _bookings(place: ThirdPlace, users: list[User], now: datetime, rng: random.Random) -> int:
    today = timezone.localdate(now)
    desks = place.spaces.get(kind=Space.Kind.DESKS)
    rooms = list(place.spaces.exclude(kind=Space.Kind.DESKS))
    count = 0
    for offset in range(-14, 15):
        day = today + timedelta(days=offset)
        periods = hours.half_days(place, day)
        if not periods:
            continue
        for user in rng.sample(users, k=min(len(users), rng.randint(1, desks.capacity))):
            period = rng.choice(["day", "day", "morning", "afternoon"])
            if period not in periods:
                continue
            start, end = periods[period]
            if service.free_units(desks, start, end) < 1:
                continue
            unit = desks.price_day if period == "day" else desks.price_half_day
            Booking.objects.create(
                space=desks,
                user=user,
                period=period,
                starts_at=start,
                ends_at=end,
                price=unit,
                avoided_km=impact.avoided_km_for(user, place),
            )
            count += 1
        for room in rooms:
            if rng.random() < 0.5:
                continue
            first_open = periods["day"][0]
            start = first_open.replace(minute=0) + timedelta(hours=rng.randint(1, 6))
            end = start + timedelta(hours=rng.choice([1, 2, 3]))
            if not hours.is_open_during(place, start, end):
                continue
            Booking.objects.create(
                space=room,
                user=rng.choice(users),
                period=Booking.Period.HOURS,
                starts_at=start,
                ends_at=end,
                exclusive=True,
                price=service.price_of(room, service.Slot("hours", start, end), 1, False),
            )
            count += 1
    return count


def _events(places: dict[str, ThirdPlace], now: datetime) -> int:
    created = 0
    today = timezone.localdate(now)
    tz = timezone.get_current_timezone()
    for title, kind, offset, hour, length, capacity, slug, description in EVENTS:
        start = datetime.combine(today + timedelta(days=offset), time(hour), tzinfo=tz)
        _event, was_created = Event.objects.get_or_create(
            third_place=places[slug],
            uid=f"demo-{slug}-{offset}-{hour}@smartvillage.example.org",
            defaults={
                "title": title,
                "kind": kind,
                "description": description,
                "starts_at": start,
                "ends_at": start + timedelta(hours=length),
                "capacity": capacity,
            },
        )
        created += was_created
    return created


@transaction.atomic
def load(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    places = {demo.slug: _place(demo) for demo in PLACES}
    managers = [
        (_user(*JOLIE_COLO_MANAGER), "la-jolie-colo"),
        (_user(*UTO_PIC_MANAGER), "uto-pic"),
    ]
    for user, slug in managers:
        Membership.objects.get_or_create(
            user=user, organisation=_organisation(slug), defaults={"role": Membership.Role.ADMIN}
        )
    users = []
    for email, first, last, label, work, home in COWORKERS:
        user = _user(email, first, last, home)
        users.append(user)
        if label:
            Workplace.objects.get_or_create(
                user=user,
                defaults={
                    "label": label,
                    "commune": _commune(work),
                    "home_commune": _commune(home) if home else None,
                },
            )
    rng = random.Random(38225)  # the same demo every time
    bookings = 0
    for place in places.values():
        if not Booking.objects.filter(space__third_place=place).exists():
            bookings += _bookings(place, users, now, rng)
    card = PassProduct.objects.get(third_place=places["la-jolie-colo"], kind=PassProduct.Kind.CARD)
    first_day = timezone.localdate(now) - timedelta(days=14)
    MemberPass.objects.get_or_create(
        user=users[2],
        product=card,
        defaults={
            "third_place": card.third_place,
            "valid_from": first_day,
            "valid_until": valid_until(card, first_day),
            "visits_total": 10,
            "visits_used": 3,
            "price_paid": card.price,
        },
    )
    events = _events(places, now)
    return {"places": len(places), "bookings": bookings, "events": events}


class Command(DemoCommand):
    help = "Load the third-places demo (La Jolie Colo and UTO-PIC). Safe to run twice."

    def load(self, **options: Any) -> None:
        counts = load()
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Third places: %(places)s places, %(bookings)s new bookings, "
                    "%(events)s new events."
                )
                % counts
            )
