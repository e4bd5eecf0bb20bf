"""The load_hub_demo command (run by load_demo)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.hub import services
from smartvillage.hub.models import Actor, Assessment, Event, Initiative, Status
from smartvillage.territory.models import Commune, ServiceArea


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def territory(db):
    for code, name in [
        ("26074", "La Chapelle-en-Vercors"),
        ("26307", "Saint-Jean-en-Royans"),
        ("38225", "Autrans-Méaudre en Vercors"),
        ("38205", "Lans-en-Vercors"),
    ]:
        Commune.objects.create(insee_code=code, name=name, departement=code[:2],
                               latitude=45.0, longitude=5.4)  # fmt: skip
    massif = ServiceArea.objects.create(slug="cc-massif-du-vercors", name="CC Massif")
    massif.communes.set(Commune.objects.filter(insee_code__in=["38225", "38205"]))


def test_it_loads_the_royans_vercors_actors_six_sheets_and_an_assessment(territory):
    call_command("load_hub_demo", stdout=StringIO())
    names = set(Actor.objects.listed().values_list("name", flat=True))
    assert {"Activ'Royans", "Vertacoo", "La Jolie Colo", "UTO-PIC", "Centre social La Paz"} <= names
    sheets = Initiative.objects.published()
    assert sheets.count() == 6
    keys = {s.service_key for s in sheets if s.service_key}
    assert keys == {
        "ondemand.service:la-paz", "carsharing.fleet:vercors-soleil", "rideshare.network:all",
        "thirdplaces.place:la-jolie-colo",
    }  # fmt: skip
    examples = sheets.filter(summary__startswith="Exemple plausible")
    assert examples.count() == 2  # the two that are not the demo's services say so
    royans = Assessment.objects.get(area__slug="cc-royans-vercors")
    assert royans.completed
    assert royans.scores["mobility"] == 25
    match = services.matchmaking(royans)
    assert match["weakest"] == ["mobility", "governance"]
    governance = match["dimensions"][1]
    assert [s.slug for s in governance["initiatives"]] == ["reseau-coworkings-vercors-nord"]
    mobility_helpers = {a.slug for a in match["dimensions"][0]["actors"]}
    assert "la-paz" in mobility_helpers
    assert Event.objects.filter(kind=Event.Kind.VISIT).count() == 1


def test_it_is_idempotent(territory):
    call_command("load_hub_demo", stdout=StringIO())
    counts = (Actor.objects.count(), Initiative.objects.count(), Event.objects.count(),
              Assessment.objects.count())  # fmt: skip
    call_command("load_hub_demo", stdout=StringIO())
    assert (Actor.objects.count(), Initiative.objects.count(), Event.objects.count(),
            Assessment.objects.count()) == counts  # fmt: skip
    assert not Initiative.objects.exclude(status=Status.PUBLISHED).exists()


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_hub_demo", stdout=StringIO())
