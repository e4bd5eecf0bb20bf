"""The manager's pages: today's bookings, occupancy, statements, closures and events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from smartvillage.core import audit
from smartvillage.thirdplaces import exports, hours
from smartvillage.thirdplaces.forms import (
    ClosureForm,
    EventForm,
)
from smartvillage.thirdplaces.models import (
    Booking,
    Closure,
    Event,
    Space,
    ThirdPlace,
)
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import manager
from smartvillage.thirdplaces.views.access import _get_org_for_manager, _get_place_for_manager

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
