"""Car-sharing pages: find and book a car, my bookings; the manager's vehicles and members."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.models import Membership, Organisation, User
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.carsharing import ical, nearby
from smartvillage.carsharing.forms import (
    CheckInForm,
    CheckOutForm,
    FindForm,
    JoinForm,
    LateForm,
    SlotForm,
    default_slot,
)
from smartvillage.carsharing.models import (
    Booking,
    CarshareMember,
    DamageReport,
    Fleet,
    PricingPlan,
    Station,
    Trip,
    Vehicle,
)
from smartvillage.carsharing.services import booking as service
from smartvillage.carsharing.services import fleet as fleet_service
from smartvillage.carsharing.services import late, members, statements
from smartvillage.core import ical as core_ical
from smartvillage.core.ratelimit import limit

# --- Permission-checked getters ------------------------------------------------------------------


def _me(request: HttpRequest) -> User:
    """The logged-in person (views that call this are behind ``login_required``)."""
    return cast(User, request.user)


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
    if membership.role not in Membership.STAFF_ROLES:
        raise PermissionDenied
    return organisation, Fleet.rules_for(organisation)


def _bookable_vehicle(pk: int) -> Vehicle:
    # Vehicles are public (they are in the GBFS feed); booking them is checked by the service.
    return get_object_or_404(Vehicle.objects.select_related("station", "organisation"), pk=pk)


# --- Member pages --------------------------------------------------------------------------------


def _default_near(request: HttpRequest) -> str:
    commune = getattr(request.user, "commune", None) if request.user.is_authenticated else None
    return commune.name if commune is not None else ""


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    """Cars for a time slot, nearest first from a commune or place, on a map and in a list.
    Display only: nothing is written (a booking re-checks everything under the lock)."""
    start, end = default_slot()
    form = FindForm(request.GET or {"start": start, "end": end, "near": _default_near(request)})
    rows: list[dict[str, Any]] = []
    origin = None
    if form.is_valid():
        slot_start, slot_end = form.cleaned_data["start"], form.cleaned_data["end"]
        origin = form.cleaned_data.get("near")
        vehicles = Vehicle.objects.bookable().select_related("station__commune", "organisation")
        rows = service.availability(vehicles.order_by("name"), slot_start, slot_end, request.user)
        nearby.add_distances(rows, origin)
        rows.sort(key=nearby.sort_key)
    context = {
        "form": form,
        "rows": rows,
        "origin": origin,
        "map_config": nearby.map_config(rows, origin, form),
    }
    return render(request, "carsharing/find.html", context)


@login_required
@limit("carsharing-booking")
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
        "feed_url": core_ical.address(request, ical.SERVICE, "carsharing:ics"),
        "memberships": CarshareMember.objects.for_user(request.user).select_related("organisation"),
    }
    return render(request, "carsharing/my_bookings.html", context)


def _booking_page(
    request: HttpRequest,
    booking: Booking,
    form: CheckOutForm | CheckInForm | None = None,
    late_form: LateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    trip = Trip.objects.filter(booking=booking).first()
    now = timezone.now()
    if form is None and (booking.shows_key_instructions(now) or trip):
        if trip is None:
            form = CheckOutForm()
        elif trip.checked_in_at is None:
            form = CheckInForm()
    can_say_late = (
        booking.status == Booking.Status.CONFIRMED
        and booking.has_started(now)
        and not (trip and trip.checked_in_at)
    )
    if can_say_late and late_form is None:
        suggested = timezone.localtime(max(booking.ends_at, now) + timedelta(hours=1))
        late_form = LateForm(initial={"end": suggested.strftime("%Y-%m-%dT%H:%M")})
    context = {
        "booking": booking,
        "trip": trip,
        "show_keys": booking.shows_key_instructions(now),
        "form": form,
        "late_form": late_form if can_say_late else None,
        "damage_reports": booking.damage_reports.all(),
    }
    return render(request, "carsharing/booking.html", context, status=status)


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _booking_page(request, _get_booking_for_user(request, pk))


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
    form = CheckOutForm(request.POST, request.FILES)
    if not form.is_valid():
        return _booking_page(request, booking, form=form, status=422)
    try:
        service.check_out(request.user, booking, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Have a good trip!"))
    return redirect("carsharing:booking", pk=booking.pk)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    trip = get_object_or_404(Trip, booking=booking)
    form = CheckInForm(request.POST, request.FILES)
    if not form.is_valid():
        return _booking_page(request, booking, form=form, status=422)
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
    return redirect("carsharing:booking", pk=booking.pk)


@login_required
@require_POST
def running_late(request: HttpRequest, pk: int) -> HttpResponse:
    """Extend the booking if the car is free; otherwise the next member and the managers are
    warned by email."""
    booking = _get_booking_for_user(request, pk)
    form = LateForm(request.POST)
    if not form.is_valid():
        return _booking_page(request, booking, late_form=form, status=422)
    try:
        outcome = late.running_late(request.user, booking, form.cleaned_data["end"])
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "end" in exc.error_dict:
            form.add_error("end", exc.error_dict["end"])
            return _booking_page(request, booking, late_form=form, status=422)
        for message in exc.messages:
            messages.error(request, message)
        return redirect("carsharing:booking", pk=booking.pk)
    if outcome.extended:
        messages.success(request, _("The car is free: your booking has been extended."))
    else:
        messages.warning(
            request,
            _(
                "The car is needed after you (%(reason)s). We have told the next member and "
                "the managers: please bring the car back as soon as you can."
            )
            % {"reason": outcome.reason},
        )
    return redirect("carsharing:booking", pk=booking.pk)


def _member_damage_photo(request: HttpRequest, report: DamageReport) -> bool:
    return report.reported_by_id == request.user.pk


@login_required
@require_GET
def damage_photo(request: HttpRequest, pk: int) -> FileResponse:
    """A damage photo, for the person who reported it and the fleet's managers only (photos
    are not in the public media folder's listing; the URL is checked on every request)."""
    report = get_object_or_404(DamageReport.objects.select_related("vehicle"), pk=pk)
    if not report.photo:
        raise Http404
    is_manager = Membership.objects.filter(
        user=_me(request),
        organisation_id=report.vehicle.organisation_id,
        role__in=Membership.STAFF_ROLES,
    ).exists()
    if not (is_manager or _member_damage_photo(request, report)):
        raise Http404
    return FileResponse(report.photo.open("rb"))


@login_required
@require_GET
def my_statements(request: HttpRequest) -> HttpResponse:
    """My monthly statements (one per car-sharing service I belong to), printable or CSV."""
    month = statements.parse_month(request.GET.get("month"), timezone.localdate())
    mine = CarshareMember.objects.for_user(request.user)
    items = statements.statements(mine, month)
    if request.GET.get("format") == "csv":
        return _csv_response(items, f"carsharing-{month:%Y-%m}.csv")
    context = {
        "month": month,
        "statements": items,
        "previous": (month - timedelta(days=1)).replace(day=1),
        "next": (month + timedelta(days=32)).replace(day=1),
        "memberships": mine.select_related("organisation", "plan"),
    }
    return render(request, "carsharing/my_statements.html", context)


def _csv_response(items: list[statements.Statement], filename: str) -> HttpResponse:
    response = HttpResponse(statements.to_csv(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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


# --- Manager pages -------------------------------------------------------------------------------


@login_required
@require_GET
def manage(request: HttpRequest, org: str) -> HttpResponse:
    organisation, fleet = _get_fleet_for_manager(request, org)
    context = {
        "organisation": organisation,
        "fleet": fleet,
        "vehicles": Vehicle.objects.filter(organisation=organisation).select_related(
            "station", "pricing_plan"
        ),
        "stations": Station.objects.filter(organisation=organisation).select_related("commune"),
        "plans": PricingPlan.objects.filter(organisation=organisation),
        "open_damage": DamageReport.objects.filter(vehicle__organisation=organisation)
        .exclude(status=DamageReport.Status.CLOSED)
        .count(),
        "members": CarshareMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("status", "created"),
        "late": Booking.objects.not_returned(timezone.now())
        .filter(vehicle__organisation=organisation)
        .select_related("vehicle", "member__user"),
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
        "blocks": vehicle.maintenance_blocks.filter(ends_at__gt=timezone.now()),
        "at_risk": (
            fleet_service.upcoming_bookings(vehicle)
            if vehicle.status == Vehicle.Status.MAINTENANCE
            else []
        ),
        "damage": vehicle.damage_reports.exclude(status=DamageReport.Status.CLOSED),
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
