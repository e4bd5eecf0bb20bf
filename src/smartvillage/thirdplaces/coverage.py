"""Adapter between the ORM and ``smartvillage.optim.coverage`` (the "mesh" analysis).

ORM rows (communes, published third places) → plain arrays → the pure solver → rows for the
page. Travel times come from the provider of settings (``core.traveltime``). The threshold
is the setting ``THIRDPLACES_COVERAGE_MINUTES`` (15 by default), which the page may override.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import QuerySet

from smartvillage.core import traveltime
from smartvillage.optim import coverage
from smartvillage.territory.models import Commune
from smartvillage.thirdplaces.models import ThirdPlace

DEFAULT_MINUTES = 15


def default_minutes() -> float:
    return float(getattr(settings, "THIRDPLACES_COVERAGE_MINUTES", DEFAULT_MINUTES))


@dataclass
class CommuneCoverage:
    commune: Commune
    minutes: float | None  # None: no third place reachable
    nearest: str
    covered: bool


@dataclass
class Analysis:
    threshold_min: float
    rows: list[CommuneCoverage]
    population: int
    covered_population: int
    places: list[ThirdPlace]
    seconds: Any  # (n, m + n) travel times commune → [places..., communes...]

    @property
    def share(self) -> float:
        return self.covered_population / self.population if self.population else 0.0


@dataclass
class ProposedSite:
    commune: Commune
    gain: int


@dataclass
class Proposal:
    method: str
    sites: list[ProposedSite]
    newly_covered: int
    covered_after: int
    share_after: float
    optimal: bool
    seconds: float


def analyse(communes: QuerySet[Commune], threshold_min: float | None = None) -> Analysis:
    """Travel time from each commune to its nearest published third place."""
    threshold_min = threshold_min or default_minutes()
    rows = list(communes.order_by("insee_code"))
    places = list(ThirdPlace.objects.published().select_related("commune").order_by("pk"))
    points = [(p.latitude, p.longitude) for p in places] + [(c.latitude, c.longitude) for c in rows]
    m = len(places)
    if rows:
        matrix = traveltime.provider().matrix(points).seconds
        seconds = np.asarray(matrix[m:, :], dtype=np.float64)  # communes → [places, communes]
    else:
        seconds = np.zeros((0, m))
    nearest = coverage.nearest_seconds(seconds[:, :m])
    threshold_s = threshold_min * 60
    result = []
    for i, commune in enumerate(rows):
        finite = bool(np.isfinite(nearest[i]))
        best = int(np.argmin(seconds[i, :m])) if m and finite else -1
        result.append(
            CommuneCoverage(
                commune=commune,
                minutes=round(float(nearest[i]) / 60, 1) if finite else None,
                nearest=places[best].name if best >= 0 else "",
                covered=bool(nearest[i] <= threshold_s),
            )
        )
    population = np.array([c.population for c in rows], dtype=np.int64)
    return Analysis(
        threshold_min=threshold_min,
        rows=result,
        population=int(population.sum()),
        covered_population=coverage.covered_population(population, nearest, threshold_s),
        places=places,
        seconds=seconds,
    )


def where_next(
    analysis: Analysis, k: int, *, time_limit_s: float = 10.0
) -> tuple[Proposal, Proposal]:
    """The exact (CP-SAT) and greedy choices of ``k`` new sites among the communes of the
    analysis that have no third place yet."""
    m = len(analysis.places)
    with_place = {p.commune_id for p in analysis.places}
    candidates = [i for i, r in enumerate(analysis.rows) if r.commune.pk not in with_place]
    population = np.array([r.commune.population for r in analysis.rows], dtype=np.int64)
    instance = coverage.build_instance(
        population,
        analysis.seconds[:, :m],
        analysis.seconds[:, [m + i for i in candidates]],
        analysis.threshold_min * 60,
    )
    exact = coverage.solve_exact(instance, k, time_limit_s=time_limit_s)
    greedy = coverage.solve_greedy(instance, k)
    return _proposal(analysis, candidates, exact), _proposal(analysis, candidates, greedy)


def _proposal(analysis: Analysis, candidates: list[int], s: coverage.Solution) -> Proposal:
    after = analysis.covered_population + s.newly_covered
    return Proposal(
        method=s.method,
        sites=[
            ProposedSite(analysis.rows[candidates[j]].commune, gain)
            for j, gain in zip(s.sites, s.gains, strict=True)
        ],
        newly_covered=s.newly_covered,
        covered_after=after,
        share_after=after / analysis.population if analysis.population else 0.0,
        optimal=s.optimal,
        seconds=s.seconds,
    )
