"""The coverage ("mesh") page for territory staff, light enough for a rural 3G connection.

The page shows the summary, one line per département, the map (one compact array per commune)
and a table of communes **uncovered first** (largest population first), paginated; the full
table of every commune is the CSV download (INSEE codes), with the same parameters.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartvillage.territory.models import Commune
from smartvillage.thirdplaces import coverage
from smartvillage.thirdplaces.forms import CoverageForm
from smartvillage.thirdplaces.views.access import is_territory_staff

ROWS_PER_PAGE = 50


@dataclass
class DepartementLine:
    code: str
    communes: int = 0
    uncovered: int = 0
    population: int = 0
    covered_population: int = 0

    @property
    def share(self) -> float:
        return 100 * self.covered_population / self.population if self.population else 0.0


def by_departement(analysis: coverage.Analysis) -> list[DepartementLine]:
    lines: dict[str, DepartementLine] = {}
    for row in analysis.rows:
        code = row.commune.departement
        line = lines.setdefault(code, DepartementLine(code))
        line.communes += 1
        line.population += row.commune.population
        if row.covered:
            line.covered_population += row.commune.population
        else:
            line.uncovered += 1
    return [lines[code] for code in sorted(lines)]


def uncovered_first(analysis: coverage.Analysis) -> list[coverage.CommuneCoverage]:
    """Uncovered communes first, the most populated first; then the covered ones."""
    return sorted(
        analysis.rows, key=lambda r: (r.covered, -r.commune.population, r.commune.insee_code)
    )


def _analysis(request: HttpRequest) -> tuple[CoverageForm, coverage.Analysis | None]:
    if not is_territory_staff(request.user):
        raise PermissionDenied
    params = request.GET.copy()
    params.setdefault("minutes", str(coverage.default_minutes()))
    form = CoverageForm(params)
    if not form.is_valid():
        return form, None
    communes = Commune.objects.all()
    if form.cleaned_data["departement"]:
        communes = communes.filter(departement=form.cleaned_data["departement"])
    return form, coverage.analyse(communes, form.cleaned_data["minutes"])


def _map_config(analysis: coverage.Analysis, proposals: Any) -> dict[str, Any]:
    # One short array per commune (rounded: ~11 m is plenty at this zoom) keeps the page light.
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "threshold": analysis.threshold_min,
        "communes": [
            [
                round(r.commune.latitude, 4),
                round(r.commune.longitude, 4),
                r.commune.name,
                None if r.minutes is None else round(r.minutes),
                r.commune.population,
            ]
            for r in analysis.rows
        ],
        "places": [[round(p.latitude, 4), round(p.longitude, 4), p.name] for p in analysis.places],
        "proposed": [
            [s.commune.latitude, s.commune.longitude, s.commune.name, s.gain]
            for s in (proposals[0].sites if proposals else [])
        ],
        "labels": {
            "minutes": _("min to the nearest third place"),
            "none": _("no third place reachable"),
            "gain": _("proposed site, newly covered population"),
        },
    }


@login_required
@require_GET
def coverage_page(request: HttpRequest) -> HttpResponse:
    form, analysis = _analysis(request)
    context: dict[str, Any] = {"form": form}
    if analysis is not None:
        proposals = None
        if form.cleaned_data.get("k"):
            proposals = coverage.where_next(analysis, form.cleaned_data["k"])
        page = Paginator(uncovered_first(analysis), ROWS_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            analysis=analysis,
            proposals=proposals,
            departements=by_departement(analysis),
            page=page,
            uncovered=sum(1 for r in analysis.rows if not r.covered),
            query=query.urlencode(),
            map_config=_map_config(analysis, proposals),
        )
    return render(request, "thirdplaces/coverage.html", context)


@login_required
@require_GET
def coverage_csv(request: HttpRequest) -> HttpResponse:
    """Every commune of the analysis (INSEE code first), for a spreadsheet or a GIS."""
    form, analysis = _analysis(request)
    if analysis is None:
        return HttpResponse(status=400)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["insee_code", "commune", "departement", "population", "minutes", "covered", "nearest"]
    )
    for r in analysis.rows:
        writer.writerow(
            [
                r.commune.insee_code,
                r.commune.name,
                r.commune.departement,
                r.commune.population,
                "" if r.minutes is None else r.minutes,
                "1" if r.covered else "0",
                r.nearest,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    minutes = f"{form.cleaned_data['minutes']:g}"
    response["Content-Disposition"] = f'attachment; filename="couverture-{minutes}min.csv"'
    return response
