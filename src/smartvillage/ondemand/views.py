"""Resident and driver pages: services, online booking, my trips, recurring trips, driver runs.

The operator's pages are in ``operate_views.py``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from smartvillage.core import audit
from smartvillage.core.notifications import notify
from smartvillage.core.ratelimit import limit
from smartvillage.ondemand import gtfs_flex, stats, zone
from smartvillage.ondemand.forms import RecurringForm, TripForm
from smartvillage.ondemand.models import Beneficiary, Booking, RecurringBooking, Run, Service
from smartvillage.ondemand.services import booking as service_booking
from smartvillage.ondemand.services import planning

# --- Permission-checked getters ------------------------------------------------------------------


def get_public_service(slug: str) -> Service:
    """Active services are public (they are in the GTFS-Flex feed)."""
    return get_object_or_404(
        Service.objects.select_related("organisation"), slug=slug, is_active=True
    )


def beneficiary_of(user: Any, service: Service) -> Beneficiary:
    """The user's own beneficiary record with the service's organisation (made on first use)."""
    found = Beneficiary.objects.filter(organisation=service.organisation, user=user).first()
    if found is not None:
        return found
    return Beneficiary.objects.create(
        organisation=service.organisation,
        user=user,
        first_name=user.first_name or user.email.split("@")[0],
        last_name=user.last_name,
        phone=getattr(user, "phone", "") or "",
        commune_id=getattr(user, "commune_id", None),
    )


def _booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """Only the person's own trips: another person's trip is a 404."""
    return get_object_or_404(
        Booking.objects.select_related("service", "beneficiary"),
        pk=pk,
        beneficiary__user=request.user,
    )


def _run_for_driver(request: HttpRequest, pk: int) -> Run:
    """Only the driver's own runs: another driver's run is a 404."""
    return get_object_or_404(
        Run.objects.select_related("vehicle", "day__service", "driver__user"),
        pk=pk,
        driver__user=request.user,
    )


# --- Services ------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    services = Service.objects.filter(is_active=True).select_related("organisation")
    upcoming = []
    if request.user.is_authenticated:
        upcoming = list(
            Booking.objects.for_user(request.user)
            .live()
            .filter(date__gte=timezone.localdate())
            .select_related("service")[:5]
        )
    return render(request, "ondemand/index.html", {"services": services, "upcoming": upcoming})


@require_GET
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_public_service(slug)
    stops = service.stops.select_related("place__commune")
    return render(request, "ondemand/service.html", {"service": service, "stops": stops})


@require_GET
def gtfs_feed(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_public_service(slug)
    data = gtfs_flex.feed_bytes(service, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{service.slug}-gtfs-flex.zip"'
    return response


@require_GET
def monthly_stats_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Public open data: the service's figures per month (the statistics page's totals)."""
    service = get_public_service(slug)
    body = stats.monthly_csv(service, stats.monthly(service))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{service.slug}-statistics-monthly.csv"'
    return response


# --- Online booking ------------------------------------------------------------------------------


def booking_flow(
    request: HttpRequest, service: Service, beneficiary: Beneficiary | None
) -> tuple[TripForm, dict[str, Any], Booking | None]:
    """The shared preview → confirm flow of the resident's and the operator's booking pages.

    Returns the form, extra context (quote, alternatives) and the booking once confirmed.
    """
    if request.method == "POST":
        form = TripForm(service, request.POST)
    else:
        form = TripForm(service, initial=prefill(request.GET))
    context: dict[str, Any] = {"quote": None, "alternatives": [], "picker": picker_config(service)}
    if request.method != "POST" or beneficiary is None or not form.is_valid():
        return form, context, None
    req = form.to_request(beneficiary)
    try:
        if request.POST.get("action") == "confirm":
            return form, context, service_booking.book(request.user, req)
        context["quote"] = service_booking.quote(req)
    except service_booking.Unservable as exc:
        form.apply_service_errors(exc)
        context["alternatives"] = exc.alternatives
    except ValidationError as exc:
        form.apply_service_errors(exc)
    return form, context, None


#: The GET parameters that pre-fill the booking form (links from the journey planner).
PREFILL = (
    "date", "time", "time_kind", "passengers", "note",
    "origin_address", "origin_found", "origin_lat", "origin_lon",
    "destination_address", "destination_found", "destination_lat", "destination_lon",
)  # fmt: skip


def prefill(params: Any) -> dict[str, Any]:
    """Initial values from a link (nothing is checked here: the POST validates everything)."""
    initial: dict[str, Any] = {k: params[k][:250] for k in PREFILL if params.get(k)}
    for flag in ("wheelchair", "companion"):
        if params.get(flag):
            initial[flag] = True
    return initial


def picker_config(service: Service) -> dict[str, Any]:
    """What picker.js needs (json_script): tiles, the zone to draw, the stops, labels."""
    stops = [
        {"lat": s.place.latitude, "lon": s.place.longitude, "name": s.place.name}
        for s in service.stops.select_related("place")
    ]
    if stops:
        center = [
            sum(s["lat"] for s in stops) / len(stops),  # type: ignore[misc]
            sum(s["lon"] for s in stops) / len(stops),  # type: ignore[misc]
        ]
    else:
        center = list(settings.MAP_CENTER)
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": center,
        "zoom": 11,
        "zone": service.zone_geojson if zone.polygons(service.zone_geojson) else None,
        "stops": stops,
        "labels": {"origin": _("From"), "destination": _("To")},
    }


@login_required
@limit("ondemand-booking")
def book(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_public_service(slug)
    # The beneficiary record is made on the first POST: showing the page writes nothing.
    beneficiary = beneficiary_of(request.user, service) if request.method == "POST" else None
    form, context, booking = booking_flow(request, service, beneficiary)
    if booking is not None:
        messages.success(request, service_booking.confirmation_text(booking))
        return redirect("ondemand:my_trips")
    context.update({"service": service, "form": form})
    return render(request, "ondemand/book.html", context)


@login_required
@require_GET
def my_trips(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    trips = Booking.objects.for_user(request.user).select_related("service")
    context = {
        "upcoming": trips.filter(date__gte=today).exclude(status=Booking.Status.UNSERVED),
        "past": trips.filter(date__lt=today).order_by("-date")[:30],
        "recurring": RecurringBooking.objects.filter(
            beneficiary__user_id=request.user.pk or 0, is_active=True
        ).select_related("service", "origin_stop__place", "destination_stop__place"),
        "now": timezone.now(),
    }
    return render(request, "ondemand/my_trips.html", context)


@login_required
@require_POST
def cancel_trip(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking_for_user(request, pk)
    try:
        service_booking.cancel(request.user, booking)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your trip is cancelled."))
    return redirect("ondemand:my_trips")


@login_required
@limit("ondemand-booking")
def recurring_new(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_public_service(slug)
    form = RecurringForm(service, request.POST or None)
    if request.method == "POST" and form.is_valid():
        beneficiary = beneficiary_of(request.user, service)
        made, failed = save_recurring(request, form, service, beneficiary)
        messages.success(
            request,
            ngettext(
                "Recurring trip saved: %(n)s trip booked.",
                "Recurring trip saved: %(n)s trips booked.",
                made,
            )
            % {"n": made},
        )
        for warning in failed:
            messages.warning(request, warning)
        return redirect("ondemand:my_trips")
    return render(request, "ondemand/recurring.html", {"service": service, "form": form})


def save_recurring(
    request: HttpRequest,
    form: RecurringForm,
    service: Service,
    beneficiary: Beneficiary,
    **audit_data: Any,
) -> tuple[int, list[str]]:
    """Save the recurring trip and book its dates already open (resident's and operator's page).

    Returns how many trips were booked and a message for each date that could not be.
    """
    recurring = form.save(commit=False)
    recurring.service, recurring.beneficiary = service, beneficiary
    recurring.created_by_id = request.user.pk
    recurring.save()
    audit.record(request.user, "ondemand.recurring.created", recurring, **audit_data)
    made, failed = service_booking.materialise_recurring(recurring)
    return len(made), [f"{day:%d/%m}: {why}" for day, why in failed]


@login_required
@require_POST
def recurring_stop(request: HttpRequest, pk: int) -> HttpResponse:
    recurring = get_object_or_404(RecurringBooking, pk=pk, beneficiary__user=request.user)
    if recurring.is_active:
        recurring.is_active = False
        recurring.save(update_fields=["is_active"])
        audit.record(request.user, "ondemand.recurring.stopped", recurring)
        messages.success(request, _("The recurring trip is stopped; booked trips stay booked."))
    return redirect("ondemand:my_trips")


# --- Drivers -------------------------------------------------------------------------------------


@login_required
@require_GET
def driver_runs(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    runs = (
        Run.objects.filter(driver__user_id=request.user.pk or 0, day__date__gte=today)
        .exclude(status=Run.Status.DECLINED)
        .select_related("vehicle", "day__service")
        .order_by("day__date")[:30]
    )
    return render(request, "ondemand/driver_runs.html", {"runs": runs})


def _run_context(run: Run) -> dict[str, Any]:
    stops = run.stops.select_related("booking__beneficiary").order_by("sequence")
    return {"run": run, "stops": stops, "service": run.day.service}


@login_required
@require_GET
def driver_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_driver(request, pk)
    return render(request, "ondemand/driver_run.html", _run_context(run))


@login_required
@require_GET
def manifest(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_driver(request, pk)
    return render(request, "ondemand/manifest.html", _run_context(run))


@login_required
@require_POST
def driver_answer(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_for_driver(request, pk)
    try:
        if request.POST.get("answer") == "accept":
            planning.accept_run(run, actor=request.user)
            messages.success(request, _("Thank you: the run is yours."))
        elif request.POST.get("answer") == "decline":
            left = planning.decline_run(run, actor=request.user)
            messages.success(request, _("Run declined; the operator has been told."))
            if left:
                _tell_operator(run, len(left))
        else:
            messages.error(request, _("Choose accept or decline."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ondemand:driver_runs")


def _tell_operator(run: Run, count: int) -> None:
    service = run.day.service
    staff = service.organisation.memberships.filter(role__in=["admin", "operator"])
    for membership in staff.select_related("user"):
        notify(
            email=membership.user.email,
            subject=_("A run was declined"),
            text=ngettext(
                "%(count)s trip of %(date)s needs another driver (%(service)s).",
                "%(count)s trips of %(date)s need another driver (%(service)s).",
                count,
            )
            % {"count": count, "date": run.day.date, "service": service.name},
        )


@login_required
@require_POST
def driver_mark(request: HttpRequest, pk: int, booking_pk: int) -> HttpResponse:
    run = _run_for_driver(request, pk)
    booking = get_object_or_404(Booking, pk=booking_pk, run=run)
    event = request.POST.get("event", "")
    if event not in {"picked_up", "dropped_off", "no_show"}:
        messages.error(request, _("Unknown action."))
        return redirect("ondemand:driver_run", pk=run.pk)
    if booking.date > timezone.localdate():
        messages.error(request, _("You can mark a trip on its day only."))
        return redirect("ondemand:driver_run", pk=run.pk)
    planning.mark(booking, event, actor=request.user)
    return redirect("ondemand:driver_run", pk=run.pk)
