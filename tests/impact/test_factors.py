"""The versioned emission-factor table: seeded, provided to core.emissions, switchable."""

from __future__ import annotations

from decimal import Decimal

from smartvillage.core import emissions
from smartvillage.impact import services
from smartvillage.impact.models import EmissionFactorSet, MonthlyIndicator
from smartvillage.rideshare.services import proof

from .conftest import carpool

SEEDED = "ademe-impactco2-2026-12"


def test_the_migration_seeds_the_ademe_version_as_current(db):
    current = EmissionFactorSet.objects.current()
    assert current.version == SEEDED
    assert current.source_url.startswith("https://impactco2.fr")
    values = {f.mode: f.kg_per_km for f in current.factors.all()}
    assert values["car_thermal"] == Decimal("0.218")
    assert values["car_electric"] == Decimal("0.103")
    assert values["coach"] == Decimal("0.0295")


def test_core_emissions_answers_from_the_current_version(db, second_version):
    assert emissions.factor("car_thermal").version == SEEDED
    services.make_current(second_version)
    factor = emissions.factor("car_thermal")
    assert (factor.kg_per_km, factor.version) == (Decimal("0.2"), "test-2027")
    # A mode the new version does not list still has its default.
    assert emissions.factor("coach").kg_per_km == Decimal("0.0295")


def test_the_rideshare_statistics_go_through_the_table(db, second_version):
    assert proof.statistics()["co2_factor_version"] == SEEDED
    services.make_current(second_version)
    stats = proof.statistics()
    assert (stats["co2_factor_kg_per_km"], stats["co2_factor_version"]) == (0.2, "test-2027")


def test_changing_the_current_version_recomputes_every_figure(db, provide, second_version):
    provide(carpool(km=100.0))
    services.recompute()
    row = MonthlyIndicator.objects.get()
    assert (row.co2_avoided_kg, row.factor_version) == (Decimal("21.8"), SEEDED)
    services.make_current(second_version)
    row = MonthlyIndicator.objects.get()
    assert (row.co2_avoided_kg, row.factor_version) == (Decimal("20.0"), "test-2027")
    assert list(EmissionFactorSet.objects.filter(is_current=True)) == [second_version]
