"""Car-sharing pages: find and book a car, my bookings; the manager's vehicles and members."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.carsharing import ical
from smartvillage.carsharing.forms import (
    CheckInForm,
    CheckOutForm,
    FindForm,
    JoinForm,
    SlotForm,
    default_slot,
)
from smartvillage.carsharing.models import (
    Booking,
    CalendarFeed,
    CarshareMember,
    Fleet,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import members

# --- Permission-checked getters ------------------------------------------------------------------


def _get_booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """Only the member's own bookings: another person's booking is a 404, not a 403."""
    return get_object_or_404(
        Booking.objects.select_related("vehicle__station", "member__organisation"),
        pk=pk,
        member__user=request.user,
    )


def _get_fleet_for_manager(request: HttpRequest, slug: str) -> tuple[Organisation, Fleet]:
    """Admins and operators manage the fleet; other members get a 403, outsiders a 404."""
    organisation, membership = get_organisation_for_user(request, slug)
    if membership.role not in {Membership.Role.ADMIN, Membership.Role.OPERATOR}:
        raise PermissionDenied
    return organisation, Fleet.for_organisation(organisation)


def _bookable_vehicle(pk: int) -> Vehicle:
    # Vehicles are public (they are in the GBFS feed); booking them is checked by the service.
    return get_object_or_404(Vehicle.objects.select_related("station", "organisation"), pk=pk)


# --- Member pages --------------------------------------------------------------------------------


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    start, end = default_slot()
    form = FindForm(request.GET or {"start": start, "end": end})
    rows: list[dict[str, Any]] = []
    if form.is_valid():
        slot_start, slot_end = form.cleaned_data["start"], form.cleaned_data["end"]
        if slot_end <= slot_start:
            form.add_error("end", service.ERRORS["end_before_start"])
        else:
            vehicles = Vehicle.objects.bookable().select_related("station__commune", "organisation")
            if form.cleaned_data.get("commune"):
                vehicles = vehicles.filter(station__commune=form.cleaned_data["commune"])
            rows = service.availability(
                vehicles.order_by("name"), slot_start, slot_end, request.user
            )
            rows.sort(key=lambda r: (not r["available"], r["vehicle"].name))
    return render(request, "carsharing/find.html", {"form": form, "rows": rows})


@login_required
def book(request: HttpRequest, pk: int) -> HttpResponse:
    vehicle = _bookable_vehicle(pk)
    form = SlotForm(request.POST if request.method == "POST" else (request.GET or None))
    if request.method == "POST" and form.is_valid():
        try:
            booking = service.book(
                request.user, vehicle, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your booking is confirmed."))
            return redirect("carsharing:booking", pk=booking.pk)
    member = service.member_of(request.user, vehicle.organisation_id)
    context = {"vehicle": vehicle, "form": form, "member": member}
    return render(request, "carsharing/book.html", context)


@login_required
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    bookings = Booking.objects.for_user(request.user).select_related("vehicle__station")
    context = {
        "upcoming": bookings.filter(ends_at__gt=now).order_by("starts_at"),
        "past": bookings.filter(ends_at__lte=now).order_by("-starts_at")[:50],
        "feed_url": request.build_absolute_uri(
            f"{_ics_path()}?token={CalendarFeed.for_user(request.user).key}"
        ),
        "memberships": CarshareMember.objects.for_user(request.user).select_related("organisation"),
    }
    return render(request, "carsharing/my_bookings.html", context)


def _ics_path() -> str:
    from django.urls import reverse

    return reverse("carsharing:ics")


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    trip = Trip.objects.filter(booking=booking).first()
    form: CheckOutForm | CheckInForm | None = None
    if booking.shows_key_instructions() or trip:
        form = (
            CheckInForm()
            if trip and trip.checked_in_at is None
            else (None if trip else CheckOutForm())
        )
    context = {
        "booking": booking,
        "trip": trip,
        "show_keys": booking.shows_key_instructions(),
        "form": form,
    }
    return render(request, "carsharing/booking.html", context)


@login_required
def change_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    initial = {
        "start": timezone.localtime(booking.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(booking.ends_at).strftime("%Y-%m-%dT%H:%M"),
    }
    form = SlotForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.change(
                request.user, booking, form.cleaned_data["start"], form.cleaned_data["end"]
            )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your booking has been changed."))
            return redirect("carsharing:booking", pk=booking.pk)
    return render(request, "carsharing/change.html", {"booking": booking, "form": form})


@login_required
@require_POST
def cancel_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    try:
        booking = service.cancel(request.user, booking)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if booking.cancellation_fee:
            messages.warning(
                request,
                _("Your booking is cancelled. Late cancellation fee: %(fee)s €.")
                % {"fee": booking.cancellation_fee},
            )
        else:
            messages.success(request, _("Your booking is cancelled, free of charge."))
    return redirect("carsharing:my_bookings")


@login_required
@require_POST
def check_out(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    form = CheckOutForm(request.POST)
    if form.is_valid():
        try:
            service.check_out(request.user, booking, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Have a good trip!"))
    else:
        messages.error(request, _("Please enter the odometer and the battery level."))
    return redirect("carsharing:booking", pk=booking.pk)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    trip = get_object_or_404(Trip, booking=booking)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            trip = service.check_in(request.user, trip, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Thank you! Price of the trip: %(total)s €.") % {"total": trip.total_price},
            )
    else:
        messages.error(request, _("Please check the check-in form."))
    return redirect("carsharing:booking", pk=booking.pk)


@login_required
def join(request: HttpRequest, org: str) -> HttpResponse:
    fleet = get_object_or_404(Fleet.objects.select_related("organisation"), organisation__slug=org)
    existing = (
        CarshareMember.objects.for_user(request.user)
        .filter(organisation=fleet.organisation)
        .first()
    )
    form = JoinForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        members.ask_to_join(
            request.user,
            fleet.organisation,
            form.cleaned_data["licence_number"],
            form.cleaned_data["licence_expiry"],
        )
        messages.success(request, _("Thank you: a manager will check your driving licence."))
        return redirect("carsharing:my_bookings")
    return render(
        request, "carsharing/join.html", {"fleet": fleet, "form": form, "existing": existing}
    )


def ics(request: HttpRequest) -> HttpResponse:
    """The member's bookings as iCalendar: the secret ``?token=`` (calendar apps) or the session."""
    token = request.GET.get("token")
    if token:
        feed = CalendarFeed.objects.select_related("user").filter(key=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        user = feed.user
    elif request.user.is_authenticated:
        user = request.user
    else:
        raise Http404
    response = HttpResponse(
        ical.bookings_calendar(user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="carsharing.ics"'
    return response


# --- Manager pages -------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest, org: str) -> HttpResponse:
    organisation, fleet = _get_fleet_for_manager(request, org)
    context = {
        "organisation": organisation,
        "fleet": fleet,
        "vehicles": Vehicle.objects.filter(organisation=organisation).select_related("station"),
        "members": CarshareMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("status", "created"),
    }
    return render(request, "carsharing/manage.html", context)


@login_required
@require_GET
def vehicle_calendar(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, fleet = _get_fleet_for_manager(request, org)
    vehicle = get_object_or_404(Vehicle, pk=pk, organisation=organisation)
    try:
        first = date.fromisoformat(request.GET.get("from", "")) if request.GET.get("from") else None
    except ValueError:
        first = None
    first = first or timezone.localdate()
    days = [first + timedelta(days=i) for i in range(14)]
    tz = timezone.get_current_timezone()
    window_start = datetime.combine(days[0], datetime.min.time(), tzinfo=tz)
    window_end = datetime.combine(days[-1] + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    bookings = (
        Booking.objects.live()
        .filter(vehicle=vehicle)
        .overlapping(window_start, window_end)
        .select_related("member__user")
    )
    by_day: dict[date, list[Booking]] = defaultdict(list)
    for b in bookings:
        day = max(timezone.localdate(b.starts_at), days[0])
        last = min(timezone.localdate(b.ends_at - timedelta(microseconds=1)), days[-1])
        while day <= last:
            by_day[day].append(b)
            day += timedelta(days=1)
    context = {
        "organisation": organisation,
        "vehicle": vehicle,
        "days": [(d, by_day.get(d, [])) for d in days],
        "previous": days[0] - timedelta(days=14),
        "next": days[-1] + timedelta(days=1),
        "blocks": vehicle.maintenance_blocks.filter(
            ends_at__gt=window_start, starts_at__lt=window_end
        ),
    }
    return render(request, "carsharing/vehicle_calendar.html", context)


@login_required
@require_POST
def review_member(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation, _fleet = _get_fleet_for_manager(request, org)
    member = get_object_or_404(
        CarshareMember.objects.select_related("user"), pk=pk, organisation=organisation
    )
    status = request.POST.get("status", "")
    if members.review(request.user, member, status):
        messages.success(
            request,
            _("%(person)s: %(status)s.")
            % {"person": member.user, "status": member.get_status_display()},
        )
    return redirect("carsharing:manage", org=organisation.slug)
