"""Seasonal pages: an employer posts and answers, a worker searches, applies and keeps a
profile; privacy of profiles and housing requests; the job page's JSON-LD; exports."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.seasonal import services
from smartvillage.seasonal.models import (
    Application,
    Contact,
    HousingOffer,
    HousingRequest,
    Intercommunality,
    Job,
    SavedSearch,
    WorkerProfile,
)
from tests.seasonal.conftest import WINTER


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def _job_form(season, commune, **extra):
    data = {
        "title": "Pisteur", "description": "Sécuriser les pistes", "rome_code": "G1205",
        "season": season.pk, "commune": commune.pk, "starts_on": "2026-12-19",
        "ends_on": "2027-04-04", "contract": "seasonal", "weekly_hours": "39",
        "hourly_wage": "13.10", "housing": "provided", "meals": "some", "positions": "2",
        "skills_required": ["secours-pistes"], "languages_required": ["fr"],
    }  # fmt: skip
    data.update(extra)
    return data


def test_an_employer_posts_a_job_with_the_commune_s_coordinates(
    boss_client, employer, season, commune
):
    response = boss_client.post(
        reverse("seasonal:job_new", args=[employer.slug]), _job_form(season, commune)
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert (job.latitude, job.longitude) == (commune.latitude, commune.longitude)
    assert job.skills_required == ["secours-pistes"]


def test_a_bad_job_form_shows_field_errors_and_saves_nothing(
    boss_client, employer, season, commune
):
    data = _job_form(season, commune, starts_on="2026-10-01", skills_required=["juggling"])
    response = boss_client.post(reverse("seasonal:job_new", args=[employer.slug]), data)
    assert response.status_code == 200
    assert "skills_required" in response.context["form"].errors
    assert not Job.objects.exists()


def test_an_organisation_that_is_not_an_employer_cannot_post(client, make_user, season, commune):
    club = Organisation.objects.create(name="Club", slug="club", kind="association")
    user = make_user("club@example.org")
    Membership.objects.create(user=user, organisation=club, role=Membership.Role.ADMIN)
    client.force_login(user)
    response = client.post(reverse("seasonal:job_new", args=["club"]), _job_form(season, commune))
    assert response.status_code == 200
    assert "Seule une organisation de type employeur" in response.content.decode()
    assert not Job.objects.exists()


def test_the_job_page_carries_a_job_posting_with_the_required_properties(client, make_job):
    job = make_job(title="Perchman <b>", housing=Job.Housing.PROVIDED)
    html = client.get(reverse("seasonal:job", args=[job.pk])).content.decode()
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<b>" not in text  # escaped: no text can close the element
    data = json.loads(text)
    assert data["@type"] == "JobPosting"
    for prop in ("title", "description", "datePosted", "hiringOrganization", "jobLocation",
                 "validThrough", "employmentType", "baseSalary"):  # fmt: skip
        assert data[prop], prop
    assert data["title"] == "Perchman <b>"
    assert data["hiringOrganization"]["name"] == "Remontées du Vercors"
    assert data["jobLocation"]["address"]["addressLocality"] == job.commune.name
    assert data["validThrough"] == "2026-12-19"
    assert data["baseSalary"]["value"]["unitText"] == "HOUR"


def test_the_search_filters_and_ranks_the_worker_s_matches_first(
    worker_client, worker, make_job, make_profile
):
    plain = make_job(title="Plonge", housing=Job.Housing.NONE, skills_required=["plonge"])
    housed = make_job(title="Serveur logé", housing=Job.Housing.PROVIDED, skills_required=["bar"])
    make_profile(worker, skills=["bar"], has_car=True)
    rows = worker_client.get(reverse("seasonal:jobs")).context["jobs"]
    assert [job.pk for job, _m in rows] == [housed.pk, plain.pk]
    rows = worker_client.get(reverse("seasonal:jobs"), {"housing": "on"}).context["jobs"]
    assert [job.pk for job, _m in rows] == [housed.pk]


def test_a_worker_applies_and_the_employer_accepts(
    client, worker, boss, employer, make_job, make_profile
):
    job = make_job()
    make_profile(worker, skills=["bar"], shown_fields=["skills"])
    client.force_login(worker)
    response = client.post(reverse("seasonal:apply", args=[job.pk]), {"message": "Dispo"})
    assert response.status_code == 302
    application = Application.objects.get(job=job, worker=worker)
    client.force_login(boss)
    page = client.get(reverse("seasonal:manage_job", args=[employer.slug, job.pk]))
    assert "Wendy Worker" in page.content.decode()
    client.post(
        reverse("seasonal:answer", args=[employer.slug, application.pk]),
        {"status": "accepted", "reply": "Bienvenue"},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.reply == "Bienvenue"


def test_an_employer_never_sees_a_worker_who_did_not_apply_nor_opt_in(
    boss_client, worker, employer, make_job, make_profile
):
    job = make_job()
    make_profile(worker, open_to_offers=False, shown_fields=list(WorkerProfile.SHAREABLE))
    page = boss_client.get(reverse("seasonal:manage_job", args=[employer.slug, job.pk]))
    assert "Wendy" not in page.content.decode()
    profile_url = reverse("seasonal:worker", args=[employer.slug, worker.pk])
    assert boss_client.get(profile_url).status_code == 404


def test_an_employer_sees_only_the_fields_the_worker_shows(
    boss_client, worker, employer, make_job, make_profile
):
    make_profile(worker, my_path="Secret path", skills=["bar"], open_to_offers=True,
                 shown_fields=["skills"])  # fmt: skip
    html = boss_client.get(reverse("seasonal:worker", args=[employer.slug, worker.pk])).content
    assert b"bar" in html
    assert b"Secret path" not in html


def test_past_workers_with_two_winters_show_the_priority_and_get_a_proposal(
    boss_client, boss, worker, employer, season, make_job
):
    for year in (2024, 2025):
        past = type(season).objects.create(
            intercommunality=season.intercommunality, kind="winter", name=f"Hiver {year}",
            starts_on=date(year, 12, 1), ends_on=date(year + 1, 4, 1),
        )  # fmt: skip
        services.declare_season(worker, employer, past, "Perchman", confirmed_by=boss)
    job = make_job()
    html = boss_client.get(reverse("seasonal:manage", args=[employer.slug])).content.decode()
    assert "priorité de reconduction" in html
    boss_client.post(reverse("seasonal:rehire", args=[employer.slug, job.pk]),
                     {"worker": worker.pk})  # fmt: skip
    assert Application.objects.get(job=job, worker=worker).status == "proposed"


def test_the_worker_saves_a_profile_with_availability_windows(worker_client, worker, commune):
    data = {
        "skills": ["bar"], "languages": ["fr", "en"], "licences": ["B"],
        "wished_communes": [commune.pk], "my_path": "Mon parcours",
        "shown_fields": ["skills", "my_path"], "available_from_1": "2026-12-15",
        "available_until_1": "2027-04-10",
    }  # fmt: skip
    assert worker_client.post(reverse("seasonal:profile"), data).status_code == 302
    profile = WorkerProfile.objects.get(user=worker)
    assert profile.languages == ["fr", "en"]
    assert [(a.starts_on, a.ends_on) for a in profile.availabilities.all()] == [
        (date(2026, 12, 15), date(2027, 4, 10))
    ]
    assert list(profile.wished_communes.all()) == [commune]


def test_overlapping_windows_are_refused_on_the_field(worker_client, worker):
    data = {
        "available_from_1": "2026-12-15", "available_until_1": "2027-02-10",
        "available_from_2": "2027-02-01", "available_until_2": "2027-04-10",
        "my_path": "Changed",
    }  # fmt: skip
    response = worker_client.post(reverse("seasonal:profile"), data)
    assert response.status_code == 200
    assert "available_from_1" in response.context["form"].errors
    profile = WorkerProfile.objects.get(user=worker)
    assert profile.my_path == ""
    assert not profile.availabilities.exists()


def test_the_worker_saves_a_search_as_an_alert(worker_client, worker):
    worker_client.post(
        reverse("seasonal:searches"), {"name": "Logé", "housing": "on", "rome": "G1803"}
    )
    search = SavedSearch.objects.get(worker=worker)
    assert search.filters == {"housing": True, "rome": "G1803"}


def test_the_checklist_keeps_only_known_ticks(worker_client, worker):
    worker_client.post(reverse("seasonal:checklist"), {"done": ["health", "hack"]})
    assert WorkerProfile.objects.get(user=worker).checklist_done == ["health"]
    html = worker_client.get(reverse("seasonal:checklist")).content.decode()
    assert 'value="health" checked' in html


def test_housing_requests_reach_offerers_only_with_consent(
    boss_client, employer, make_user, commune
):
    for email, consent in (("yes@example.org", True), ("no@example.org", False)):
        HousingRequest.objects.create(
            worker=make_user(email), commune=commune, starts_on=WINTER[0], ends_on=WINTER[1],
            max_rent=Decimal(400), consent_to_contact=consent,
        )  # fmt: skip
    html = boss_client.get(reverse("seasonal:manage_housing", args=[employer.slug])).content
    assert b"yes@example.org" in html
    assert b"no@example.org" not in html


def test_offers_reserved_to_an_employer_s_staff_are_hidden_from_others(
    client, boss, employer, commune
):
    HousingOffer.objects.create(
        offerer=employer, title="Chalet du personnel", commune=commune, latitude=45.0,
        longitude=5.5, available_from=WINTER[0], available_until=WINTER[1],
        monthly_rent=Decimal(200), reserved_to_staff=True,
    )  # fmt: skip
    assert b"Chalet du personnel" not in client.get(reverse("seasonal:housing")).content
    client.force_login(boss)
    assert b"Chalet du personnel" in client.get(reverse("seasonal:housing")).content


def test_exports_list_open_jobs_only(client, make_job, boss):
    make_job(title="Ouvert")
    services.close_job(make_job(title="Fermé"), actor=boss)
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("seasonal:jobs_csv")).content.decode()))
    )
    assert [r["title"] for r in rows] == ["Ouvert"]
    data = client.get(reverse("seasonal:jobs_json")).json()
    assert [j["title"] for j in data["jobs"]] == ["Ouvert"]


def test_the_contacts_directory_filters_by_intercommunality(client, intercommunality, commune):
    other = Intercommunality.objects.create(name="Trièves", slug="trieves")
    for area, name in ((intercommunality, "Maison des saisonniers"), (other, "Mission locale")):
        Contact.objects.create(
            intercommunality=area, kind="seasonal_house", name=name, commune=commune,
            latitude=45.0, longitude=5.5, opening_hours="lun-ven 9h-12h",
        )  # fmt: skip
    html = client.get(reverse("seasonal:contacts"), {"area": "vercors"}).content.decode()
    assert "Maison des saisonniers" in html
    assert "Mission locale" not in html
    assert 'id="map-config"' in html


def test_the_job_page_names_skills_and_languages_in_words(client, make_job):
    job = make_job(skills_required=["remontees-mecaniques"], languages_preferred=["it"])
    html = client.get(reverse("seasonal:job", args=[job.pk])).content.decode()
    assert "Conduire une remontée mécanique" in html
    assert "Italien" in html


def test_the_job_page_lists_housing_nearby_with_its_distance(client, make_job, employer, commune):
    job = make_job(latitude=45.06, longitude=5.54)
    for title, lat in (("Studio proche", 45.08), ("Trop loin", 45.50)):
        HousingOffer.objects.create(
            offerer=employer, title=title, commune=commune, latitude=lat, longitude=5.54,
            available_from=WINTER[0], available_until=WINTER[1], monthly_rent=Decimal(300),
        )  # fmt: skip
    rows = client.get(reverse("seasonal:job", args=[job.pk])).context["housing"]
    assert [(offer.title, km) for offer, km in rows] == [("Studio proche", 2)]


def test_the_employer_records_the_season_of_an_accepted_candidate(
    boss_client, boss, worker, employer, make_job
):
    application = services.apply(make_job(), worker)
    url = reverse("seasonal:record_season", args=[employer.slug, application.pk])
    boss_client.post(url)
    assert not worker.season_records.exists()  # not accepted yet
    services.answer(application, Application.Status.ACCEPTED, actor=boss)
    boss_client.post(url)
    record = worker.season_records.get()
    assert record.confirmed_at is not None
    assert record.job_title == "Perchman"


def test_the_open_jobs_csv_follows_its_table_schema(client, make_job):
    from smartvillage.core.datasets import get_dataset
    from smartvillage.seasonal.datasets import JOBS_SCHEMA
    from tests.opendata.tabular import assert_valid

    make_job(languages_required=["fr", "en"], skills_required=["bar"])
    make_job(title="Sans voiture", reachable_without_car=False)
    assert_valid(client.get(reverse("seasonal:jobs_csv")).content.decode(), JOBS_SCHEMA,
                 rows=2)  # fmt: skip
    dataset = get_dataset("seasonal-jobs")
    assert dataset is not None
    assert list(dataset.spatial) == ["26074"]
