"""The Smart Village self-assessment: our own indicators, three per dimension, each answered
on a five-level scale (0 to 4). The dimensions are those of the SmartVillages project
(Interreg Alpine Space); the indicators are written for this platform, inspired by the
sources listed in docs/hub.md (they are not a copy of any questionnaire).

A dimension's score is the mean of its levels over 4, as 0–100; an unanswered indicator
counts as 0 in a completed assessment (it is a gap, not a missing value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartvillage.hub.models import Dimension

LEVELS = range(5)


@dataclass(frozen=True)
class Indicator:
    code: str
    dimension: str
    question: Promise
    levels: tuple[Promise, Promise, Promise, Promise, Promise]  # what level 0..4 means


def _i(code: str, dimension: str, question: Promise, *levels: Promise) -> Indicator:
    assert len(levels) == 5, code
    return Indicator(code, dimension, question, levels)


D = Dimension
INDICATORS: tuple[Indicator, ...] = (
    _i("mob_offer", D.MOBILITY, _("Alternatives to one's own car for daily trips"),
       _("None"), _("Occasional (a school bus, a taxi)"), _("One regular option"),
       _("Several options (on-demand transport, car sharing, carpool)"),
       _("Several options, combined and known by residents")),
    _i("mob_access", D.MOBILITY, _("Residents without a car who can reach services"),
       _("Almost none"), _("A few, with help from relatives"), _("About half"),
       _("Most of them"), _("All of them, on most days")),
    _i("mob_info", D.MOBILITY, _("Information on mobility options"),
       _("None"), _("Scattered"), _("At the town hall"), _("Online and at the town hall"),
       _("One place online, on paper and by phone, kept up to date")),
    _i("gov_participation", D.GOVERNANCE, _("Residents taking part in local decisions"),
       _("Never asked"), _("Informed only"), _("Consulted now and then"),
       _("Regular participation (committees, workshops)"),
       _("Co-decision on projects and budgets")),
    _i("gov_cooperation", D.GOVERNANCE, _("Cooperation with neighbouring communes"),
       _("None"), _("Occasional"), _("On some services"), _("A shared plan"),
       _("Shared plan, staff and budget")),
    _i("gov_data", D.GOVERNANCE, _("Use of data to decide and evaluate"),
       _("None"), _("Figures collected now and then"), _("Yearly indicators"),
       _("Indicators followed and published"), _("Open data used by residents and partners")),
    _i("eco_jobs", D.ECONOMY, _("Local jobs and activities"),
       _("Declining"), _("Stable but fragile"), _("Stable"), _("Growing"),
       _("Growing and diverse")),
    _i("eco_spaces", D.ECONOMY, _("Places to work locally (third places, coworking)"),
       _("None within 30 minutes"), _("One within 30 minutes"), _("One in the commune"),
       _("One, well used, with services"), _("A network of places")),
    _i("eco_shops", D.ECONOMY, _("Local shops and short food chains"),
       _("None"), _("Itinerant only"), _("A shop or a market"), _("Shops and a market"),
       _("Shops, market and producers' outlets")),
    _i("env_energy", D.ENVIRONMENT, _("Local renewable energy"),
       _("None"), _("Projects under study"), _("A first installation"),
       _("Several installations"), _("Citizen-owned production covering a large share")),
    _i("env_buildings", D.ENVIRONMENT, _("Energy renovation of public buildings"),
       _("Not started"), _("Audits done"), _("Some renovated"), _("Most renovated"),
       _("All renovated and monitored")),
    _i("env_nature", D.ENVIRONMENT, _("Care for nature and landscapes"),
       _("No action"), _("Occasional actions"), _("A plan"), _("A plan with residents"),
       _("A plan with residents, evaluated")),
    _i("liv_services", D.LIVING, _("Everyday services (health, childcare, post office)"),
       _("Mostly gone"), _("Far away"), _("Some in the commune"), _("Most within 15 minutes"),
       _("Most within 15 minutes, with home help")),
    _i("liv_housing", D.LIVING, _("Housing for newcomers and seasonal workers"),
       _("None available"), _("Very little"), _("Some"), _("Enough most of the year"),
       _("A housing plan meeting the needs")),
    _i("liv_digital", D.LIVING, _("Internet access"),
       _("Poor everywhere"), _("Poor in some hamlets"), _("Good in the centre"),
       _("Good almost everywhere"), _("Very high speed everywhere")),
    _i("ppl_inclusion", D.PEOPLE, _("Help with digital and administrative steps"),
       _("None"), _("Occasional"), _("A regular session"), _("A France Services point"),
       _("A point and home visits")),
    _i("ppl_associations", D.PEOPLE, _("Associations and volunteering"),
       _("Few and declining"), _("A few"), _("Active"), _("Active and cooperating"),
       _("Active, cooperating and renewing their members")),
    _i("ppl_skills", D.PEOPLE, _("Training and sharing of skills"),
       _("None"), _("Occasional"), _("Regular offers"), _("Regular offers, well attended"),
       _("A local learning network")),
)  # fmt: skip

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def by_dimension() -> list[tuple[str, str, list[Indicator]]]:
    """(code, label, indicators) per dimension, in the dimensions' order."""
    return [
        (code, str(label), [i for i in INDICATORS if i.dimension == code])
        for code, label in Dimension.choices
    ]


def clean_answers(raw: Mapping[str, object]) -> dict[str, int]:
    """Known indicators with a level 0..4 only (anything else is dropped)."""
    answers = {}
    for code, value in raw.items():
        if code in BY_CODE and isinstance(value, int) and value in LEVELS:
            answers[code] = value
    return answers


def scores(answers: dict[str, int]) -> dict[str, int]:
    """Score 0–100 per dimension."""
    result = {}
    for code, _label, indicators in by_dimension():
        total = sum(answers.get(i.code, 0) for i in indicators)
        result[code] = round(100 * total / (4 * len(indicators)))
    return result


def weakest(scores_: dict[str, int], n: int = 2) -> list[str]:
    """The ``n`` dimensions with the lowest scores (ties in the dimensions' order)."""
    order = [code for code, _ in Dimension.choices]
    ranked = sorted(order, key=lambda code: (scores_.get(code, 0), order.index(code)))
    return ranked[:n]
