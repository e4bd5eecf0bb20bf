"""core.agenda and core.emissions: the interfaces answer from their providers or defaults."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from smartvillage.core import agenda, emissions
from smartvillage.thirdplaces.models import Event, ThirdPlace

PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 3, 10, 18, 0, tzinfo=PARIS)


@pytest.fixture
def event(organisation, commune):
    place = ThirdPlace.objects.create(
        organisation=organisation, name="La Jolie Colo", slug="jolie-colo", commune=commune,
        latitude=45.17, longitude=5.55, is_published=True,
    )  # fmt: skip
    return Event.objects.create(
        third_place=place, title="Atelier numérique", starts_at=START,
        ends_at=START + timedelta(hours=2), location="Salle du haut",
    )  # fmt: skip


def test_it_lists_public_events_of_the_period_with_a_stable_key(event):
    found = agenda.between(START - timedelta(days=1), START + timedelta(days=1))

    assert [e.key for e in found] == [f"thirdplaces.event:{event.pk}"]
    assert found[0].place_name == "La Jolie Colo, Salle du haut"
    assert agenda.get(found[0].key) == found[0]


def test_it_leaves_out_events_of_unpublished_places_and_other_periods(event):
    assert agenda.between(START + timedelta(days=1), START + timedelta(days=2)) == []
    ThirdPlace.objects.update(is_published=False)

    assert agenda.between(START - timedelta(days=1), START + timedelta(days=1)) == []
    assert agenda.get(f"thirdplaces.event:{event.pk}") is None


def test_it_answers_none_for_unknown_keys(db):
    assert agenda.get("nobody.event:1") is None
    assert agenda.get("thirdplaces.event:abc") is None


def test_a_registered_table_supersedes_the_defaults(db):
    class Table:
        def factors(self):
            return {"car_thermal": emissions.Factor("car_thermal", Decimal("0.2"), "vehicle-km",
                                                    "test", "v9")}  # fmt: skip

    with emissions.registry.only():
        assert emissions.factor("car_thermal") == emissions.DEFAULTS["car_thermal"]
    with emissions.registry.only(impact__factors=Table()):
        assert emissions.factor("car_thermal").kg_per_km == Decimal("0.2")
        assert emissions.factor("coach") == emissions.DEFAULTS["coach"]
    with pytest.raises(KeyError):
        emissions.factor("teleport")
