"""Ranking candidates for a job and jobs for a worker: overlap, skills, hard filters, privacy,
and the index following the database."""

from datetime import date

import pytest

from smartvillage.seasonal import matching, services
from smartvillage.seasonal.models import Job, WorkerProfile
from tests.seasonal.conftest import WINTER


@pytest.fixture
def people(make_user):
    return [make_user(f"w{i}@example.org") for i in range(4)]


def test_score_is_half_coverage_half_skills(make_job, make_profile, worker):
    job = make_job(skills_required=["remontees-mecaniques"], skills_preferred=["secours-pistes"])
    # Available for the first half of the season (53 of 107 days), with the required skill.
    half = (WINTER[0], date(2027, 2, 9))
    make_profile(worker, [half], skills=["remontees-mecaniques"], open_to_offers=True)
    (match,) = matching.candidates_for(job)
    days = (WINTER[1] - WINTER[0]).days + 1
    assert match.coverage == pytest.approx(((half[1] - half[0]).days + 1) / days)
    assert match.skills == pytest.approx(2 / 3)  # required weighs 2, preferred 1
    assert match.score == pytest.approx(0.5 * match.coverage + 0.5 * 2 / 3, abs=1e-4)


def test_candidates_are_ranked_by_score(make_job, make_profile, people):
    job = make_job(skills_required=["remontees-mecaniques"])
    make_profile(people[0], skills=[], open_to_offers=True)
    make_profile(people[1], skills=["remontees-mecaniques"], open_to_offers=True)
    make_profile(people[2], [(WINTER[0], date(2027, 1, 10))], skills=["remontees-mecaniques"],
                 open_to_offers=True)  # fmt: skip
    ranked = [m.id for m in matching.candidates_for(job)]
    assert ranked == [people[1].pk, people[2].pk, people[0].pk]


def test_a_worker_without_overlap_is_left_out(make_job, make_profile, worker):
    job = make_job()
    make_profile(worker, [(date(2027, 6, 1), date(2027, 9, 1))], open_to_offers=True)
    assert matching.candidates_for(job) == []


def test_a_worker_who_neither_applied_nor_opted_in_is_never_shown(make_job, make_profile, worker):
    job = make_job()
    make_profile(worker, open_to_offers=False)
    assert matching.candidates_for(job) == []
    services.apply(job, worker)
    assert [m.id for m in matching.candidates_for(job)] == [worker.pk]
    other = make_job(title="Autre")
    assert matching.candidates_for(other) == []


@pytest.mark.parametrize(
    ("job_fields", "profile_fields"),
    [
        ({"licences_required": ["caces"]}, {"licences": ["B"]}),
        ({"languages_required": ["en"]}, {"languages": ["fr"]}),
        ({"housing": Job.Housing.NONE}, {"needs_housing": True}),
        ({"reachable_without_car": False}, {"has_car": False}),
    ],
    ids=["licence", "language", "housing", "car"],
)
def test_hard_filters_remove_the_pair(make_job, make_profile, worker, job_fields, profile_fields):
    job = make_job(**job_fields)
    make_profile(worker, open_to_offers=True, **profile_fields)
    assert matching.candidates_for(job) == []
    assert matching.jobs_for(worker) == []


@pytest.mark.parametrize(
    ("job_fields", "profile_fields"),
    [
        ({"licences_required": ["caces"]}, {"licences": ["caces", "B"]}),
        ({"languages_preferred": ["en"]}, {"languages": ["fr"]}),
        ({"housing": Job.Housing.HELPED}, {"needs_housing": True}),
        ({"reachable_without_car": False}, {"has_car": True}),
    ],
    ids=["licence", "preferred-language", "housing-helped", "car"],
)
def test_the_pair_passes_when_the_condition_is_met(
    make_job, make_profile, worker, job_fields, profile_fields
):
    job = make_job(**job_fields)
    make_profile(worker, open_to_offers=True, **profile_fields)
    assert [m.id for m in matching.candidates_for(job)] == [worker.pk]
    assert [m.id for m in matching.jobs_for(worker)] == [job.pk]


def test_jobs_for_a_worker_are_ranked_and_closed_jobs_left_out(make_job, make_profile, worker,
                                                               boss):  # fmt: skip
    exact = make_job(title="Exact", skills_required=["bar"])
    partial = make_job(title="Partiel", skills_required=["bar", "cuisine-chaude"])
    closed = make_job(title="Fermé")
    services.close_job(closed, actor=boss)
    make_profile(worker, skills=["bar"])
    assert [m.id for m in matching.jobs_for(worker)] == [exact.pk, partial.pk]


def test_the_index_follows_changes_in_the_database(make_job, make_profile, worker, boss):
    job = make_job()
    assert matching.candidates_for(job) == []  # index built, nobody yet
    profile = make_profile(worker, open_to_offers=True)
    assert [m.id for m in matching.candidates_for(job)] == [worker.pk]
    profile.open_to_offers = False
    services.save_profile(profile)
    assert matching.candidates_for(job) == []
    services.close_job(job, actor=boss)
    assert matching.jobs_for(worker) == []


def test_the_index_forgets_deleted_profiles(make_job, make_profile, worker, make_user):
    job = make_job()
    make_profile(worker, open_to_offers=True)
    assert len(matching.candidates_for(job)) == 1
    WorkerProfile.objects.filter(user=worker).delete()
    make_profile(make_user("new@example.org"), [(date(2027, 6, 1), date(2027, 7, 1))])
    assert matching.candidates_for(job) == []


def test_limit_keeps_the_best(make_job, make_profile, people):
    job = make_job(skills_required=["bar"])
    for i, person in enumerate(people):
        make_profile(person, [(WINTER[0], date(2027, 1, 1 + 10 * i))], open_to_offers=True)
    ranked = matching.candidates_for(job, limit=2)
    assert [m.id for m in ranked] == [people[3].pk, people[2].pk]
