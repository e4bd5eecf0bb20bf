"""import_seasonal_jobs: France Travail-style offers, all or nothing, faulty record reported."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from smartvillage.seasonal.models import Job
from smartvillage.territory.models import Commune

DATA = Path(__file__).parent / "data" / "offres.json"


@pytest.fixture
def villard(db):
    return Commune.objects.create(
        insee_code="38548", name="Villard-de-Lans", departement="38", latitude=45.07,
        longitude=5.55,
    )  # fmt: skip


def _run(path, employer, season):
    call_command("import_seasonal_jobs", str(path), employer=employer.slug, season=season.pk)


def test_it_imports_the_offers_with_their_fields(villard, employer, season):
    _run(DATA, employer, season)
    served, dishes = Job.objects.order_by("external_id")
    assert served.contract == Job.Contract.SEASONAL
    assert served.housing == Job.Housing.PROVIDED
    assert served.languages_preferred == ["en"]
    assert served.positions == 2
    assert (served.starts_on, served.ends_on) == (season.starts_on, season.ends_on)
    assert dishes.weekly_hours == Decimal("35")
    # 1801.80 a month over 35 h a week: 11.88 an hour.
    assert dishes.hourly_wage == Decimal("11.88")
    assert dishes.languages_required == ["fr"]
    assert dishes.licences_preferred == ["B"]
    assert str(dishes.starts_on) == "2026-12-20"


def test_reimporting_updates_instead_of_duplicating(villard, employer, season):
    _run(DATA, employer, season)
    _run(DATA, employer, season)
    assert Job.objects.count() == 2


def test_one_faulty_record_imports_nothing_and_is_named(villard, employer, season, tmp_path):
    data = json.loads(DATA.read_text())
    data["resultats"][1]["romeCode"] = "Z9999"
    data["resultats"][1]["typeContrat"] = "XXX"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError) as excinfo:
        _run(path, employer, season)
    assert "record 2 (id '201ABCE')" in str(excinfo.value)
    assert "record 1" not in str(excinfo.value)
    assert not Job.objects.exists()


def test_a_broken_file_names_its_line(villard, employer, season, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"resultats": [\n{"id": "1",\n"intitule": }\n]}')
    with pytest.raises(CommandError, match="line 3"):
        _run(path, employer, season)


def test_dates_outside_the_season_are_refused(villard, employer, season, tmp_path):
    data = json.loads(DATA.read_text())
    data["resultats"][0]["dateDebut"] = "2026-09-01"
    path = tmp_path / "early.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="outside the season"):
        _run(path, employer, season)
    assert not Job.objects.exists()


def test_an_organisation_that_is_not_an_employer_cannot_import(villard, season, organisation):
    with pytest.raises(CommandError, match="employeur"):
        _run(DATA, organisation, season)
