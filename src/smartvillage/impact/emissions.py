"""The impact app's versioned table in the emission-factor interface (core/emissions.py)."""

from __future__ import annotations

from smartvillage.core import emissions
from smartvillage.impact.models import EmissionFactor, EmissionFactorSet


def factors_of(factor_set: EmissionFactorSet) -> dict[str, emissions.Factor]:
    source = f"{factor_set.source} ({factor_set.source_date:%Y-%m-%d})"
    return {
        f.mode: emissions.Factor(f.mode, f.kg_per_km, f.unit, f"{source}, {f.label}",
                                 factor_set.version)
        for f in EmissionFactor.objects.filter(factor_set=factor_set)
    }  # fmt: skip


class FactorTable:
    def factors(self) -> dict[str, emissions.Factor]:
        current = EmissionFactorSet.objects.current()
        return factors_of(current) if current else {}


emissions.registry.register("impact.factors", FactorTable())
