"""Rideshare personas: the park as a relay (Sophie, operator), stops at La Chapelle-en-Vercors,
Saint-Martin and Villard-de-Lans, a validated driver with a car, a validated passenger."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.rideshare.models import Member, Relay, Stop, Trip, Vehicle
from smartvillage.territory.models import Commune, Place


@pytest.fixture
def communes(db) -> dict[str, Commune]:
    rows = [
        ("26074", "La Chapelle-en-Vercors", "26", 44.9697, 5.4153),
        ("26315", "Saint-Martin-en-Vercors", "26", 45.0233, 5.4439),
        ("38548", "Villard-de-Lans", "38", 45.0714, 5.5525),
        ("26364", "Vassieux-en-Vercors", "26", 44.8956, 5.3711),
    ]
    return {
        code: Commune.objects.create(
            insee_code=code, name=name, departement=dep, latitude=lat, longitude=lon
        )
        for code, name, dep, lat, lon in rows
    }


def _stop(commune: Commune, slug: str, name: str, lat: float, lon: float) -> Stop:
    place = Place.objects.create(
        slug=slug, name=name, kind=Place.Kind.STOP, commune=commune, latitude=lat, longitude=lon
    )
    return Stop.objects.create(place=place, directions="Villard-de-Lans, Vassieux-en-Vercors")


@pytest.fixture
def stops(communes) -> dict[str, Stop]:
    return {
        "chapelle": _stop(communes["26074"], "chapelle", "La Chapelle – Centre", 44.9703, 5.4142),
        "martin": _stop(communes["26315"], "martin", "Saint-Martin – Place", 45.0233, 5.4439),
        "villard": _stop(communes["38548"], "villard", "Villard – Gare", 45.0708, 5.5560),
    }


@pytest.fixture
def park(db) -> Organisation:
    return Organisation.objects.create(
        name="Parc du Vercors", slug="parc-du-vercors", kind=Organisation.Kind.PUBLIC_BODY
    )


@pytest.fixture
def relay(park) -> Relay:
    return Relay.objects.create(organisation=park, address="Maison du Parc")


@pytest.fixture
def relay_staff(make_user, park, relay):
    user = make_user("sophie@example.org", first_name="Sophie", last_name="Chabert")
    Membership.objects.create(user=user, organisation=park, role=Membership.Role.OPERATOR)
    return user


@pytest.fixture
def park_member(make_user, park, relay):
    """A plain member of the park's organisation: not relay staff."""
    user = make_user("paul@example.org", first_name="Paul")
    Membership.objects.create(user=user, organisation=park, role=Membership.Role.MEMBER)
    return user


def make_member(user, status=Member.Status.VALIDATED, **extra) -> Member:
    return Member.objects.create(
        user=user,
        birth_date=date(1980, 5, 1),
        charter_version="2026-1",
        charter_accepted_at=timezone.now(),
        status=status,
        **extra,
    )


@pytest.fixture
def driver(make_user) -> Member:
    user = make_user("marie@example.org", first_name="Marie", last_name="Rey", phone="0601020304")
    return make_member(user, is_driver=True)


@pytest.fixture
def car(driver) -> Vehicle:
    return Vehicle.objects.create(owner=driver, plate="GH-482-KT", colour="blanche", model="Clio")


@pytest.fixture
def passenger(make_user) -> Member:
    user = make_user("lucas@example.org", first_name="Lucas", last_name="Blanc", phone="0605060708")
    return make_member(user)


@pytest.fixture
def suspended(make_user) -> Member:
    user = make_user("sam@example.org", first_name="Sam")
    return make_member(user, status=Member.Status.SUSPENDED)


@pytest.fixture
def trip(driver, car, stops) -> Trip:
    """A one-off trip La Chapelle → Villard leaving in 5 minutes."""
    a, b = stops["chapelle"], stops["villard"]
    return Trip.objects.create(
        driver=driver,
        vehicle=car,
        kind=Trip.Kind.ONE_OFF,
        origin_label="La Chapelle",
        origin_lat=a.place.latitude,
        origin_lon=a.place.longitude,
        destination_label="Villard",
        destination_lat=b.place.latitude,
        destination_lon=b.place.longitude,
        departure_at=timezone.now() + timedelta(minutes=5),
        seats=3,
    )


@pytest.fixture
def login(client):
    def _login(member_or_user):
        user = getattr(member_or_user, "user", member_or_user)
        client.force_login(user)
        return client

    return _login
