"""Employer and housing-offerer pages (admins and operators of the organisation): post and close
jobs, see ranked candidates and answer them, propose a rehire to last season's workers, confirm
seasons, offer housing and see the housing requests of workers who consent to be contacted.

Privacy: a worker appears here only after applying to one of the organisation's jobs, or when
they opted in (``open_to_offers``); only the fields the worker shows are displayed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.seasonal import matching, rome, services
from smartvillage.seasonal.forms import AnswerForm, HousingOfferForm, JobForm, RehireForm
from smartvillage.seasonal.models import (
    Application,
    HousingOffer,
    HousingRequest,
    Job,
    SeasonRecord,
    WorkerProfile,
)

# --- Permission-checked getters ------------------------------------------------------------------


def _get_org_for_staff(request: HttpRequest, slug: str) -> Organisation:
    """Admins and operators; other members 403, outsiders 404."""
    organisation, membership = get_organisation_for_user(request, slug)
    if membership.role not in Membership.STAFF_ROLES:
        raise PermissionDenied
    return organisation


def _get_job(organisation: Organisation, pk: int) -> Job:
    return get_object_or_404(
        Job.objects.select_related("employer", "season", "commune"), pk=pk, employer=organisation
    )


def _get_application(organisation: Organisation, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("job", "worker"), pk=pk, job__employer=organisation
    )


def _get_record(organisation: Organisation, pk: int) -> SeasonRecord:
    return get_object_or_404(SeasonRecord, pk=pk, employer=organisation)


def _get_visible_worker(organisation: Organisation, user_id: int) -> tuple[Any, WorkerProfile]:
    """A worker the organisation may see: applied to one of its jobs, or opted in. Anyone
    else is a 404, as if they did not exist."""
    profile = WorkerProfile.objects.select_related("user").filter(user_id=user_id).first()
    if profile is None or not profile.user.is_active:
        raise Http404
    applied = Application.objects.filter(worker_id=user_id, job__employer=organisation).exists()
    if not (applied or profile.open_to_offers):
        raise Http404
    return profile.user, profile


def worker_card(profile: WorkerProfile, organisation: Organisation) -> dict[str, Any]:
    """What an employer sees of a worker: the fields the worker shows, and the priority."""
    shown = set(profile.shown_fields)
    records = SeasonRecord.objects.filter(worker=profile.user, confirmed_at__isnull=False)
    return {
        "user": profile.user,
        "profile": profile,
        "shown": shown,
        "skills": rome.labels(profile.skills, rome.skills()),
        "languages": rome.labels(profile.languages, rome.LANGUAGES),
        "licences": rome.labels(profile.licences, rome.LICENCES),
        "availability": list(profile.availabilities.all()) if "availability" in shown else [],
        "seasons": list(records.select_related("employer", "season")) if "seasons" in shown else [],
        "priority": services.has_reconduction_priority(profile.user, organisation),
    }


def _show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- Jobs and candidates -------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    past = [
        (worker, services.has_reconduction_priority(worker, organisation))
        for worker in services.past_workers(organisation)
    ]
    context = {
        "organisation": organisation,
        "is_employer": organisation.kind == Organisation.Kind.EMPLOYER,
        "jobs": Job.objects.filter(employer=organisation).select_related("season"),
        "past_workers": past,
        "pending": SeasonRecord.objects.filter(
            employer=organisation, confirmed_at__isnull=True
        ).select_related("worker", "season"),
    }
    return render(request, "seasonal/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def job_edit(request: HttpRequest, org: str, pk: int | None = None) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    job = _get_job(organisation, pk) if pk else Job(employer=organisation)
    form = JobForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_job(form.instance, actor=request.user)
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("The job is saved."))
            return redirect("seasonal:manage_job", org=organisation.slug, pk=form.instance.pk)
    context = {"organisation": organisation, "form": form, "job": job if pk else None}
    return render(request, "seasonal/job_form.html", context)


@login_required
@require_GET
def job_candidates(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    job = _get_job(organisation, pk)
    applications = list(job.applications.select_related("worker").order_by("created"))
    by_worker = {a.worker_id: a for a in applications}
    ranked = matching.candidates_for(job, limit=50)
    profiles = {
        p.user_id: p
        for p in WorkerProfile.objects.select_related("user").filter(
            user_id__in=[m.id for m in ranked] + list(by_worker)
        )
    }
    candidates = [
        (m, worker_card(profiles[m.id], organisation), by_worker.get(m.id))
        for m in ranked
        if m.id in profiles and profiles[m.id].user.is_active
    ]
    ranked_ids = {m.id for m in ranked}
    # Applicants the hard filters leave out are still listed: they asked.
    others = [
        (a, worker_card(profiles[a.worker_id], organisation))
        for a in applications
        if a.worker_id not in ranked_ids and a.worker_id in profiles
    ]
    past = [w for w in services.past_workers(organisation) if w.pk not in by_worker]
    context = {
        "organisation": organisation,
        "job": job,
        "candidates": candidates,
        "others": others,
        "answer_form": AnswerForm(),
        "past_workers": past,
    }
    return render(request, "seasonal/candidates.html", context)


@login_required
@require_POST
def job_close(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    job = _get_job(organisation, pk)
    if services.close_job(job, actor=request.user):
        messages.success(request, _("The job is closed."))
    return redirect("seasonal:manage", org=organisation.slug)


@login_required
@require_POST
def answer(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    application = _get_application(organisation, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
    else:
        try:
            services.answer(
                application, form.cleaned_data["status"], form.cleaned_data["reply"],
                actor=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            _show_errors(request, exc)
        else:
            messages.success(request, _("Your answer is sent."))
    return redirect("seasonal:manage_job", org=organisation.slug, pk=application.job_id)


@login_required
@require_POST
def record_season(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    application = _get_application(organisation, pk)
    try:
        services.record_season_of(application, actor=request.user)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("The season is recorded in this person's history."))
    return redirect("seasonal:manage_job", org=organisation.slug, pk=application.job_id)


@login_required
@require_POST
def rehire(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    job = _get_job(organisation, pk)
    form = RehireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person."))
        return redirect("seasonal:manage_job", org=organisation.slug, pk=job.pk)
    worker = get_user_model().objects.filter(pk=form.cleaned_data["worker"]).first()
    try:
        if worker is None:
            raise services.error("no_past_season")
        services.propose_rehire(job, worker, form.cleaned_data["message"], actor=request.user)
    except ValidationError as exc:
        _show_errors(request, exc)
    else:
        messages.success(request, _("The proposal is sent."))
    return redirect("seasonal:manage_job", org=organisation.slug, pk=job.pk)


@login_required
@require_GET
def worker(request: HttpRequest, org: str, user_id: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    _user, profile = _get_visible_worker(organisation, user_id)
    context = {"organisation": organisation, "card": worker_card(profile, organisation)}
    return render(request, "seasonal/worker.html", context)


@login_required
@require_POST
def confirm_season(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    record = _get_record(organisation, pk)
    try:
        services.confirm_season(record, actor=request.user)
    except ValidationError as exc:
        _show_errors(request, exc)
    return redirect("seasonal:manage", org=organisation.slug)


# --- Housing offers ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def manage_housing(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    form = HousingOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.offerer = organisation
        form.save()
        messages.success(request, _("The housing offer is published."))
        return redirect("seasonal:manage_housing", org=organisation.slug)
    context = {
        "organisation": organisation,
        "form": form,
        "offers": HousingOffer.objects.filter(offerer=organisation).select_related("commune"),
        # Only workers who consent to be contacted, and only while they look.
        "requests": HousingRequest.objects.filter(
            consent_to_contact=True, is_open=True, worker__is_active=True
        ).select_related("worker", "commune"),
    }
    return render(request, "seasonal/manage_housing.html", context)


@login_required
@require_POST
def housing_close(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = _get_org_for_staff(request, org)
    offer = get_object_or_404(HousingOffer, pk=pk, offerer=organisation)
    if offer.status == HousingOffer.Status.OPEN:
        offer.status = HousingOffer.Status.CLOSED
        offer.save(update_fields=["status"])
    return redirect("seasonal:manage_housing", org=organisation.slug)
