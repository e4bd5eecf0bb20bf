"""Third-place personas: La Jolie Colo with an open space of 3 desks, a room and a machine."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import OpeningHours, PassProduct, Space, ThirdPlace

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# A fixed "now": Monday 2 March 2026, 8:00 in Paris (before opening).
NOW = paris(2026, 3, 2, 8, 0)


@pytest.fixture
def autrans(db) -> Commune:
    return Commune.objects.create(
        insee_code="38225",
        name="Autrans-Méaudre en Vercors",
        departement="38",
        population=2936,
        latitude=45.168322,
        longitude=5.545108,
    )


@pytest.fixture
def grenoble(db) -> Commune:
    return Commune.objects.create(
        insee_code="38185",
        name="Grenoble",
        departement="38",
        population=156140,
        latitude=45.182195,
        longitude=5.721124,
    )


@pytest.fixture
def colo_org(db) -> Organisation:
    return Organisation.objects.create(
        name="La Jolie Colo", slug="la-jolie-colo", kind=Organisation.Kind.THIRD_PLACE
    )


@pytest.fixture
def colo(colo_org, autrans) -> ThirdPlace:
    place = ThirdPlace.objects.create(
        organisation=colo_org,
        name="La Jolie Colo",
        slug="la-jolie-colo",
        commune=autrans,
        latitude=45.17,
        longitude=5.539,
        address="Route d'Autrans",
        has_coworking=True,
        has_fablab=True,
        has_events=True,
    )
    for weekday in range(5):  # Monday to Friday, 9:00-12:00 and 13:30-18:00
        OpeningHours.objects.create(
            third_place=place, weekday=weekday, opens=time(9), closes=time(12)
        )
        OpeningHours.objects.create(
            third_place=place, weekday=weekday, opens=time(13, 30), closes=time(18)
        )
    return place


@pytest.fixture
def desks(colo) -> Space:
    return Space.objects.create(
        third_place=colo,
        name="Open space",
        kind=Space.Kind.DESKS,
        capacity=3,
        price_half_day=Decimal("8.00"),
        price_day=Decimal("14.00"),
    )


@pytest.fixture
def room(colo) -> Space:
    return Space.objects.create(
        third_place=colo,
        name="Salle du réfectoire",
        kind=Space.Kind.ROOM,
        capacity=12,
        price_hour=Decimal("20.00"),
        max_hours=8,
    )


@pytest.fixture
def fablab(colo_org, autrans) -> ThirdPlace:
    """A fablab open day and night, every day (00:00-00:00): for the DST tests."""
    place = ThirdPlace.objects.create(
        organisation=colo_org,
        name="Fablab 24/7",
        slug="fablab",
        commune=autrans,
        latitude=45.17,
        longitude=5.54,
        has_fablab=True,
        closed_on_public_holidays=False,
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            third_place=place, weekday=weekday, opens=time(0), closes=time(0)
        )
    return place


@pytest.fixture
def printer(fablab) -> Space:
    return Space.objects.create(
        third_place=fablab,
        name="Imprimante 3D",
        kind=Space.Kind.MACHINE,
        price_hour=Decimal("4.00"),
        max_hours=12,
    )


@pytest.fixture
def card(colo) -> PassProduct:
    return PassProduct.objects.create(
        third_place=colo,
        name="Carte 10",
        kind=PassProduct.Kind.CARD,
        price=Decimal("110"),
        visits=10,
    )


@pytest.fixture
def monthly(colo) -> PassProduct:
    return PassProduct.objects.create(
        third_place=colo, name="Mensuel", kind=PassProduct.Kind.MONTHLY, price=Decimal("150")
    )


@pytest.fixture
def coworker(make_user):
    return make_user("cora@example.org", first_name="Cora", last_name="Worker")


@pytest.fixture
def manager(colo_org, make_user):
    user = make_user("theo@example.org", first_name="Théo", last_name="Manager")
    Membership.objects.create(user=user, organisation=colo_org, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def plain_member(colo_org, make_user):
    user = make_user("pia@example.org", first_name="Pia", last_name="Plain")
    Membership.objects.create(user=user, organisation=colo_org)
    return user
