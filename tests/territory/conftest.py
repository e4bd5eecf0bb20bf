"""Fixtures of the territory tests: a few real Vercors communes, places and a service area."""

from __future__ import annotations

import pytest

from smartvillage.territory.models import Commune, Place, ServiceArea


def make_commune(insee_code: str, name: str, population: int, lat: float, lon: float) -> Commune:
    return Commune.objects.create(
        insee_code=insee_code,
        name=name,
        departement=insee_code[:2],
        population=population,
        latitude=lat,
        longitude=lon,
        postal_codes="26420" if insee_code.startswith("26") else "38250",
    )


@pytest.fixture
def vercors(commune) -> dict[str, Commune]:
    """La Chapelle-en-Vercors (the shared fixture) and three neighbours, by INSEE code."""
    return {
        "26074": commune,
        "26290": make_commune("26290", "Saint-Agnan-en-Vercors", 384, 44.897347, 5.441648),
        "38129": make_commune("38129", "Corrençon-en-Vercors", 374, 45.011681, 5.51755),
        "38548": make_commune("38548", "Villard-de-Lans", 4328, 45.06003, 5.543896),
    }


@pytest.fixture
def places(vercors) -> dict[str, Place]:
    def place(slug: str, kind: str, insee_code: str, lat: float, lon: float) -> Place:
        return Place.objects.create(
            name=slug.replace("-", " ").title(),
            slug=slug,
            kind=kind,
            commune=vercors[insee_code],
            latitude=lat,
            longitude=lon,
        )

    return {
        "mairie": place("mairie-la-chapelle", Place.Kind.TOWN_HALL, "26074", 44.9697, 5.4153),
        "stop": place("arret-la-chapelle", Place.Kind.STOP, "26074", 44.9703, 5.4142),
        "villard": place("arret-villard", Place.Kind.STOP, "38548", 45.0708, 5.5560),
    }


@pytest.fixture
def area(vercors) -> ServiceArea:
    area = ServiceArea.objects.create(name="Vercors drômois", slug="vercors-dromois")
    area.communes.set([vercors["26074"], vercors["26290"]])
    return area
