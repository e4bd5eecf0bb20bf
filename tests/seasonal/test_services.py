"""Seasonal workflows: posting and closing jobs, applying, answering, seasons and rehire."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from smartvillage.accounts.models import Organisation
from smartvillage.core.errors import error_codes
from smartvillage.core.models import AuditLogEntry
from smartvillage.seasonal import services
from smartvillage.seasonal.models import Application, Job, WorkerProfile
from tests.seasonal.conftest import WINTER


def _codes(excinfo):
    return error_codes(excinfo.value)


def _job(employer, season, commune, **fields):
    values = dict(
        employer=employer, season=season, title="Serveur", description="Service en salle",
        rome_code="G1803", commune=commune, latitude=44.97, longitude=5.41,
        starts_on=WINTER[0], ends_on=WINTER[1], weekly_hours=35, hourly_wage=12,
    )  # fmt: skip
    values.update(fields)
    return Job(**values)


def test_it_posts_a_job_and_records_it(employer, season, commune, boss):
    job = services.save_job(_job(employer, season, commune), actor=boss)
    assert job.pk
    assert job.status == Job.Status.OPEN
    assert AuditLogEntry.objects.filter(action="seasonal.job.posted").count() == 1


def test_it_refuses_a_job_from_an_organisation_that_is_not_an_employer(season, commune, boss):
    club = Organisation.objects.create(name="Club", slug="club", kind="association")
    with pytest.raises(ValidationError) as excinfo:
        services.save_job(_job(club, season, commune), actor=boss)
    assert _codes(excinfo) == {"not_employer"}
    assert not Job.objects.exists()


def test_it_refuses_unknown_skill_codes_on_their_field(employer, season, commune, boss):
    with pytest.raises(ValidationError) as excinfo:
        services.save_job(_job(employer, season, commune, skills_required=["juggling"]), actor=boss)
    assert "skills_required" in excinfo.value.message_dict
    assert not Job.objects.exists()


def test_it_refuses_dates_outside_the_season(employer, season, commune, boss):
    job = _job(employer, season, commune, starts_on=date(2026, 11, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.save_job(job, actor=boss)
    assert _codes(excinfo) == {"outside_season"}


def test_it_stores_whether_the_job_is_reachable_without_a_car(employer, season, commune, boss):
    from smartvillage.core import mobility
    from smartvillage.core.mobility import Access

    class Bus:
        def access(self, latitude, longitude, radius_m):
            return [Access("bus", "Navette", latitude, longitude, 100, "/", True)]

    with mobility.registry.only(test__bus=Bus()):
        reachable = services.save_job(_job(employer, season, commune), actor=boss)
    with mobility.registry.only():
        isolated = services.save_job(_job(employer, season, commune), actor=boss)
    assert reachable.reachable_without_car is True
    assert isolated.reachable_without_car is False


def test_it_closes_a_job_once(make_job, boss):
    job = make_job()
    assert services.close_job(job, actor=boss) is True
    assert services.close_job(job, actor=boss) is False
    assert job.status == Job.Status.CLOSED
    assert job.closed_at is not None


def test_a_worker_applies_once(make_job, worker):
    job = make_job()
    services.apply(job, worker, "Bonjour")
    with pytest.raises(ValidationError) as excinfo:
        services.apply(job, worker, "Encore")
    assert _codes(excinfo) == {"already_applied"}
    assert Application.objects.filter(job=job, worker=worker).count() == 1
    assert WorkerProfile.objects.filter(user=worker).exists()


def test_the_employer_is_emailed_after_an_application(
    make_job, worker, django_capture_on_commit_callbacks
):
    job = make_job()
    with django_capture_on_commit_callbacks(execute=True):
        services.apply(job, worker)
    assert [m.to for m in mail.outbox] == [["rh@remontees.example"]]


def test_it_refuses_an_application_to_a_closed_job(make_job, worker, boss):
    job = make_job()
    services.close_job(job, actor=boss)
    with pytest.raises(ValidationError) as excinfo:
        services.apply(job, worker)
    assert _codes(excinfo) == {"job_closed"}


def test_it_refuses_an_application_from_the_employer_s_own_staff(make_job, boss):
    with pytest.raises(ValidationError) as excinfo:
        services.apply(make_job(), boss)
    assert _codes(excinfo) == {"own_job"}


def test_accepting_takes_a_position_and_refuses_beyond_the_positions(
    make_job, make_user, boss, django_capture_on_commit_callbacks
):
    job = make_job(positions=1)
    first = services.apply(job, make_user("a@example.org"))
    second = services.apply(job, make_user("b@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(first, Application.Status.ACCEPTED, "Bienvenue", actor=boss)
    assert mail.outbox[-1].to == ["a@example.org"]
    assert "Acceptée" in mail.outbox[-1].body  # in the worker's language (French)
    assert "Bienvenue" in mail.outbox[-1].body
    with pytest.raises(ValidationError) as excinfo:
        services.answer(second, Application.Status.ACCEPTED, actor=boss)
    assert _codes(excinfo) == {"full"}
    second.refresh_from_db()
    assert second.status == Application.Status.SENT


def test_it_refuses_to_answer_a_withdrawn_application(make_job, worker, boss):
    application = services.apply(make_job(), worker)
    assert services.withdraw(application, actor=worker)
    with pytest.raises(ValidationError) as excinfo:
        services.answer(application, Application.Status.DECLINED, actor=boss)
    assert _codes(excinfo) == {"not_live"}


def test_it_refuses_an_unknown_answer(make_job, worker, boss):
    application = services.apply(make_job(), worker)
    with pytest.raises(ValidationError) as excinfo:
        services.answer(application, "hired", actor=boss)
    assert _codes(excinfo) == {"bad_answer"}


def _past_season(season, year):
    return type(season).objects.create(
        intercommunality=season.intercommunality, kind=season.kind, name=f"Hiver {year}",
        starts_on=date(year, 12, 19), ends_on=date(year + 1, 4, 4),
    )  # fmt: skip


def test_two_confirmed_winters_with_one_employer_give_the_reconduction_priority(
    employer, season, worker, boss
):
    first = services.declare_season(worker, employer, _past_season(season, 2024), "Perchman")
    assert not services.has_reconduction_priority(worker, employer)
    services.confirm_season(first, actor=boss)
    services.declare_season(
        worker, employer, _past_season(season, 2025), "Perchman", confirmed_by=boss
    )
    assert services.has_reconduction_priority(worker, employer)


def test_unconfirmed_seasons_do_not_count(employer, season, worker):
    services.declare_season(worker, employer, _past_season(season, 2024), "Perchman")
    services.declare_season(worker, employer, _past_season(season, 2025), "Perchman")
    assert not services.has_reconduction_priority(worker, employer)
    assert services.past_workers(employer) == []


def test_it_proposes_a_rehire_only_to_a_past_worker(make_job, employer, season, worker, boss):
    job = make_job()
    with pytest.raises(ValidationError) as excinfo:
        services.propose_rehire(job, worker, actor=boss)
    assert _codes(excinfo) == {"no_past_season"}
    services.declare_season(
        worker, employer, _past_season(season, 2025), "Perchman", confirmed_by=boss
    )
    proposal = services.propose_rehire(job, worker, actor=boss)
    assert proposal.status == Application.Status.PROPOSED
    accepted = services.respond_to_proposal(proposal, True, actor=worker)
    assert accepted.status == Application.Status.ACCEPTED
    with pytest.raises(ValidationError) as excinfo:
        services.respond_to_proposal(proposal, False, actor=worker)
    assert _codes(excinfo) == {"not_proposed"}


def test_it_saves_a_profile_with_windows_and_refuses_overlaps(make_profile, worker):
    profile = make_profile(
        worker, [(date(2026, 12, 1), date(2027, 1, 31)), (date(2027, 2, 1), date(2027, 4, 1))]
    )
    assert profile.availabilities.count() == 2
    with pytest.raises(ValidationError) as excinfo:
        services.save_profile(
            profile, [(date(2026, 12, 1), date(2027, 1, 31)), (date(2027, 1, 15), date(2027, 3, 1))]
        )
    assert _codes(excinfo) == {"overlap"}
    assert profile.availabilities.count() == 2


def test_it_refuses_unknown_languages_in_a_profile(make_profile, worker):
    with pytest.raises(ValidationError) as excinfo:
        make_profile(worker, languages=["klingon"])
    assert "languages" in excinfo.value.message_dict
