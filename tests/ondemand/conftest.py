"""On-demand personas: La Paz's service over two communes, a minibus, a car, two drivers."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from smartvillage.accounts.models import Membership
from smartvillage.core import notifications
from smartvillage.ondemand.models import (
    Availability,
    Beneficiary,
    Driver,
    Service,
    Stop,
    Vehicle,
)
from smartvillage.ondemand.services.booking import Endpoint, TripRequest
from smartvillage.territory.models import Commune, Place

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# Monday 2 March 2026, 9:00: trips on Wednesday 4 March are beyond the 48 h notice.
NOW = paris(2026, 3, 2, 9, 0)
WEDNESDAY = paris(2026, 3, 4, 10, 0)


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.SMS_BACKEND = "smartvillage.core.notifications.LocmemSmsBackend"
    notifications.outbox.clear()
    yield notifications.outbox
    notifications.outbox.clear()


@pytest.fixture
def vassieux(db) -> Commune:
    return Commune.objects.create(
        insee_code="26364", name="Vassieux-en-Vercors", departement="26",
        latitude=44.8956, longitude=5.3711,
    )  # fmt: skip


@pytest.fixture
def far_commune(db) -> Commune:
    return Commune.objects.create(
        insee_code="38185", name="Grenoble", departement="38", latitude=45.19, longitude=5.72
    )


def _place(slug: str, name: str, commune: Commune, lat: float, lon: float) -> Place:
    return Place.objects.create(
        slug=slug, name=name, commune=commune, latitude=lat, longitude=lon, kind=Place.Kind.STOP
    )


@pytest.fixture
def places(commune, vassieux, far_commune) -> dict[str, Place]:
    return {
        "chapelle": _place("chapelle", "La Chapelle – Centre", commune, 44.9703, 5.4142),
        "market": _place("marche", "Marché de La Chapelle", commune, 44.9700, 5.4160),
        "vassieux": _place("vassieux", "Vassieux – Centre", vassieux, 44.8960, 5.3720),
        "grenoble": _place("grenoble", "Grenoble – Gare", far_commune, 45.1913, 5.7146),
    }


@pytest.fixture
def service(organisation, commune, vassieux) -> Service:
    service = Service.objects.create(
        organisation=organisation,
        name="Transport solidaire La Paz",
        slug="tad-la-paz",
        days="12345",
        start_time=time(8, 0),
        end_time=time(18, 0),
        min_notice=timedelta(hours=48),
        max_advance=timedelta(days=30),
        cancellation_deadline=timedelta(hours=24),
        phone="04 75 48 00 00",
    )
    service.communes.set([commune, vassieux])
    return service


@pytest.fixture
def stops(service, places) -> dict[str, Stop]:
    return {
        key: Stop.objects.create(service=service, place=place)
        for key, place in places.items()
        if key != "grenoble"
    }


@pytest.fixture
def operator_user(organisation, make_user):
    user = make_user("olga@example.org", first_name="Olga", last_name="Operator")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.OPERATOR)
    return user


def _driver(organisation, user, kind=Driver.Kind.VOLUNTEER) -> Driver:
    driver = Driver.objects.create(organisation=organisation, user=user, kind=kind)
    for weekday in range(1, 8):
        Availability.objects.create(
            driver=driver, weekday=weekday, start_time=time(7), end_time=time(19)
        )
    return driver


@pytest.fixture
def driver_user(organisation, make_user):
    user = make_user("dan@example.org", first_name="Dan", last_name="Driver")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.DRIVER)
    return user


@pytest.fixture
def car(organisation, places) -> Vehicle:
    return Vehicle.objects.create(
        organisation=organisation, name="Zoé", kind=Vehicle.Kind.ELECTRIC_CAR, seats=3,
        home_base=places["chapelle"],
    )  # fmt: skip


@pytest.fixture
def driver(organisation, driver_user, car) -> Driver:
    return _driver(organisation, driver_user)


@pytest.fixture
def minibus(organisation, places) -> Vehicle:
    return Vehicle.objects.create(
        organisation=organisation, name="Minibus", kind=Vehicle.Kind.MINIBUS, seats=8,
        wheelchair_places=1, home_base=places["chapelle"],
    )  # fmt: skip


@pytest.fixture
def second_driver(organisation, make_user, minibus) -> Driver:
    user = make_user("sam@example.org", first_name="Sam", last_name="Salaried")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.DRIVER)
    return _driver(organisation, user, Driver.Kind.SALARIED)


@pytest.fixture
def beneficiary(organisation, commune) -> Beneficiary:
    return Beneficiary.objects.create(
        organisation=organisation, first_name="Jeanne", last_name="Martin",
        phone="06 12 34 56 78", commune=commune, is_registered=True,
    )  # fmt: skip


@pytest.fixture
def resident_beneficiary(organisation, member_user, commune) -> Beneficiary:
    return Beneficiary.objects.create(
        organisation=organisation, user=member_user, first_name="Bob", last_name="Member",
        commune=commune,
    )  # fmt: skip


@pytest.fixture
def trip(service, stops, beneficiary):
    """A request factory: from Vassieux to the market, leave at 10:00 on Wednesday."""

    def make(**fields) -> TripRequest:
        values = {
            "service": service,
            "beneficiary": beneficiary,
            "origin": Endpoint.of_stop(stops["vassieux"]),
            "destination": Endpoint.of_stop(stops["market"]),
            "time_kind": "leave_at",
            "requested_time": WEDNESDAY,
        }
        values.update(fields)
        return TripRequest(**values)

    return make
