"""Third-place pages: the network directory and map, a page per place, booking, passes, the
agenda, telework impact; the manager's occupancy and statements; the coverage analysis."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.accounts.permissions import get_organisation_for_user
from smartvillage.core import audit
from smartvillage.core import ical as core_ical
from smartvillage.core.models import CalendarFeed
from smartvillage.thirdplaces import exports, hours, ical, impact
from smartvillage.thirdplaces.forms import (
    ClosureForm,
    DeskForm,
    DirectoryFilter,
    EventForm,
    HoursForm,
    PassForm,
    WorkplaceForm,
)
from smartvillage.thirdplaces.models import (
    Booking,
    Closure,
    Event,
    MemberPass,
    OpeningHours,
    PassProduct,
    Registration,
    Space,
    ThirdPlace,
    Workplace,
)
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import events as event_service
from smartvillage.thirdplaces.services import manager
from smartvillage.thirdplaces.services import passes as pass_service

# --- Permission-checked getters ------------------------------------------------------------------


def _published_place(slug: str) -> ThirdPlace:
    return get_object_or_404(
        ThirdPlace.objects.published().select_related("organisation", "commune"), slug=slug
    )


def _get_booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """Only the member's own bookings: another person's booking is a 404."""
    return get_object_or_404(
        Booking.objects.select_related("space__third_place"), pk=pk, user=request.user
    )


def _get_org_for_manager(request: HttpRequest, slug: str) -> Organisation:
    """Admins and operators manage their places; other members 403, outsiders 404."""
    organisation, membership = get_organisation_for_user(request, slug)
    if membership.role not in Membership.STAFF_ROLES:
        raise PermissionDenied
    return organisation


def _get_place_for_manager(request: HttpRequest, org: str, slug: str) -> ThirdPlace:
    organisation = _get_org_for_manager(request, org)
    return get_object_or_404(ThirdPlace, organisation=organisation, slug=slug)


def is_territory_staff(user: Any) -> bool:
    """Platform staff, or admins and operators of a public body (a commune, the park)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        user=user,
        organisation__kind=Organisation.Kind.PUBLIC_BODY,
        role__in=Membership.STAFF_ROLES,
    ).exists()


# --- Directory, map, exports ---------------------------------------------------------------------


def filtered_places(params: Any) -> tuple[DirectoryFilter, Any]:
    form = DirectoryFilter(params or None)
    places = ThirdPlace.objects.published().select_related("organisation", "commune")
    if form.is_valid():
        if form.cleaned_data.get("service"):
            places = places.offering(form.cleaned_data["service"])
        if form.cleaned_data.get("commune"):
            places = places.filter(commune=form.cleaned_data["commune"])
    elif form.is_bound:
        places = places.none()
    return form, places.order_by("name")


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    query = request.GET.urlencode()
    config = {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_CENTER),
        "zoom": settings.MAP_ZOOM,
        "geojsonUrl": reverse("thirdplaces:geojson") + (f"?{query}" if query else ""),
        "labels": {"error": _("The map could not be loaded. The list below still works.")},
    }
    context = {"form": form, "places": places, "map_config": config, "query": query}
    return render(request, "thirdplaces/directory.html", context)


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    response = HttpResponse(exports.places_csv(places), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.csv"'
    return response


@require_GET
def export_geojson(request: HttpRequest) -> HttpResponse:
    form, places = filtered_places(request.GET)
    if form.is_bound and not form.is_valid():
        return HttpResponse(status=400)
    response = HttpResponse(exports.places_geojson(places), content_type="application/geo+json")
    response["Content-Disposition"] = 'inline; filename="tiers-lieux.geojson"'
    return response


def _week(place: ThirdPlace) -> list[tuple[str, list[OpeningHours]]]:
    by_day: dict[int, list[OpeningHours]] = defaultdict(list)
    for h in place.opening_hours.all():
        by_day[h.weekday].append(h)
    return [(str(label), by_day.get(value, [])) for value, label in OpeningHours.Weekday.choices]


@require_GET
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = _published_place(slug)
    today = timezone.localdate()
    periods = hours.half_days(place, today)
    spaces = []
    for space in place.spaces.filter(is_active=True):
        free = None
        if space.kind == Space.Kind.DESKS and "day" in periods:
            free = service.free_units(space, *periods["day"])
        spaces.append((space, free))
    context = {
        "place": place,
        "week": _week(place),
        "closures": place.closures.filter(last_day__gte=today)[:5],
        "today_closed": hours.closure_reason(place, today),
        "spaces": spaces,
        "products": place.pass_products.filter(is_active=True),
        "events": place.events.upcoming().exclude(status=Event.Status.CANCELLED)[:10],
        "photos": place.photos.all(),
        "impact": impact.summary(Booking.objects.filter(space__third_place=place)),
        "pass_form": PassForm(),
    }
    return render(request, "thirdplaces/place.html", context)


# --- Booking -------------------------------------------------------------------------------------


def _bookable_space(pk: int) -> Space:
    return get_object_or_404(
        Space.objects.select_related("third_place__organisation", "third_place__commune"),
        pk=pk,
        is_active=True,
        third_place__is_published=True,
    )


@login_required
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
        "feed_url": _feed_url(request),
    }
    return render(request, "thirdplaces/my_bookings.html", context)


def _feed_url(request: HttpRequest) -> str:
    # Read only: a GET never creates the key (calendar_feed does, on POST).
    user: Any = request.user  # behind login_required
    feed = CalendarFeed.objects.filter(user=user, service=ical.SERVICE).first()
    return core_ical.feed_url(request, feed, "thirdplaces:ics") if feed else ""


@login_required
@require_POST
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """Create the private calendar address, or replace it (the old one stops working)."""
    if request.POST.get("action") == "reset":
        CalendarFeed.rotate(request.user, ical.SERVICE)
        messages.success(request, _("Your calendar address has been replaced."))
    else:
        CalendarFeed.for_user(request.user, ical.SERVICE)
    return redirect(f"{reverse('thirdplaces:my_bookings')}#calendar")


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


def ics(request: HttpRequest) -> HttpResponse:
    """The member's bookings and registrations: the secret ``?token=`` or the session."""
    user = core_ical.feed_user(request, ical.SERVICE)
    return core_ical.response(ical.member_calendar(user), "tiers-lieux.ics")


# --- Agenda --------------------------------------------------------------------------------------


def _agenda_events() -> Any:
    return Event.objects.public().upcoming().select_related("third_place").order_by("starts_at")


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    events = _agenda_events().exclude(status=Event.Status.CANCELLED)
    place = request.GET.get("place", "")
    if place:
        events = events.filter(third_place__slug=place)
    context = {
        "events": events[:200],
        "places": ThirdPlace.objects.published().offering("events"),
        "place": place,
    }
    return render(request, "thirdplaces/agenda.html", context)


@require_GET
def agenda_ics(request: HttpRequest) -> HttpResponse:
    return core_ical.response(
        ical.agenda(_agenda_events()[:1000], _("Third places agenda")), "agenda.ics"
    )


@require_GET
def place_agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    place = _published_place(slug)
    events = place.events.upcoming().select_related("third_place")
    return core_ical.response(ical.agenda(events, place.name), f"{place.slug}.ics")


def _public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.public().select_related("third_place"), pk=pk)


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    registered = (
        request.user.is_authenticated
        and event.registrations.filter(
            user=request.user, status=Registration.Status.CONFIRMED
        ).exists()
    )
    context = {"event": event, "left": event.seats_left(), "registered": registered}
    return render(request, "thirdplaces/event.html", context)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    try:
        event_service.register(request.user, event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You are registered."))
    return redirect("thirdplaces:event", pk=event.pk)


@login_required
@require_POST
def unregister(request: HttpRequest, pk: int) -> HttpResponse:
    event = _public_event(pk)
    try:
        event_service.unregister(request.user, event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("thirdplaces:event", pk=event.pk)


# --- Telework impact -----------------------------------------------------------------------------


@require_GET
def impact_page(request: HttpRequest) -> HttpResponse:
    bookings = Booking.objects.filter(space__third_place__is_published=True)
    context = {
        "impact": impact.summary(bookings),
        "factor": impact.co2_factor(),
    }
    return render(request, "thirdplaces/impact.html", context)


# --- Manager -------------------------------------------------------------------------------------


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(day, time.min, tzinfo=tz),
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz),
    )


@login_required
@require_GET
def manage(request: HttpRequest, org: str) -> HttpResponse:
    organisation = _get_org_for_manager(request, org)
    today = timezone.localdate()
    start, end = _day_bounds(today)
    # Today's bookings of every place in one query, not two per space.
    todays: dict[int, list[Booking]] = defaultdict(list)
    for booking in (
        Booking.objects.live()
        .filter(space__third_place__organisation=organisation, space__is_active=True)
        .overlapping(start, end)
        .select_related("user")
        .order_by("starts_at")
    ):
        todays[booking.space_id].append(booking)
    places = []
    for place in ThirdPlace.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("spaces", queryset=Space.objects.filter(is_active=True))
    ):
        periods = hours.half_days(place, today)
        spaces = []
        for space in place.spaces.all():
            used = None
            if space.kind == Space.Kind.DESKS and "day" in periods:
                holds = [(b.starts_at, b.ends_at, b.quantity) for b in todays[space.pk]]
                used = space.capacity - service.units_free(space, holds, *periods["day"])
            spaces.append({"space": space, "bookings": todays[space.pk], "used": used})
        places.append({"place": place, "spaces": spaces, "closed": not periods})
    context = {"organisation": organisation, "places": places, "today": today}
    return render(request, "thirdplaces/manage.html", context)


@login_required
@require_GET
def occupancy(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    try:
        first = date.fromisoformat(request.GET.get("from", "")) if request.GET.get("from") else None
    except ValueError:
        first = None
    first = first or timezone.localdate()
    days = [first + timedelta(days=i) for i in range(14)]
    spaces = list(place.spaces.filter(is_active=True))
    # One query for the fortnight, not one per space and half-day.
    holds = service.live_holds(spaces, _day_bounds(days[0])[0], _day_bounds(days[-1])[1])
    rows = []
    for day in days:
        periods = hours.half_days(place, day)
        cells: list[dict[str, tuple[int, int]] | None] = []
        for space in spaces:
            if not periods:
                cells.append(None)
                continue
            cell: dict[str, tuple[int, int]] = {}
            for name in ("morning", "afternoon"):
                if name in periods:
                    capacity = 1 if space.is_exclusive else space.capacity
                    free = service.units_free(space, holds.get(space.pk, []), *periods[name])
                    cell[name] = (capacity - free, capacity)
            cells.append(cell)
        rows.append((day, hours.closure_reason(place, day), cells))
    context = {
        "organisation": place.organisation,
        "place": place,
        "spaces": spaces,
        "rows": rows,
        "previous": first - timedelta(days=14),
        "next": first + timedelta(days=14),
    }
    return render(request, "thirdplaces/occupancy.html", context)


def _month(value: str) -> date:
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise Http404 from None


@login_required
@require_GET
def statement(request: HttpRequest, org: str, slug: str, month: str) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    data = exports.statement(place, _month(month))
    if request.GET.get("format") == "csv":
        response = HttpResponse(exports.statement_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="releve-{place.slug}-{month}.csv"'
        return response
    return render(request, "thirdplaces/statement.html", {"place": place, "data": data})


@login_required
def manage_place(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """A place's closures and agenda: add a closure or an event (POST ``action``)."""
    place = _get_place_for_manager(request, org, slug)
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if data is not None else None
    closure_form = ClosureForm(data if action == "closure" else None)
    event_form = EventForm(data if action == "event" else None)
    if action == "closure" and closure_form.is_valid():
        closure = closure_form.save(commit=False)
        closure.third_place = place
        closure.save()
        audit.record(request.user, "thirdplaces.closure.created", place, closure=closure.pk)
        messages.success(request, _("The closure is saved: these days can no longer be booked."))
        hit = manager.bookings_hit_by(closure).count()
        if hit:
            messages.warning(
                request,
                ngettext(
                    "%(n)s booking falls on these days: cancel it and tell the member here.",
                    "%(n)s bookings fall on these days: cancel them and tell the members here.",
                    hit,
                )
                % {"n": hit},
            )
            return redirect("thirdplaces:closure_bookings", org=org, slug=slug, pk=closure.pk)
        return redirect("thirdplaces:manage_place", org=org, slug=slug)
    if action == "event" and event_form.is_valid():
        event = event_form.save(commit=False)
        event.third_place = place
        event.save()
        audit.record(request.user, "thirdplaces.event.created", place, event=event.pk)
        messages.success(request, _("The event is in the agenda."))
        return redirect("thirdplaces:manage_place", org=org, slug=slug)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    closures = [
        (closure, manager.bookings_hit_by(closure).count())
        for closure in place.closures.filter(last_day__gte=timezone.localdate())
    ]
    context = {
        "organisation": place.organisation,
        "place": place,
        "closures": closures,
        "spaces": place.spaces.all(),
        "products": place.pass_products.all(),
        "photo_count": place.photos.count(),
        "today_month": timezone.localdate().strftime("%Y-%m"),
        "events": place.events.upcoming(),
        "closure_form": closure_form,
        "event_form": event_form,
    }
    return render(request, "thirdplaces/manage_place.html", context)


@login_required
@require_POST
def delete_closure(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    closure = get_object_or_404(Closure, pk=pk, third_place=place)
    closure.delete()
    audit.record(request.user, "thirdplaces.closure.deleted", place, closure=pk)
    messages.success(request, _("The closure is deleted."))
    return redirect("thirdplaces:manage_place", org=org, slug=slug)


@login_required
@require_POST
def cancel_event(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    place = _get_place_for_manager(request, org, slug)
    event = get_object_or_404(Event, pk=pk, third_place=place)
    if event.status != Event.Status.CANCELLED:
        told = manager.cancel_event(request.user, event)
        messages.success(
            request,
            ngettext(
                "The event is cancelled; %(n)s registered person has been told.",
                "The event is cancelled; %(n)s registered people have been told.",
                told,
            )
            % {"n": told},
        )
    return redirect("thirdplaces:manage_place", org=org, slug=slug)
