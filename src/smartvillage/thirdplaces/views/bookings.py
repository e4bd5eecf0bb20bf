"""Booking desks and rooms, passes, the member's bookings, workplace and calendar feed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartvillage.core import ical as core_ical
from smartvillage.core.ratelimit import limit
from smartvillage.thirdplaces import ical, impact
from smartvillage.thirdplaces.forms import (
    DeskForm,
    HoursForm,
    PassForm,
    WorkplaceForm,
)
from smartvillage.thirdplaces.models import (
    Booking,
    MemberPass,
    PassProduct,
    Registration,
    Space,
    Workplace,
)
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import passes as pass_service
from smartvillage.thirdplaces.views.access import _get_booking_for_user

# --- Booking -------------------------------------------------------------------------------------


def _bookable_space(pk: int) -> Space:
    return get_object_or_404(
        Space.objects.select_related("third_place__organisation", "third_place__commune"),
        pk=pk,
        is_active=True,
        third_place__is_published=True,
    )


@login_required
@limit("thirdplaces-booking")
def book(request: HttpRequest, pk: int) -> HttpResponse:
    space = _bookable_space(pk)
    data = request.POST if request.method == "POST" else None
    form: DeskForm | HoursForm
    if space.is_exclusive:
        form = HoursForm(data)
    else:
        form = DeskForm(data, initial={"day": timezone.localdate(), "period": "day"})
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, DeskForm):
                booking = service.book_desk(
                    request.user,
                    space,
                    form.cleaned_data["day"],
                    form.cleaned_data["period"],
                    form.cleaned_data["quantity"],
                    use_pass=form.cleaned_data["use_pass"],
                )
            else:
                booking = service.book_hours(
                    request.user, space, form.cleaned_data["start"], form.cleaned_data["end"]
                )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(
                request, _("Your booking is confirmed (%(price)s €).") % {"price": booking.price}
            )
            return redirect("thirdplaces:my_bookings")
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    context = {"space": space, "place": space.third_place, "form": form}
    return render(request, "thirdplaces/book.html", context)


@login_required
@require_GET
def my_bookings(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user: Any = request.user
    bookings = Booking.objects.for_user(user).select_related("space__third_place")
    context = {
        "upcoming": bookings.filter(ends_at__gt=now).order_by("starts_at"),
        "past": bookings.filter(ends_at__lte=now).order_by("-starts_at")[:50],
        "passes": MemberPass.objects.filter(user=user).select_related("product", "third_place"),
        "registrations": Registration.objects.filter(
            user=user, status=Registration.Status.CONFIRMED, event__ends_at__gt=now
        ).select_related("event__third_place"),
        "workplace": Workplace.objects.filter(user=user).first(),
        "impact": impact.summary(bookings),
        "feed_url": core_ical.address(request, ical.SERVICE, "thirdplaces:ics"),
    }
    return render(request, "thirdplaces/my_bookings.html", context)


@login_required
def change_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    space = booking.space
    data = request.POST if request.method == "POST" else None
    form: DeskForm | HoursForm
    if space.is_exclusive:
        initial: dict[str, Any] = {
            "start": timezone.localtime(booking.starts_at),
            "end": timezone.localtime(booking.ends_at),
        }
        form = HoursForm(data, initial=initial)
    else:
        initial = {
            "day": booking.local_date,
            "period": booking.period,
            "quantity": booking.quantity,
        }
        form = DeskForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, DeskForm):
                service.change(
                    request.user,
                    booking,
                    day=form.cleaned_data["day"],
                    period=form.cleaned_data["period"],
                    quantity=form.cleaned_data["quantity"],
                )
            else:
                service.change(
                    request.user,
                    booking,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                )
        except ValidationError as exc:
            form.apply_service_errors(exc)
        else:
            messages.success(request, _("Your booking has been changed."))
            return redirect("thirdplaces:my_bookings")
    context = {"booking": booking, "space": space, "place": space.third_place, "form": form}
    return render(request, "thirdplaces/change.html", context)


@login_required
@require_POST
def cancel_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _get_booking_for_user(request, pk)
    try:
        service.cancel(request.user, booking)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your booking is cancelled."))
    return redirect("thirdplaces:my_bookings")


@login_required
@require_POST
@limit("thirdplaces-booking")
def buy_pass(request: HttpRequest, pk: int) -> HttpResponse:
    product = get_object_or_404(
        PassProduct.objects.select_related("third_place"),
        pk=pk,
        third_place__is_published=True,
    )
    form = PassForm(request.POST)
    if form.is_valid():
        try:
            member_pass = pass_service.buy(request.user, product, form.cleaned_data["first_day"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(pass)s recorded, valid until %(until)s: pay %(price)s € at the place.")
                % {
                    "pass": product.name,
                    "until": member_pass.valid_until.strftime("%d/%m/%Y"),
                    "price": member_pass.price_paid,
                },
            )
            return redirect("thirdplaces:my_bookings")
    else:
        for field_errors in form.errors.values():
            for problem in field_errors:
                messages.error(request, str(problem))
    return redirect("thirdplaces:place", slug=product.third_place.slug)


@login_required
def workplace(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    current = Workplace.objects.filter(user=user).first()
    form = WorkplaceForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.user = user
        item.save()
        messages.success(request, _("Your usual workplace is saved."))
        return redirect("thirdplaces:my_bookings")
    return render(request, "thirdplaces/workplace.html", {"form": form, "current": current})


@login_required
@require_POST
def workplace_delete(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    deleted, _rows = Workplace.objects.filter(user=user).delete()
    if deleted:
        messages.success(request, _("Your usual workplace is deleted."))
    return redirect("thirdplaces:my_bookings")
