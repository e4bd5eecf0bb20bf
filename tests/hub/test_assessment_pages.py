"""Self-assessment pages: start, answer, complete; the radar (SVG) and its table; drafts."""

import pytest

from smartvillage.hub import indicators
from smartvillage.hub.models import Assessment


def _answers(level):
    return {i.code: str(level) for i in indicators.INDICATORS}


def test_staff_run_an_assessment_to_completion(client, moderator, park, commune):
    client.force_login(moderator)
    response = client.post("/hub/assessments/new/", {"commune": "26074", "organisation": park.pk})
    assessment = Assessment.objects.get()
    assert response.url == f"/hub/assessments/{assessment.pk}/edit/"
    data = {**_answers(2), "mob_offer": "4", "target_mobility": "80", "complete": "on"}
    client.post(f"/hub/assessments/{assessment.pk}/edit/", data)
    assessment.refresh_from_db()
    assert assessment.completed
    assert assessment.scores["mobility"] == 67  # (4 + 2 + 2) / 12
    assert assessment.targets == {"mobility": 80}


def test_bad_levels_and_targets_are_field_errors(client, moderator, park, commune):
    assessment = Assessment.objects.create(commune=commune, organisation=park)
    client.force_login(moderator)
    response = client.post(
        f"/hub/assessments/{assessment.pk}/edit/", {"mob_offer": "9", "target_people": "140"}
    )
    assert {"mob_offer", "target_people"} <= set(response.context["form"].errors)
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_the_page_has_a_radar_and_a_table_without_javascript(client, park, commune):
    a = Assessment.objects.create(
        commune=commune, organisation=park, completed=True,
        scores={"mobility": 25, "governance": 75, "economy": 50, "environment": 50,
                "living": 50, "people": 50},
        targets={"mobility": 60},
    )  # fmt: skip
    body = client.get(f"/hub/assessments/{a.pk}/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in body
    assert 'role="img"' in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]
    assert "<table" in body
    assert ">35<" in body  # the gap on mobility: 60 - 25


def test_a_draft_is_seen_only_by_its_organisations_staff(client, park, commune, author):
    a = Assessment.objects.create(commune=commune, organisation=park)
    assert client.get(f"/hub/assessments/{a.pk}/").status_code == 404
    client.force_login(author)
    assert client.get(f"/hub/assessments/{a.pk}/").status_code == 404


@pytest.mark.parametrize("data", [{}, {"commune": "26074", "area": "1"}, {"commune": "99999"}])
def test_starting_needs_exactly_one_known_place(client, moderator, park, commune, data):
    client.force_login(moderator)
    response = client.post("/hub/assessments/new/", {**data, "organisation": park.pk})
    assert response.status_code == 200
    assert not Assessment.objects.exists()


def test_the_page_shows_the_history_and_the_previous_scores(client, park, commune):
    from datetime import date

    older = Assessment.objects.create(
        commune=commune, organisation=park, completed=True, assessed_on=date(2025, 1, 10),
        scores={"mobility": 10},
    )  # fmt: skip
    newer = Assessment.objects.create(
        commune=commune, organisation=park, completed=True, assessed_on=date(2026, 1, 10),
        scores={"mobility": 40},
    )  # fmt: skip
    page = client.get(f"/hub/assessments/{newer.pk}/")
    assert [a for a, _values in page.context["history_rows"]] == [older, newer]
    assert page.context["rows"][0]["previous"] == 10
    assert "radar-previous" in page.content.decode()
    assert f'href="/hub/assessments/{older.pk}/"' in page.content.decode()
