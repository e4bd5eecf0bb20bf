"""Operator pages (organisation admins and operators): phone booking, day plans and
optimisation, bookings, vehicles, drivers, beneficiaries, the service, statistics."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.core import audit
from smartvillage.core.ratelimit import limit
from smartvillage.ondemand import stats as statistics
from smartvillage.ondemand.forms import (
    BeneficiaryForm,
    DriverForm,
    ExceptionForm,
    MoveForm,
    RecurringForm,
    ServiceForm,
    StatsForm,
    StopForm,
    VehicleForm,
)
from smartvillage.ondemand.models import (
    Availability,
    Beneficiary,
    Booking,
    Driver,
    PlanProposal,
    Run,
    RunStop,
    Service,
    ServiceDay,
    Stop,
    Vehicle,
)
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services import planning
from smartvillage.ondemand.views import booking_flow, save_recurring

RESERVED_SLUGS = {"new", "driver", "my-trips", "recurring"}
STAFF = Membership.STAFF_ROLES

# --- Permission-checked getters ------------------------------------------------------------------


def _staff_org(request: HttpRequest, org_slug: str, *, admin: bool = False) -> Organisation:
    organisation, membership = get_organisation_for_user(request, org_slug, admin=admin)
    if membership.role not in STAFF:
        raise PermissionDenied
    return organisation


def get_service_for_staff(request: HttpRequest, slug: str, *, admin: bool = False) -> Service:
    """The service, for its organisation's admins and operators (``admin``: admins only):
    others 403, outsiders 404."""
    service = get_object_or_404(Service.objects.select_related("organisation"), slug=slug)
    _staff_org(request, service.organisation.slug, admin=admin)
    return service


def _booking_in(service: Service, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("beneficiary", "run__vehicle"), pk=pk, service=service
    )


def _beneficiary_in(service: Service, pk: Any) -> Beneficiary | None:
    if not pk:
        return None
    try:
        return Beneficiary.objects.get(pk=int(pk), organisation_id=service.organisation_id)
    except (Beneficiary.DoesNotExist, ValueError):
        raise Http404 from None


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404 from None


# --- Dashboard -----------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    today = timezone.localdate()
    dates = [d for d in (today + timedelta(days=i) for i in range(15)) if service.runs_on(d)]
    live = Q(status__in=Booking.LIVE)
    counts = {
        row["date"]: row
        for row in Booking.objects.filter(service=service, date__in=dates)
        .values("date")
        .annotate(
            live=Count("pk", filter=live),
            unplaced=Count("pk", filter=live & Q(run__isnull=True)),
            refused=Count("pk", filter=Q(status=Booking.Status.UNSERVED)),
        )
    }
    empty = {"live": 0, "unplaced": 0, "refused": 0}
    days = [{**empty, **counts.get(d, {}), "date": d} for d in dates]
    proposals = PlanProposal.objects.filter(
        day__service=service, status=PlanProposal.Status.PENDING
    ).select_related("day")
    context = {"service": service, "days": days, "proposals": proposals}
    return render(request, "ondemand/operate/dashboard.html", context)


@login_required
def service_new(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _staff_org(request, org)
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = form.save(commit=False)
        service.organisation = organisation
        base = slugify(service.name)[:150] or "service"
        slug, n = base, 2
        # "new", "driver"... are page URLs under /transport/, never a service's slug.
        while slug in RESERVED_SLUGS or Service.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        service.slug = slug
        service.save()
        form.save_m2m()
        audit.record(request.user, "ondemand.service.created", service)
        return redirect("ondemand:dashboard", slug=service.slug)
    return render(
        request, "ondemand/operate/service_form.html", {"form": form, "org": organisation}
    )


@login_required
def service_edit(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    form = ServiceForm(request.POST or None, instance=service)
    stop_form = StopForm()
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            form.save()
            audit.record(
                request.user, "ondemand.service.changed", service, fields=form.changed_data
            )
            messages.success(request, _("Service saved."))
        return redirect("ondemand:service_edit", slug=slug)
    context = {"service": service, "form": form, "stop_form": stop_form,
               "stops": service.stops.select_related("place")}  # fmt: skip
    return render(request, "ondemand/operate/service_form.html", context)


@login_required
@require_POST
def stop_add(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    form = StopForm(request.POST)
    if form.is_valid():
        Stop.objects.get_or_create(
            service=service, place=form.cleaned_data["place"],
            defaults={"instructions": form.cleaned_data["instructions"]},
        )  # fmt: skip
    else:
        messages.error(request, _("Choose a place."))
    return redirect("ondemand:service_edit", slug=slug)


@login_required
@require_POST
def stop_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    get_object_or_404(Stop, pk=pk, service=service).delete()
    return redirect("ondemand:service_edit", slug=slug)


# --- Phone booking -------------------------------------------------------------------------------


@login_required
@limit("ondemand-booking")
def phone(request: HttpRequest, slug: str) -> HttpResponse:
    """Find or create the person, choose places and time, see the proposed window, confirm."""
    service = get_service_for_staff(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    beneficiary = _beneficiary_in(service, source.get("beneficiary"))
    query = request.GET.get("q", "").strip()
    found = (
        Beneficiary.objects.filter(organisation=service.organisation).search(query)[:20]
        if query
        else []
    )
    person_form = BeneficiaryForm(
        request.POST if request.POST.get("action") == "create_person" else None
    )
    if request.POST.get("action") == "create_person":
        if person_form.is_valid():
            person = person_form.save(commit=False)
            person.organisation = service.organisation
            person.save()
            audit.record(request.user, "ondemand.beneficiary.created", person)
            return redirect(f"{request.path}?beneficiary={person.pk}")
        form, context, booking = booking_flow(request, service, None)
    else:
        form, context, booking = booking_flow(request, service, beneficiary)
    if booking is not None:
        messages.success(request, _("Booked. Read or send the confirmation below."))
        return redirect("ondemand:booking", slug=slug, pk=booking.pk)
    if beneficiary is not None and request.method == "GET" and beneficiary.uses_wheelchair:
        form.initial["wheelchair"] = True
    context.update({"service": service, "form": form, "beneficiary": beneficiary,
                    "query": query, "found": found, "person_form": person_form})  # fmt: skip
    return render(request, "ondemand/operate/phone.html", context)


@login_required
@limit("ondemand-booking")
def phone_recurring(request: HttpRequest, slug: str) -> HttpResponse:
    """A recurring trip (every Tuesday to the market) booked on behalf of a beneficiary."""
    service = get_service_for_staff(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    beneficiary = _beneficiary_in(service, source.get("beneficiary"))
    if beneficiary is None:
        return redirect("ondemand:phone", slug=slug)
    form = RecurringForm(service, request.POST or None)
    if request.method == "POST" and form.is_valid():
        made, failed = save_recurring(request, form, service, beneficiary, by_operator=True)
        messages.success(
            request,
            ngettext(
                "Recurring trip saved for %(person)s: %(n)s trip booked.",
                "Recurring trip saved for %(person)s: %(n)s trips booked.",
                made,
            )
            % {"person": beneficiary, "n": made},
        )
        for warning in failed:
            messages.warning(request, warning)
        return redirect(f"{reverse('ondemand:phone', args=[slug])}?beneficiary={beneficiary.pk}")
    saved = beneficiary.recurring.filter(service=service, is_active=True)
    context = {"service": service, "form": form, "beneficiary": beneficiary,
               "recurring": saved}  # fmt: skip
    return render(request, "ondemand/operate/phone_recurring.html", context)


@login_required
@require_GET
def beneficiaries(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    query = request.GET.get("q", "").strip()
    people = Beneficiary.objects.filter(organisation=service.organisation)
    if query:
        people = people.search(query)
    context = {"service": service, "people": people[:200], "query": query}
    return render(request, "ondemand/operate/beneficiaries.html", context)


@login_required
def booking_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    booking = _booking_in(service, pk)
    context = {
        "service": service,
        "booking": booking,
        "text": service_booking.confirmation_text(booking),
        "move_form": MoveForm(booking),
    }
    return render(request, "ondemand/operate/booking.html", context)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    booking = _booking_in(service, pk)
    try:
        service_booking.cancel(request.user, booking)
        messages.success(request, _("The trip is cancelled."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ondemand:booking", slug=slug, pk=pk)


@login_required
@require_POST
def booking_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    booking = _booking_in(service, pk)
    form = MoveForm(booking, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a run of the same day."))
    else:
        try:
            planning.move(booking, form.cleaned_data["run"], actor=request.user)
            messages.success(request, _("The trip has been moved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("ondemand:booking", slug=slug, pk=pk)


# --- Day plans -----------------------------------------------------------------------------------


@login_required
@require_GET
def day_plan(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    on = _day(day)
    plan_day = ServiceDay.objects.filter(service=service, date=on).first()
    stops = RunStop.objects.select_related("booking__beneficiary").order_by("sequence")
    runs = (
        Run.objects.filter(day=plan_day)
        .select_related("vehicle", "driver__user")
        .prefetch_related(Prefetch("stops", queryset=stops))
        if plan_day
        else Run.objects.none()
    )
    bookings = Booking.objects.filter(service=service, date=on).select_related("beneficiary")
    context = {
        "service": service,
        "date": on,
        "runs": [(run, run.stops.all()) for run in runs],
        "unplaced": bookings.live().filter(run__isnull=True),
        "refused": bookings.filter(status=Booking.Status.UNSERVED),
        "proposals": PlanProposal.objects.filter(day=plan_day, status=PlanProposal.Status.PENDING)
        if plan_day
        else [],
        "drivers": Driver.objects.filter(
            organisation=service.organisation, is_active=True
        ).select_related("user"),
    }
    return render(request, "ondemand/operate/day.html", context)


@login_required
@require_POST
def day_optimise(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    on = _day(day)
    try:
        proposal = planning.optimise(
            service, on, actor=request.user, time_limit=settings.ONDEMAND_OPTIMISE_SECONDS
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("New plan: %(after).1f km instead of %(before).1f km. Check it, then validate.")
            % {
                "after": proposal.distance_after_m / 1000,
                "before": proposal.distance_before_m / 1000,
            },
        )
    return redirect("ondemand:day", slug=slug, day=day)


@login_required
@require_POST
def proposal_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    proposal = get_object_or_404(PlanProposal.objects.select_related("day"), pk=pk,
                                 day__service=service)  # fmt: skip
    if request.POST.get("answer") == "apply":
        try:
            planning.apply_proposal(proposal, actor=request.user)
            messages.success(request, _("The new plan is applied."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        planning.discard_proposal(proposal)
        messages.success(request, _("Proposal discarded; the plan is unchanged."))
    return redirect("ondemand:day", slug=slug, day=proposal.day.date.isoformat())


@login_required
@require_POST
def run_assign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    run = get_object_or_404(Run.objects.select_related("day"), pk=pk, day__service=service)
    driver = get_object_or_404(
        Driver, pk=request.POST.get("driver") or 0, organisation=service.organisation
    )
    try:
        planning.assign_driver(run, driver, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The run is proposed to %(driver)s.") % {"driver": driver})
    return redirect("ondemand:day", slug=slug, day=run.day.date.isoformat())


# --- Vehicles and drivers ------------------------------------------------------------------------


@login_required
def vehicles(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    instance = None
    if request.GET.get("edit"):
        instance = get_object_or_404(
            Vehicle, pk=request.GET["edit"], organisation=service.organisation
        )
    form = VehicleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        vehicle = form.save(commit=False)
        vehicle.organisation = service.organisation
        vehicle.save()
        audit.record(request.user, "ondemand.vehicle.saved", vehicle)
        messages.success(request, _("Vehicle saved."))
        return redirect("ondemand:vehicles", slug=slug)
    context = {"service": service, "form": form,
               "vehicles": Vehicle.objects.filter(organisation=service.organisation)}  # fmt: skip
    return render(request, "ondemand/operate/vehicles.html", context)


@login_required
def drivers(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    form = DriverForm(service.organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            driver, _created = Driver.objects.update_or_create(
                organisation=service.organisation, user=d["member"].user,
                defaults={"kind": d["kind"], "home": d["home"],
                          "max_distance_km": d["max_distance_km"], "is_active": True},
            )  # fmt: skip
            if d["weekdays"]:
                driver.availabilities.all().delete()
                Availability.objects.bulk_create(
                    Availability(
                        driver=driver, weekday=w, start_time=d["start_time"], end_time=d["end_time"]
                    )  # fmt: skip
                    for w in d["weekdays"]
                )
        audit.record(request.user, "ondemand.driver.saved", driver)
        messages.success(request, _("Driver saved."))
        return redirect("ondemand:drivers", slug=slug)
    people = (
        Driver.objects.filter(organisation=service.organisation)
        .select_related("user", "home")
        .prefetch_related("availabilities", "exceptions")
    )
    context = {"service": service, "form": form, "drivers": people,
               "exception_form": ExceptionForm()}  # fmt: skip
    return render(request, "ondemand/operate/drivers.html", context)


@login_required
@require_POST
def driver_exception(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    driver = get_object_or_404(Driver, pk=pk, organisation=service.organisation)
    form = ExceptionForm(request.POST)
    if form.is_valid():
        exception = form.save(commit=False)
        exception.driver = driver
        exception.save()
        messages.success(request, _("Exception saved."))
    else:
        messages.error(request, _("Check the date and hours."))
    return redirect("ondemand:drivers", slug=slug)


# --- Statistics ----------------------------------------------------------------------------------


def _period(request: HttpRequest) -> tuple[StatsForm, date, date]:
    today = timezone.localdate()
    form = StatsForm(request.GET or {"start": today - timedelta(days=30), "end": today})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, today - timedelta(days=30), today


@login_required
@require_GET
def stats_page(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    form, start, end = _period(request)
    rows, total = statistics.summary(service, start, end)
    context = {"service": service, "form": form, "rows": rows, "total": total}
    return render(request, "ondemand/operate/stats.html", context)


@login_required
@require_GET
def stats_csv(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_service_for_staff(request, slug)
    _form, start, end = _period(request)
    response = HttpResponse(
        statistics.to_csv(service, statistics.daily(service, start, end)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{service.slug}-{start}-{end}.csv"'
    return response


# --- Personal data of people without an account --------------------------------------------------


@login_required
@require_GET
def beneficiary_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from django.http import JsonResponse

    from smartvillage.ondemand import privacy

    service = get_service_for_staff(request, slug)
    person = _beneficiary_in(service, pk)
    assert person is not None
    audit.record(request.user, "ondemand.beneficiary.exported", service, beneficiary=person.pk)
    response = JsonResponse(privacy.export_beneficiary(person), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="beneficiary-{person.pk}.json"'
    return response


@login_required
@require_POST
def beneficiary_erase(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Erase a person's data at their request (organisation admins only)."""
    from smartvillage.ondemand import privacy

    service = get_service_for_staff(request, slug, admin=True)
    person = _beneficiary_in(service, pk)
    assert person is not None
    with transaction.atomic():
        privacy.erase_beneficiary(person, actor=request.user)
        audit.record(request.user, "ondemand.beneficiary.erased", service, beneficiary=person.pk)
    messages.success(request, _("The person's data has been erased; trips stay anonymously."))
    return redirect("ondemand:beneficiaries", slug=slug)
