"""Seasonal work pages for everyone and for workers: job search and job pages (with their
schema.org JSON-LD), open-data exports, the contacts directory and map, housing offers; a
worker's profile, applications, saved alerts, housing requests and next-season checklist."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.core.geo import bbox_around, distance_m
from smartvillage.seasonal import checklist, exports, matching, rome, services
from smartvillage.seasonal.forms import (
    ApplyForm,
    HousingRequestForm,
    JobSearchForm,
    ProfileForm,
    SaveSearchForm,
    SeasonDeclareForm,
)
from smartvillage.seasonal.models import (
    Application,
    Contact,
    HousingOffer,
    HousingRequest,
    Intercommunality,
    Job,
    SavedSearch,
    SeasonRecord,
    WorkerProfile,
)

# --- Permission-checked getters ------------------------------------------------------------------


def _open_job(pk: int) -> Job:
    """Any open job, for everyone; a closed job is still shown to read (and says so)."""
    return get_object_or_404(
        Job.objects.select_related("employer", "season__intercommunality", "commune"), pk=pk
    )


def _own_application(request: HttpRequest, pk: int) -> Application:
    """Only the worker's own application: another person's is a 404."""
    return get_object_or_404(
        Application.objects.select_related("job__employer"), pk=pk, worker=request.user
    )


def _own_search(request: HttpRequest, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, worker=request.user)


def _own_housing_request(request: HttpRequest, pk: int) -> HousingRequest:
    return get_object_or_404(HousingRequest, pk=pk, worker=request.user)


def _me(request: HttpRequest) -> Any:
    """The signed-in person (the views below are behind ``login_required``)."""
    return request.user


def _profile(user: Any) -> WorkerProfile:
    profile, _created = WorkerProfile.objects.get_or_create(user=user)
    return profile


# --- Jobs --------------------------------------------------------------------------------------


def search_jobs(params: Any) -> tuple[JobSearchForm, Any]:
    form = JobSearchForm(params or None)
    jobs = Job.objects.open().select_related("employer", "commune", "season")
    if form.is_valid():
        jobs = form.filter(jobs)
    elif form.is_bound:
        jobs = jobs.none()
    return form, jobs.order_by("starts_on", "pk")


@require_GET
def jobs(request: HttpRequest) -> HttpResponse:
    form, found = search_jobs(request.GET)
    rows = list(found[:200])
    scores: dict[int, matching.Match] = {}
    if request.user.is_authenticated and WorkerProfile.objects.filter(user=request.user).exists():
        # The worker's matches first, best first; the other jobs after them.
        scores = {m.id: m for m in matching.jobs_for(request.user, limit=500)}
        rows.sort(key=lambda j: -scores[j.pk].score if j.pk in scores else 1)
    context = {
        "form": form,
        "jobs": [(job, scores.get(job.pk)) for job in rows],
        "query": request.GET.urlencode(),
        "save_form": SaveSearchForm(),
    }
    return render(request, "seasonal/jobs.html", context)


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _open_job(pk)
    application = None
    if request.user.is_authenticated:
        application = Application.objects.filter(job=job, worker=request.user).first()
    context = {
        "job": job,
        "housing": housing_near(request.user, job.latitude, job.longitude),
        "json_ld": exports.job_posting(job, request.build_absolute_uri(job_url(job))),
        "application": application,
        "apply_form": ApplyForm(),
        "label_rows": [
            (
                title,
                rome.labels(getattr(job, f"{name}_required"), mapping),
                rome.labels(getattr(job, f"{name}_preferred"), mapping),
            )
            for title, name, mapping in (
                (_("Skills"), "skills", rome.skills()),
                (_("Languages"), "languages", rome.LANGUAGES),
                (_("Licences"), "licences", rome.LICENCES),
            )
        ],
    }
    return render(request, "seasonal/job.html", context)


def job_url(job: Job) -> str:
    from django.urls import reverse

    return reverse("seasonal:job", args=[job.pk])


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = _open_job(pk)
    form = ApplyForm(request.POST)
    if form.is_valid():
        try:
            services.apply(job, request.user, form.cleaned_data["message"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("seasonal:job", pk=job.pk)
        messages.success(request, _("Your application is sent."))
        return redirect("seasonal:applications")
    return redirect("seasonal:job", pk=job.pk)


@require_GET
def jobs_csv(request: HttpRequest) -> HttpResponse:
    form, found = search_jobs(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    response = HttpResponse(exports.jobs_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="emplois-saisonniers.csv"'
    return response


@require_GET
def jobs_json(request: HttpRequest) -> HttpResponse:
    form, found = search_jobs(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    return HttpResponse(exports.jobs_json(found), content_type="application/json")


# --- Contacts and housing ----------------------------------------------------------------------


@require_GET
def contacts(request: HttpRequest) -> HttpResponse:
    areas = Intercommunality.objects.prefetch_related("seasons")
    area = None
    rows = Contact.objects.select_related("intercommunality", "commune")
    if request.GET.get("area"):
        area = get_object_or_404(Intercommunality, slug=request.GET["area"])
        rows = rows.filter(intercommunality=area)
    config = {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "markers": [
            {
                "name": c.name,
                "lat": c.latitude,
                "lon": c.longitude,
                "lines": [c.get_kind_display(), c.opening_hours, c.phone],
            }
            for c in rows
        ],  # fmt: skip
    }
    context = {"areas": areas, "area": area, "contacts": rows, "map_config": config}
    return render(request, "seasonal/contacts.html", context)


def visible_offers(user: Any) -> Any:
    """Open offers; those reserved to an employer's staff only for that employer's members."""
    offers = HousingOffer.objects.filter(status=HousingOffer.Status.OPEN)
    if user.is_authenticated:
        return offers.filter(Q(reserved_to_staff=False) | Q(offerer__memberships__user=user))
    return offers.filter(reserved_to_staff=False)


HOUSING_RADIUS_M = 15_000


def housing_near(user: Any, latitude: float, longitude: float) -> list[tuple[HousingOffer, int]]:
    """Open housing offers within ``HOUSING_RADIUS_M`` of a workplace, nearest first, with
    their straight-line distance in km (core.geo)."""
    south, north, west, east = bbox_around(latitude, longitude, HOUSING_RADIUS_M)
    offers = visible_offers(user).filter(
        latitude__range=(south, north), longitude__range=(west, east)
    )
    found = [
        (o, distance_m(latitude, longitude, o.latitude, o.longitude))
        for o in offers.select_related("commune").distinct()
    ]
    near = sorted((m, o.pk, o) for o, m in found if m <= HOUSING_RADIUS_M)
    return [(o, round(m / 1000)) for m, _pk, o in near]


@require_GET
def housing(request: HttpRequest) -> HttpResponse:
    offers = visible_offers(request.user).select_related("commune", "offerer", "season")
    if request.GET.get("commune"):
        offers = offers.filter(commune__insee_code=request.GET["commune"])
    if request.GET.get("max_rent", "").isdigit():
        offers = offers.filter(monthly_rent__lte=int(request.GET["max_rent"]))
    return render(request, "seasonal/housing.html", {"offers": offers.distinct()})


# --- The worker's own pages ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    mine = _profile(request.user)
    form = ProfileForm(request.POST or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        for name in ProfileForm.Meta.fields:
            if name != "wished_communes":
                setattr(mine, name, form.cleaned_data[name])
        try:
            services.save_profile(mine, form.windows(), form.cleaned_data["wished_communes"])
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("seasonal:profile")
    records = SeasonRecord.objects.filter(worker=_me(request)).select_related("employer", "season")
    context = {
        "form": form,
        "records": records,
        "season_form": SeasonDeclareForm(),
        "priorities": {
            r.employer_id: services.has_reconduction_priority(request.user, r.employer)
            for r in records
        },
    }
    return render(request, "seasonal/profile.html", context)


@login_required
@require_POST
def declare_season(request: HttpRequest) -> HttpResponse:
    form = SeasonDeclareForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("seasonal:profile")
    data = form.cleaned_data
    services.declare_season(request.user, data["employer"], data["season"], data["job_title"])
    messages.success(request, _("Season recorded: the employer will confirm it."))
    return redirect("seasonal:profile")


@login_required
@require_GET
def applications(request: HttpRequest) -> HttpResponse:
    rows = Application.objects.filter(worker=_me(request)).select_related(
        "job__employer", "job__commune"
    )
    return render(request, "seasonal/applications.html", {"applications": rows})


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    if services.withdraw(application, actor=request.user):
        messages.success(request, _("Your application is withdrawn."))
    return redirect("seasonal:applications")


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    application = _own_application(request, pk)
    try:
        services.respond_to_proposal(
            application, request.POST.get("accept") == "yes", actor=request.user
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("seasonal:applications")


@login_required
@require_http_methods(["GET", "POST"])
def searches(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form, _found = search_jobs(request.POST)
        name = SaveSearchForm(request.POST)
        if form.is_valid() and name.is_valid():
            services.save_search(request.user, name.cleaned_data["name"], form.saved_filters())
            messages.success(request, _("Alert saved: new matching jobs will be e-mailed."))
            return redirect("seasonal:searches")
        messages.error(request, _("The alert could not be saved: check its name and filters."))
    rows = SavedSearch.objects.filter(worker=_me(request))
    return render(request, "seasonal/searches.html", {"searches": rows})


@login_required
@require_POST
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _own_search(request, pk).delete()
    messages.success(request, _("Alert deleted."))
    return redirect("seasonal:searches")


@login_required
@require_http_methods(["GET", "POST"])
def my_housing(request: HttpRequest) -> HttpResponse:
    form = HousingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.worker = request.user
        try:
            services.save_housing_request(form.instance)
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your housing request is saved."))
            return redirect("seasonal:my_housing")
    rows = HousingRequest.objects.filter(worker=_me(request)).select_related("commune")
    return render(request, "seasonal/my_housing.html", {"form": form, "requests": rows})


@login_required
@require_POST
def housing_request_close(request: HttpRequest, pk: int) -> HttpResponse:
    row = _own_housing_request(request, pk)
    if row.is_open:
        row.is_open = False
        row.save(update_fields=["is_open"])
    return redirect("seasonal:my_housing")


@login_required
@require_http_methods(["GET", "POST"])
def next_season(request: HttpRequest) -> HttpResponse:
    mine = _profile(request.user)
    if request.method == "POST":
        done = [key for key in request.POST.getlist("done") if key in checklist.MANUAL]
        if done != mine.checklist_done:
            mine.checklist_done = done
            mine.save(update_fields=["checklist_done", "updated"])
        return redirect("seasonal:checklist")
    return render(request, "seasonal/checklist.html", {"items": checklist.items(mine)})
