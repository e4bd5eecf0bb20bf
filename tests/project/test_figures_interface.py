"""The figures interface (core/figures.py): each service app provides live figures."""

import pytest

from smartvillage.accounts.models import Organisation
from smartvillage.core import figures
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import Space, ThirdPlace

pytestmark = pytest.mark.django_db


def test_the_four_service_apps_provide_figures():
    prefixes = {p.prefix for p in figures.registry.all()}
    assert prefixes >= {
        "ondemand.service", "carsharing.fleet", "rideshare.network", "thirdplaces.place",
    }  # fmt: skip


def test_every_provider_answers_an_unknown_key_with_none():
    for provider in figures.registry.all():
        assert provider.figures(f"{provider.prefix}:does-not-exist") is None
    assert figures.figures("nobody.service:x") is None
    assert figures.service("nobody.service:x") is None


def test_a_third_place_reports_its_spaces():
    commune = Commune.objects.create(
        insee_code="38225", name="Autrans", departement="38", latitude=45.1, longitude=5.5
    )
    org = Organisation.objects.create(name="Colo", slug="colo", kind="third_place")
    place = ThirdPlace.objects.create(
        organisation=org, name="La Jolie Colo", slug="la-jolie-colo", commune=commune,
        latitude=45.17, longitude=5.54,
    )  # fmt: skip
    Space.objects.create(third_place=place, name="Open space", kind=Space.Kind.DESKS, capacity=4)
    key = "thirdplaces.place:la-jolie-colo"
    assert figures.service(key).name == "La Jolie Colo"
    values = [f.value for f in figures.figures(key)]
    assert values == [1, 0, 0]


def test_the_rideshare_network_is_one_service():
    (service,) = [s for s in figures.services() if s.key.startswith("rideshare.")]
    assert service.key == "rideshare.network:all"
    assert [f.value for f in figures.figures(service.key)] == [0, 0, 0]
