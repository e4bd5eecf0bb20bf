"""The mobility interface (core.mobility): every mobility app answers what it offers at a point."""

from __future__ import annotations

import pytest

from smartvillage.carsharing.models import Station, Vehicle
from smartvillage.core import mobility
from smartvillage.core.geo import distance_m
from smartvillage.ondemand.models import Service
from smartvillage.rideshare.models import Stop
from smartvillage.territory.models import Commune, Place

# La Chapelle-en-Vercors town hall, and a farm 20 km away in another commune.
TOWN = (44.9700, 5.4150)
FAR = (45.1500, 5.5500)


@pytest.fixture
def territory(db, commune, organisation):
    far = Commune.objects.create(
        insee_code="38548", name="Villard-de-Lans", departement="38", latitude=45.07, longitude=5.55
    )
    service = Service.objects.create(
        organisation=organisation, name="Transport solidaire La Paz", slug="tad", days="12345"
    )
    service.communes.add(commune)
    station = Station.objects.create(
        organisation=organisation,
        name="Mairie",
        commune=commune,
        latitude=44.9705,
        longitude=5.4160,
    )
    Vehicle.objects.create(organisation=organisation, station=station, name="Zoé", make="Renault",
                           model="Zoé")  # fmt: skip
    place = Place.objects.create(slug="pouce", name="Arrêt sur le pouce", commune=commune,
                                 latitude=44.9690, longitude=5.4140)  # fmt: skip
    Stop.objects.create(place=place, directions="Vassieux")
    return far


def test_it_lists_every_mode_near_a_point_nearest_first(territory):
    found = mobility.access_near(*TOWN)

    assert {a.mode for a in found} == {"ondemand", "carsharing", "hitchhiking"}
    assert [a.distance_m for a in found] == sorted(a.distance_m for a in found)
    station = next(a for a in found if a.mode == "carsharing")
    assert station.distance_m == round(distance_m(*TOWN, 44.9705, 5.4160))
    assert not next(a for a in found if a.mode == "hitchhiking").guaranteed


def test_it_finds_nothing_far_from_every_service(territory):
    assert mobility.access_near(*FAR) == []
    assert not mobility.reachable_without_car(*FAR)


def test_a_hitchhiking_stop_alone_is_not_a_guaranteed_way(territory):
    Vehicle.objects.update(status=Vehicle.Status.MAINTENANCE)
    Service.objects.update(is_active=False)

    assert mobility.reachable_without_car(*TOWN)
    assert not mobility.reachable_without_car(*TOWN, guaranteed=True)


def test_a_station_without_an_available_car_is_not_offered(territory):
    Vehicle.objects.update(status=Vehicle.Status.MAINTENANCE)

    assert "carsharing" not in {a.mode for a in mobility.access_near(*TOWN)}


def test_the_radius_bounds_the_walk(territory):
    near = mobility.access_near(*TOWN, radius_m=50)

    assert {a.mode for a in near} == {"ondemand"}  # inside the zone, door to door


def test_tests_can_replace_the_providers(territory):
    with mobility.registry.only():
        assert mobility.access_near(*TOWN) == []
    assert mobility.access_near(*TOWN)
