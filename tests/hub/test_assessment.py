"""The self-assessment: scores per dimension, target and gap, history, matchmaking."""

import pytest

from smartvillage.hub import indicators, services
from smartvillage.hub.models import Actor, Assessment, Initiative, Status


def _answers(level_by_dimension):
    return {i.code: level_by_dimension.get(i.dimension, 0) for i in indicators.INDICATORS}


def test_every_dimension_has_indicators_with_five_levels():
    for _code, _label, items in indicators.by_dimension():
        assert len(items) >= 3
        assert all(len(i.levels) == 5 for i in items)
    assert len({i.code for i in indicators.INDICATORS}) == len(indicators.INDICATORS)


def test_scores_are_the_mean_level_over_four():
    answers = _answers({"mobility": 4, "economy": 2})
    answers["mob_info"] = 1  # mobility: (4 + 4 + 1) / 12
    scores = indicators.scores(answers)
    assert scores["mobility"] == 75
    assert scores["economy"] == 50
    assert scores["people"] == 0


def test_unknown_indicators_and_levels_are_dropped():
    assert indicators.clean_answers(
        {"mob_offer": 3, "nope": 2, "mob_info": 7, "gov_data": "2"}
    ) == {"mob_offer": 3}


def test_weakest_dimensions_break_ties_in_order():
    scores = {"mobility": 20, "governance": 80, "economy": 20, "environment": 10,
              "living": 90, "people": 50}  # fmt: skip
    assert indicators.weakest(scores) == ["environment", "mobility"]


@pytest.fixture
def assessment(park, moderator, commune):
    a = Assessment(commune=commune, organisation=park)
    return services.save_assessment(
        a, moderator, _answers({"mobility": 1, "governance": 3, "economy": 3,
                                 "environment": 3, "living": 3, "people": 2}),
        {"mobility": 60, "people": 40, "living": 50, "bogus": 10, "economy": 150},
        complete=True,
    )  # fmt: skip


def test_it_stores_scores_targets_and_gaps(assessment):
    assert assessment.scores["mobility"] == 25
    assert assessment.targets == {"mobility": 60, "people": 40, "living": 50}
    gaps = services.gaps(assessment)
    assert gaps["mobility"] == 35
    assert gaps["people"] == 0  # 50 already above the target of 40
    assert gaps["living"] == 0


def test_matchmaking_finds_sheets_from_better_places_and_helpers(
    assessment, park, moderator, other_commune, author, association, actor
):
    better = services.save_assessment(
        Assessment(commune=other_commune, organisation=park), moderator,
        _answers({"mobility": 4, "people": 1}), {}, complete=True,
    )  # fmt: skip
    assert better.scores["mobility"] == 100
    sheet = Initiative.objects.create(
        title="Autopartage", slug="autopartage", summary="s", solution_type="service",
        dimensions="mobility", status=Status.PUBLISHED, author=author,
    )  # fmt: skip
    sheet.communes.add(other_commune)
    draft = Initiative.objects.create(
        title="Brouillon", slug="brouillon", summary="s", solution_type="service",
        dimensions="mobility", status=Status.DRAFT, author=author,
    )  # fmt: skip
    draft.communes.add(other_commune)
    elsewhere = Initiative.objects.create(
        title="Ailleurs", slug="ailleurs", summary="s", solution_type="service",
        dimensions="mobility", status=Status.PUBLISHED, author=author,
    )  # fmt: skip
    elsewhere.communes.add(assessment.commune)  # the assessed place itself does not score higher
    Actor.objects.create(
        kind="person", name="Caché", slug="cache", consent_listed=False, helps_on="mobility"
    )
    match = services.matchmaking(assessment)
    assert match["weakest"] == ["mobility", "people"]
    mobility = match["dimensions"][0]
    assert mobility["places"] == [better]
    assert mobility["initiatives"] == [sheet]
    assert mobility["actors"] == [actor]
    people = match["dimensions"][1]
    assert people["places"] == []  # 25 < 50: the other place is not better on people
    assert people["initiatives"] == []


def test_history_keeps_every_assessment_and_latest_takes_the_newest(
    assessment, park, moderator, commune
):
    from datetime import timedelta

    later = Assessment(commune=commune, organisation=park,
                       assessed_on=assessment.assessed_on + timedelta(days=365))  # fmt: skip
    services.save_assessment(later, moderator, _answers({"mobility": 3}), {}, complete=True)
    assert list(assessment.same_place()) == [later, assessment]
    assert services.latest_assessments() == [later]
    assert services.latest_assessments(exclude=assessment) == []


def test_matchmaking_does_not_offer_the_assessing_organisation_itself(assessment, park):
    own = Actor.objects.create(
        kind="organisation", name="Parc", slug="parc", organisation=park, consent_listed=True,
        helps_on="mobility",
    )  # fmt: skip
    helpers = services.matchmaking(assessment)["dimensions"][0]["actors"]
    assert own not in helpers
