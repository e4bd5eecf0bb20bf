"""Seasonal work API (/api/v1/seasonal/): open jobs and contacts (public, open data); a
worker's ranked jobs, applications and applying; an employer's ranked candidates.

The same services and messages as the pages: 422 ``{"errors": {field: [messages]}}`` for a
refused application, 404 for an unknown job or another organisation's job, 403 for a member
of the employer without a staff role. Candidates follow the pages' privacy rule: only workers
who applied to the job or opted in, with only the fields they show.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from smartvillage.accounts.api_auth import AUTH
from smartvillage.accounts.models import Membership
from smartvillage.core.errors import error_dict, http_status
from smartvillage.core.openapi import example
from smartvillage.seasonal import api_examples as ex
from smartvillage.seasonal import matching, services
from smartvillage.seasonal.models import Application, Contact, Job, WorkerProfile

router = Router(tags=["seasonal"])

MAX_LIMIT = 200


class SeasonalJobOut(Schema):
    id: int
    title: str
    employer: str
    rome_code: str
    season: str
    insee_code: str
    commune: str
    latitude: float
    longitude: float
    starts_on: date
    ends_on: date
    contract: str
    weekly_hours: Decimal
    hourly_wage: Decimal
    housing: str
    meals: str
    languages_required: list[str]
    licences_required: list[str]
    skills_required: list[str]
    skills_preferred: list[str]
    reachable_without_car: bool
    positions: int
    status: str


class SeasonalMatchOut(Schema):
    job: SeasonalJobOut
    score: float
    coverage: float
    skills: float


class SeasonalApplyIn(Schema):
    message: str = ""


class SeasonalApplicationOut(Schema):
    id: int
    job: int
    job_title: str
    employer: str
    status: str
    reply: str


class SeasonalCandidateOut(Schema):
    worker: int
    name: str
    score: float
    coverage: float
    skills: float
    applied: bool
    reconduction_priority: bool
    shown: dict[str, Any]


class SeasonalContactOut(Schema):
    name: str
    kind: str
    intercommunality: str
    insee_code: str
    latitude: float
    longitude: float
    phone: str
    email: str
    website: str
    opening_hours: str


class SeasonalErrorsOut(Schema):
    errors: dict[str, list[str]]


def _job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk,
        "title": job.title,
        "employer": job.employer.name,
        "rome_code": job.rome_code,
        "season": job.season.name,
        "insee_code": job.commune.insee_code,
        "commune": job.commune.name,
        "latitude": job.latitude,
        "longitude": job.longitude,
        "starts_on": job.starts_on,
        "ends_on": job.ends_on,
        "contract": job.contract,
        "weekly_hours": job.weekly_hours,
        "hourly_wage": job.hourly_wage,
        "housing": job.housing,
        "meals": job.meals,
        "languages_required": job.languages_required,
        "licences_required": job.licences_required,
        "skills_required": job.skills_required,
        "skills_preferred": job.skills_preferred,
        "reachable_without_car": job.reachable_without_car,
        "positions": job.positions,
        "status": job.status,
    }


def _jobs() -> Any:
    return Job.objects.select_related("employer", "season", "commune")


@router.get(
    "/jobs",
    response=list[SeasonalJobOut],
    summary="Open seasonal jobs (open data)",
    openapi_extra=example(ex.JOBS),
)
def jobs(
    request: HttpRequest,
    rome: str | None = None,
    commune: str | None = None,
    area: str | None = None,
    housing: bool = False,
    without_car: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Any:
    rows = _jobs().open()
    if rome:
        rows = rows.filter(rome_code=rome)
    if commune:
        rows = rows.filter(commune__insee_code=commune)
    if area:
        rows = rows.filter(season__intercommunality__slug=area)
    if housing:
        rows = rows.exclude(housing=Job.Housing.NONE)
    if without_car:
        rows = rows.filter(reachable_without_car=True)
    # Bounded: a huge offset or limit never reaches the database.
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, 10**6))
    return [_job_out(j) for j in rows.order_by("starts_on", "pk")[offset : offset + limit]]


@router.get(
    "/jobs/{job_id}",
    response=SeasonalJobOut,
    summary="One seasonal job",
    openapi_extra=example(ex.JOB),
)
def job(request: HttpRequest, job_id: int) -> Any:
    return _job_out(get_object_or_404(_jobs(), pk=job_id))


@router.post(
    "/jobs/{job_id}/apply",
    response={201: SeasonalApplicationOut, 422: SeasonalErrorsOut},
    auth=AUTH,
    summary="Apply to a job",
)
def apply(request: HttpRequest, job_id: int, payload: SeasonalApplyIn) -> Any:
    found = get_object_or_404(_jobs(), pk=job_id)
    try:
        application = services.apply(found, request.user, payload.message[:2000])
    except ValidationError as exc:
        return Status(http_status(exc), {"errors": error_dict(exc)})
    return Status(201, _application_out(application))


def _application_out(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "job": a.job_id,
        "job_title": a.job.title,
        "employer": a.job.employer.name,
        "status": a.status,
        "reply": a.reply,
    }


@router.get(
    "/me/applications", response=list[SeasonalApplicationOut], auth=AUTH, summary="My applications"
)
def my_applications(request: HttpRequest) -> Any:
    user: Any = request.user
    rows = Application.objects.filter(worker=user).select_related("job__employer")
    return [_application_out(a) for a in rows]


@router.get("/me/matches", response=list[SeasonalMatchOut], auth=AUTH, summary="Jobs ranked for me")
def my_matches(request: HttpRequest, limit: int = 20) -> Any:
    matches = matching.jobs_for(request.user, max(1, min(limit, MAX_LIMIT)))
    found = _jobs().in_bulk([m.id for m in matches])
    return [
        {"job": _job_out(found[m.id]), "score": m.score, "coverage": m.coverage,
         "skills": m.skills}
        for m in matches
        if m.id in found
    ]  # fmt: skip


def _staff_job(request: HttpRequest, job_id: int) -> Job:
    """A job of an organisation where the person is staff; outsiders 404, members 403."""
    found: Job = get_object_or_404(_jobs(), pk=job_id)
    user: Any = request.user
    membership = Membership.objects.filter(user=user, organisation=found.employer).first()
    if membership is None:
        raise Http404  # the job is public, but its candidates' existence is not revealed
    if membership.role not in Membership.STAFF_ROLES:
        raise HttpError(403, "Only the employer's admins and operators see candidates.")
    return found


@router.get(
    "/jobs/{job_id}/candidates",
    response=list[SeasonalCandidateOut],
    auth=AUTH,
    summary="Ranked candidates for a job (its employer's staff)",
)
def candidates(request: HttpRequest, job_id: int, limit: int = 50) -> Any:
    found = _staff_job(request, job_id)
    matches = matching.candidates_for(found, max(1, min(limit, MAX_LIMIT)))
    applied = set(Application.objects.filter(job=found).values_list("worker_id", flat=True))
    profiles = WorkerProfile.objects.select_related("user").in_bulk(
        [m.id for m in matches], field_name="user_id"
    )
    out = []
    for m in matches:
        profile = profiles.get(m.id)
        if profile is None or not profile.user.is_active:
            continue
        shown = {
            field: getattr(profile, field)
            for field in ("skills", "languages", "licences", "my_path")
            if profile.shows(field)
        }
        out.append(
            {
                "worker": m.id, "name": str(profile.user), "score": m.score,
                "coverage": m.coverage, "skills": m.skills, "applied": m.id in applied,
                "reconduction_priority": services.has_reconduction_priority(
                    profile.user, found.employer
                ),
                "shown": shown,
            }
        )  # fmt: skip
    return out


@router.get(
    "/contacts",
    response=list[SeasonalContactOut],
    summary="Key contacts (open data)",
    openapi_extra=example(ex.CONTACTS),
)
def contacts(request: HttpRequest, area: str | None = None) -> Any:
    rows = Contact.objects.select_related("intercommunality", "commune")
    if area:
        rows = rows.filter(intercommunality__slug=area)
    return [
        {
            "name": c.name, "kind": c.kind, "intercommunality": c.intercommunality.slug,
            "insee_code": c.commune.insee_code, "latitude": c.latitude,
            "longitude": c.longitude, "phone": c.phone, "email": c.email,
            "website": c.website, "opening_hours": c.opening_hours,
        }
        for c in rows
    ]  # fmt: skip
