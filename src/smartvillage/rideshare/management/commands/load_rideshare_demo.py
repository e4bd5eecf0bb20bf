"""The rideshare demo: Vercors stops, relays (the park, the two intercommunalities), validated
members with vehicles and regular trips between the villages.

Best after ``load_demo`` (the territory and its demo users); creates what it needs otherwise
(communes from the committed CSV). Safe to run twice: everything is keyed (place slugs, emails,
plates). Coordinates are approximate village centres, as in the territory demo.
"""

from __future__ import annotations

import csv
from datetime import time
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.core.management.demo import DemoCommand
from smartvillage.rideshare.models import Member, Relay, Stop, Trip, Vehicle
from smartvillage.territory.models import Commune, Place

PASSWORD = "vercors-demo"  # the territory demo's published password (demo only)
CSV = Path(__file__).resolve().parents[3] / "territory" / "data" / "communes_38_26.csv"

# (place slug, name, INSEE, lat, lon, directions, shelter, wheelchair)
STOPS = [
    ("arret-la-chapelle-centre", "La Chapelle-en-Vercors – Centre", "26074", 44.9703, 5.4142,
     "Vassieux-en-Vercors, Saint-Martin-en-Vercors, Villard-de-Lans", True, True),
    ("arret-villard-de-lans-gare-routiere", "Villard-de-Lans – Gare routière", "38548", 45.0708,
     5.5560, "Lans-en-Vercors, Grenoble, Saint-Martin-en-Vercors", True, True),
    ("arret-saint-jean-en-royans-centre", "Saint-Jean-en-Royans – Centre", "26307", 45.0190,
     5.2930, "Pont-en-Royans, La Chapelle-en-Vercors", False, True),
    ("arret-pont-en-royans-centre", "Pont-en-Royans – Centre", "38319", 45.0625, 5.3430,
     "Villard-de-Lans, Saint-Jean-en-Royans", True, False),
    ("arret-vassieux-centre", "Vassieux-en-Vercors – Centre", "26364", 44.8960, 5.3720,
     "La Chapelle-en-Vercors", False, False),
    ("pouce-saint-martin-en-vercors", "Saint-Martin-en-Vercors – Place", "26315", 45.0233,
     5.4439, "La Chapelle-en-Vercors, Villard-de-Lans", False, True),
    ("pouce-saint-julien-en-vercors", "Saint-Julien-en-Vercors – Mairie", "26309", 45.0517,
     5.4500, "Saint-Martin-en-Vercors, Villard-de-Lans", False, False),
    ("pouce-lans-en-vercors", "Lans-en-Vercors – Place de la mairie", "38205", 45.1283, 5.5889,
     "Villard-de-Lans, Autrans, Grenoble", True, True),
    ("pouce-autrans", "Autrans – Office de tourisme", "38225", 45.1747, 5.5436,
     "Lans-en-Vercors, Méaudre", True, True),
    ("pouce-saint-agnan-en-vercors", "Saint-Agnan-en-Vercors – Village", "26290", 44.9350,
     5.4300, "La Chapelle-en-Vercors, Vassieux-en-Vercors", False, False),
]  # fmt: skip

RELAYS = [
    ("parc-du-vercors", "Parc naturel régional du Vercors", Organisation.Kind.PUBLIC_BODY,
     "Maison du Parc, Lans-en-Vercors"),
    ("cc-royans-vercors", "Communauté de communes du Royans-Vercors",
     Organisation.Kind.PUBLIC_BODY, "Saint-Jean-en-Royans"),
]  # fmt: skip
RELAY_STAFF = ("relais.parc@example.org", "Sophie", "Chabert", "parc-du-vercors")

# (email, first, last, INSEE, birth year, vehicle (plate, colour, model) or None)
MEMBERS = [
    ("driver@example.org", "Marie-Thérèse", "Rey", "26364", 1962,
     ("GH-482-KT", "blanche", "Renault Clio")),
    ("resident@example.org", "Lucas", "Blanc", "26315", 1995, None),
    ("energy@example.org", "Nadia", "Roche", "38548", 1988, ("FD-219-PL", "grise", "Dacia Duster")),
    ("pouce.antoine@example.org", "Antoine", "Gauthier", "26074", 1979,
     ("EZ-730-RB", "bleue", "Peugeot 308")),
    ("pouce.lea@example.org", "Léa", "Mathieu", "26309", 2009, None),
    ("pouce.karim@example.org", "Karim", "Benali", "38205", 1984,
     ("HB-115-VC", "rouge", "Citroën Berlingo")),
]  # fmt: skip

# (driver email, from stop slug, to stop slug, weekdays, departure time, seats)
TRIPS = [
    ("pouce.antoine@example.org", "arret-la-chapelle-centre",
     "arret-villard-de-lans-gare-routiere", "12345", time(7, 30), 3),
    ("driver@example.org", "arret-vassieux-centre", "arret-la-chapelle-centre", "135",
     time(8, 15), 3),
    ("energy@example.org", "arret-villard-de-lans-gare-routiere", "pouce-lans-en-vercors",
     "12345", time(8, 0), 2),
    ("pouce.karim@example.org", "pouce-lans-en-vercors", "pouce-autrans", "246", time(17, 30), 3),
    ("pouce.antoine@example.org", "arret-villard-de-lans-gare-routiere",
     "arret-la-chapelle-centre", "12345", time(18, 0), 3),
]  # fmt: skip


def _communes(codes: set[str]) -> dict[str, Commune]:
    found = {c.insee_code: c for c in Commune.objects.filter(insee_code__in=codes)}
    missing = codes - found.keys()
    if missing:
        with CSV.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["insee_code"] in missing:
                    found[row["insee_code"]] = Commune.objects.create(
                        insee_code=row["insee_code"],
                        name=row["name"],
                        departement=row["departement"],
                        latitude=float(row["latitude"]),
                        longitude=float(row["longitude"]),
                        population=int(row["population"] or 0),
                    )
    return found


def _user(email: str, first: str, last: str, commune: Commune | None = None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, PASSWORD, first_name=first, last_name=last, commune=commune
        )
        user.emailaddress_set.create(email=email, verified=True, primary=True)  # type: ignore[attr-defined]
    return user


@transaction.atomic
def load() -> dict[str, int]:
    codes = {s[2] for s in STOPS} | {m[3] for m in MEMBERS}
    communes = _communes(codes)
    stops: dict[str, Stop] = {}
    for slug, name, insee, lat, lon, directions, shelter, wheelchair in STOPS:
        place, _created = Place.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": Place.Kind.STOP, "commune": communes[insee],
                      "latitude": lat, "longitude": lon},
        )  # fmt: skip
        stops[slug], _created = Stop.objects.get_or_create(
            place=place,
            defaults={"directions": directions, "has_shelter": shelter,
                      "wheelchair_accessible": wheelchair},
        )  # fmt: skip
    relays = {}
    for slug, name, kind, address in RELAYS:
        org, _created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
        relays[slug], _created = Relay.objects.get_or_create(
            organisation=org, defaults={"address": address}
        )
    email, first, last, relay_slug = RELAY_STAFF
    staff = _user(email, first, last)
    Membership.objects.get_or_create(
        user=staff,
        organisation=relays[relay_slug].organisation,
        defaults={"role": Membership.Role.OPERATOR},
    )
    now = timezone.now()
    people: dict[str, Member] = {}
    for email, first, last, insee, year, car in MEMBERS:
        user = _user(email, first, last, communes[insee])
        minor = timezone.localdate().year - year < 18
        member, _created = Member.objects.get_or_create(
            user=user,
            defaults={
                "birth_date": timezone.localdate().replace(year=year, month=3, day=14),
                "guardian_name": "Parent de démonstration" if minor else "",
                "guardian_consent_at": now if minor else None,
                "charter_version": "2026-1",
                "charter_accepted_at": now,
                "status": Member.Status.VALIDATED,
                "relay": relays["parc-du-vercors"],
                "id_document": Member.IdDocument.ID_CARD,
                "validated_by": staff,
                "validated_at": now,
                "is_driver": car is not None,
            },
        )
        people[email] = member
        if car:
            Vehicle.objects.get_or_create(
                owner=member, plate=car[0], defaults={"colour": car[1], "model": car[2]}
            )
    trips = 0
    for email, origin, destination, days, at, seats in TRIPS:
        driver = people[email]
        a, b = stops[origin], stops[destination]
        _trip, created = Trip.objects.get_or_create(
            driver=driver,
            origin_label=str(a),
            destination_label=str(b),
            departure_time=at,
            defaults={
                "vehicle": driver.vehicles.get(),
                "kind": Trip.Kind.REGULAR,
                "origin_lat": round(a.place.latitude, 3),
                "origin_lon": round(a.place.longitude, 3),
                "destination_lat": round(b.place.latitude, 3),
                "destination_lon": round(b.place.longitude, 3),
                "weekdays": days,
                "seats": seats,
                "flex_minutes": 10,
            },
        )
        trips += created
    return {"stops": len(stops), "relays": len(relays), "members": len(people), "trips": trips}


class Command(DemoCommand):
    help = "Load the rideshare demo (Vercors stops, relays, members, vehicles, regular trips)."

    def load(self, **options: Any) -> None:
        counts = load()
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Carpooling and hitchhiking: %(stops)s stops, %(relays)s relays, "
                    "%(members)s members, %(trips)s trips (relay desk: %(login)s, password "
                    "%(password)s)."
                )
                % {**counts, "login": RELAY_STAFF[0], "password": PASSWORD}
            )
