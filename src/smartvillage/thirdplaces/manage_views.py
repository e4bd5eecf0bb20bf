"""Manager pages of a third place: the place's description and rules, opening hours, photos,
spaces, passes, members' bookings (cancel with a message), bookings hit by a closure, and the
import of an iCalendar file into the agenda.

Every view starts with ``views._get_place_for_manager`` (admins and operators of the managing
organisation; plain members 403, outsiders 404) and looks objects up inside that place only.
Mutating views take POST; forms with errors answer 422 with the errors on their fields.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartvillage.thirdplaces.forms import (
    FeedUploadForm,
    HoursFormSet,
    ManagerCancelForm,
    PassProductForm,
    PhotoForm,
    PlaceForm,
    SpaceForm,
)
from smartvillage.thirdplaces.ical_import import FeedError, horizon_days, import_feed
from smartvillage.thirdplaces.models import Booking, Closure, PassProduct, Photo, Space, ThirdPlace
from smartvillage.thirdplaces.services import manager
from smartvillage.thirdplaces.views.access import _get_place_for_manager

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
MAX_FEED_BYTES = 5 * 1024 * 1024


def _back(place: ThirdPlace) -> HttpResponse:
    return redirect("thirdplaces:manage_place", org=place.organisation.slug, slug=place.slug)


def _form_page(
    request: HttpRequest, place: ThirdPlace, title: str, form: Any = None, **extra: Any
) -> HttpResponse:
    bound = [f for f in (form, extra.get("formset")) if f is not None and f.is_bound]
    status = 422 if any(not f.is_valid() for f in bound) else 200
    context = {"organisation": place.organisation, "place": place, "title": title, "form": form}
    return render(request, "thirdplaces/manage_form.html", {**context, **extra}, status=status)


# --- The place -----------------------------------------------------------------------------------


@login_required
@GET_POST
def place_edit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    form = PlaceForm(request.POST or None, instance=place)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            manager.save_form(request.user, place, form, "place")
            messages.success(request, _("The place's page has been saved."))
        return _back(place)
    return _form_page(request, place, _("Edit the place"), form)


@login_required
@GET_POST
def hours_edit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    formset = HoursFormSet(request.POST or None, instance=place, prefix="hours")
    if request.method == "POST" and formset.is_valid():
        if formset.has_changed():
            manager.save_formset(request.user, place, formset, "opening_hours")
            messages.success(
                request,
                _("The opening hours are saved. Bookings already made are kept: check them."),
            )
        return _back(place)
    help_text = _(
        "One line per opening interval; two lines for a lunch break. 00:00 as closing time "
        "means midnight. Tick “Delete” to remove a line."
    )
    return _form_page(request, place, _("Opening hours"), formset=formset, help=help_text)


# --- Photos --------------------------------------------------------------------------------------


@login_required
@GET_POST
def photos(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photo = form.save(commit=False)
        photo.third_place = place
        photo.save()
        manager.record(request.user, place, "photo.created", id=photo.pk)
        messages.success(request, _("The photo has been added."))
        return redirect("thirdplaces:manage_photos", org=org, slug=slug)
    status = 422 if form.is_bound else 200
    context = {
        "organisation": place.organisation,
        "place": place,
        "form": form,
        "photos": place.photos.all(),
    }
    return render(request, "thirdplaces/manage_photos.html", context, status=status)


@login_required
@require_POST
def photo_delete(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    photo = get_object_or_404(Photo, pk=pk, third_place=place)
    photo.image.delete(save=False)
    photo.delete()
    manager.record(request.user, place, "photo.deleted", id=pk)
    messages.success(request, _("The photo has been deleted."))
    return redirect("thirdplaces:manage_photos", org=org, slug=slug)


# --- Spaces and passes ---------------------------------------------------------------------------


@login_required
@GET_POST
def space_edit(request: HttpRequest, org: str, slug: str, pk: int | None = None) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    space = get_object_or_404(Space, pk=pk, third_place=place) if pk else Space(third_place=place)
    form = SpaceForm(request.POST or None, instance=space)
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or not space.pk:
            manager.save_form(request.user, place, form, "space")
            messages.success(request, _("The space has been saved."))
        return _back(place)
    title = _("Edit the space") if space.pk else _("New space")
    return _form_page(request, place, title, form)


@login_required
@GET_POST
def pass_edit(request: HttpRequest, org: str, slug: str, pk: int | None = None) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    product = (
        get_object_or_404(PassProduct, pk=pk, third_place=place)
        if pk
        else PassProduct(third_place=place)
    )
    form = PassProductForm(request.POST or None, instance=product)
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or not product.pk:
            manager.save_form(request.user, place, form, "pass_product")
            messages.success(
                request, _("The pass has been saved. Passes already sold keep their terms.")
            )
        return _back(place)
    title = _("Edit the pass") if product.pk else _("New pass")
    return _form_page(request, place, title, form)


# --- Members' bookings ---------------------------------------------------------------------------


@login_required
@require_GET
def bookings(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """Bookings still to come (or of one day with ``?day=``), to contact or cancel them."""
    place = _get_place_for_manager(request, org, slug)
    rows = (
        Booking.objects.live()
        .filter(space__third_place=place, ends_at__gt=timezone.now())
        .select_related("space", "user", "member_pass")
        .order_by("starts_at", "pk")
    )
    day = None
    try:
        day = date.fromisoformat(request.GET["day"]) if request.GET.get("day") else None
    except ValueError:
        messages.error(request, _("This date cannot be read."))
    if day:
        rows = rows.overlapping(*manager.day_bounds(day, day))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "organisation": place.organisation,
        "place": place,
        "page": page,
        "day": day,
        "cancel_form": ManagerCancelForm(),
    }
    return render(request, "thirdplaces/manage_bookings.html", context)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    booking = get_object_or_404(Booking, pk=pk, space__third_place=place)
    form = ManagerCancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        manager.cancel_booking(request.user, booking, reason)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The booking is cancelled; the member has been told."))
    return redirect("thirdplaces:manage_bookings", org=org, slug=slug)


@login_required
@GET_POST
def closure_bookings(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    """The bookings a closure hits; POST cancels them all and tells each member."""
    place = _get_place_for_manager(request, org, slug)
    closure = get_object_or_404(Closure, pk=pk, third_place=place)
    hit = list(manager.bookings_hit_by(closure))
    form = ManagerCancelForm(request.POST or None, initial={"reason": closure.reason})
    if request.method == "POST" and form.is_valid():
        done, problems = manager.cancel_bookings(
            request.user, hit, form.cleaned_data["reason"] or closure.reason
        )
        if done:
            messages.success(
                request,
                ngettext(
                    "%(n)s booking cancelled; the member has been told.",
                    "%(n)s bookings cancelled; each member has been told.",
                    done,
                )
                % {"n": done},
            )
        for problem in problems:
            messages.warning(request, problem)
        return redirect("thirdplaces:closure_bookings", org=org, slug=slug, pk=pk)
    context = {
        "organisation": place.organisation,
        "place": place,
        "closure": closure,
        "bookings": hit,
        "form": form,
    }
    return render(request, "thirdplaces/manage_closure.html", context)


# --- Agenda: import of an iCalendar file ---------------------------------------------------------


@login_required
@GET_POST
def events_import(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    form = FeedUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["feed"]
        try:
            if upload.size > MAX_FEED_BYTES:
                raise FeedError(_("the file is larger than 5 MB"))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise FeedError(_("the file is not UTF-8 text (byte %s)") % exc.start) from None
            result = import_feed(place, text, source="upload", actor=request.user)
        except FeedError as exc:
            form.add_error("feed", str(exc))
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                  "%(cancelled)s cancelled (no longer in the file).")
                % vars(result),
            )  # fmt: skip
            return _back(place)
    horizon = timezone.localdate() + timedelta(days=horizon_days())
    help_text = _(
        "Events of the file are matched by their UID: importing a newer export updates them, "
        "and cancels (with a message to the registered people) the upcoming events the file "
        "no longer has. Recurring events are expanded until %(date)s."
    ) % {"date": horizon.strftime("%d/%m/%Y")}
    return _form_page(request, place, _("Import an agenda"), form, multipart=True, help=help_text)
