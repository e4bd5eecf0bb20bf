"""The seasonal API: open jobs, applying, my matches, candidates with the privacy rule."""

import pytest

from smartvillage.accounts.models import Membership
from smartvillage.seasonal.models import Application, Job


def test_jobs_lists_open_jobs_with_filters(client, make_job, boss):
    make_job(title="Logé", housing=Job.Housing.PROVIDED)
    make_job(title="Non logé")
    make_job(title="Fermé", status=Job.Status.CLOSED)
    titles = [j["title"] for j in client.get("/api/v1/seasonal/jobs").json()]
    assert sorted(titles) == ["Logé", "Non logé"]
    housed = client.get("/api/v1/seasonal/jobs", {"housing": "true"}).json()
    assert [j["title"] for j in housed] == ["Logé"]


def test_a_huge_offset_is_bounded(client, make_job):
    make_job()
    response = client.get("/api/v1/seasonal/jobs", {"offset": 10**15, "limit": 10**9})
    assert response.status_code == 200
    assert response.json() == []


def test_applying_needs_authentication_and_refuses_twice(client, worker, make_job):
    job = make_job()
    url = f"/api/v1/seasonal/jobs/{job.pk}/apply"
    assert client.post(url, {}, content_type="application/json").status_code == 401
    client.force_login(worker)
    first = client.post(url, {"message": "Hello"}, content_type="application/json")
    assert first.status_code == 201
    assert first.json()["status"] == "sent"
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 422
    assert "__all__" in again.json()["errors"]
    assert Application.objects.count() == 1


def test_my_matches_are_ranked(client, worker, make_job, make_profile):
    best = make_job(title="Bar", skills_required=["bar"])
    other = make_job(title="Cuisine", skills_required=["cuisine-chaude"])
    make_profile(worker, skills=["bar"], has_car=True)
    client.force_login(worker)
    rows = client.get("/api/v1/seasonal/me/matches").json()
    assert [r["job"]["id"] for r in rows] == [best.pk, other.pk]


def test_candidates_show_only_visible_workers_and_fields(
    client, boss, worker, make_user, make_job, make_profile
):
    job = make_job()
    make_profile(worker, skills=["bar"], my_path="Secret", open_to_offers=True,
                 shown_fields=["skills"])  # fmt: skip
    make_profile(make_user("hidden@example.org"), open_to_offers=False)
    client.force_login(boss)
    rows = client.get(f"/api/v1/seasonal/jobs/{job.pk}/candidates").json()
    assert [r["worker"] for r in rows] == [worker.pk]
    assert rows[0]["shown"] == {"skills": ["bar"]}


@pytest.mark.parametrize(("role", "status"), [(None, 404), (Membership.Role.MEMBER, 403)])
def test_candidates_are_refused_to_outsiders_and_plain_members(
    client, make_user, employer, make_job, role, status
):
    job = make_job()
    user = make_user("someone@example.org")
    if role:
        Membership.objects.create(user=user, organisation=employer, role=role)
    client.force_login(user)
    assert client.get(f"/api/v1/seasonal/jobs/{job.pk}/candidates").status_code == status


def test_the_openapi_document_lists_the_seasonal_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/seasonal/jobs" in paths
    assert "/api/v1/seasonal/jobs/{job_id}/candidates" in paths
