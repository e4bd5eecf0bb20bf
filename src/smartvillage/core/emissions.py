"""The emission-factor interface: kg CO2e per km for each way of travelling, with its source.

One versioned table of factors is the reference for every figure of CO2 shown on the platform
(rideshare statistics, telework impact, the planner's comparison of options, the impact
dashboards). The app that keeps the table (``impact``) registers a provider in
``<app>/emissions.py``; until one is registered (or when its table is empty) the built-in
``DEFAULTS`` below answer, so that no service depends on another being installed.

``unit`` says what a factor multiplies: ``"vehicle-km"`` (a car, whoever is in it) or
``"passenger-km"`` (a seat in a bus or a coach).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from smartvillage.core.providers import Registry


@dataclass(frozen=True)
class Factor:
    mode: str
    kg_per_km: Decimal
    unit: str  # "vehicle-km" or "passenger-km"
    source: str
    version: str  # the table version that made every figure computed with it


_ADEME = "ADEME, Base Empreinte via impactco2.fr"
_BUILTIN = "builtin-2026-12"

#: Used when no provider is registered. The impact app's table supersedes them.
DEFAULTS: dict[str, Factor] = {
    f.mode: f
    for f in (
        Factor("car_thermal", Decimal("0.218"), "vehicle-km", f"{_ADEME}, voiture thermique",
               _BUILTIN),
        Factor("car_electric", Decimal("0.103"), "vehicle-km", f"{_ADEME}, voiture électrique",
               _BUILTIN),
        Factor("bus", Decimal("0.113"), "passenger-km", f"{_ADEME}, bus thermique", _BUILTIN),
        Factor("coach", Decimal("0.0295"), "passenger-km", f"{_ADEME}, autocar", _BUILTIN),
        Factor("walk", Decimal("0"), "passenger-km", "no emission", _BUILTIN),
    )
}  # fmt: skip


class FactorProvider(Protocol):
    def factors(self) -> dict[str, Factor]:
        """The current version's factors by mode (may be empty)."""
        ...


registry: Registry[FactorProvider] = Registry("emissions")


def current() -> dict[str, Factor]:
    """Every mode's factor: the registered table's, else the built-in default."""
    table = dict(DEFAULTS)
    for provider in registry.all():
        table.update(provider.factors())
    return table


def factor(mode: str) -> Factor:
    """The factor of ``mode`` (``KeyError`` for a mode nobody knows)."""
    return current()[mode]
