"""Hub pages: the network agenda (hub and third-place events, through core/agenda.py) with
registration and an iCalendar feed, the resources library and the search page."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from icalendar import Event as IcsEvent

from smartvillage.core import agenda as core_agenda
from smartvillage.core import ical as core_ical
from smartvillage.core.errors import error_dict
from smartvillage.hub import permissions, services
from smartvillage.hub.forms import EventForm, RegistrationForm, ResourceFilter, ResourceForm
from smartvillage.hub.models import Registration, Resource
from smartvillage.hub.search import search as run_search

AGENDA_DAYS = 180


def _window() -> tuple[datetime, datetime]:
    now = timezone.now()
    return now - timedelta(hours=12), now + timedelta(days=AGENDA_DAYS)


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    """Every public event of the network: the hub's and the third places'."""
    events = [e for e in core_agenda.between(*_window()) if not e.cancelled]
    context = {
        "events": events,
        "can_add": permissions.is_territory_staff(request.user),
    }
    return render(request, "hub/agenda.html", context)


@require_GET
def agenda_ics(request: HttpRequest) -> HttpResponse:
    """The network agenda as an iCalendar feed (public events only: no key needed)."""
    cal = core_ical.calendar("hub", _("Agenda of the network"))
    for event in core_agenda.between(*_window()):
        item = IcsEvent()
        item.add("uid", f"{event.key.replace(':', '-')}@{core_ical.host()}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("summary", event.title)
        item.add("location", event.place_name)
        if event.latitude is not None and event.longitude is not None:
            item.add("geo", (event.latitude, event.longitude))
        item.add("url", request.build_absolute_uri(event.url))
        item.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        cal.add_component(item)
    return core_ical.response(cal.to_ical(), "agenda-reseau.ics")


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_public_event(pk)
    mine = None
    if request.user.is_authenticated:
        mine = event.registrations.filter(
            user=request.user, status=Registration.Status.CONFIRMED
        ).first()
    context = {
        "event": event,
        "seats_left": event.seats_left(),
        "registration": mine,
        "form": RegistrationForm(),
        "can_manage": permissions.is_territory_staff(request.user),
    }
    return render(request, "hub/event.html", context)


def _flash(request: HttpRequest, exc: ValidationError) -> None:
    for errors in error_dict(exc).values():
        for message in errors:
            messages.error(request, message)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_public_event(pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("hub:event", pk=event.pk)
    try:
        services.register(request.user, event, form.cleaned_data["seats"])
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("You are registered."))
    return redirect("hub:event", pk=event.pk)


@login_required
@require_POST
def unregister(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_public_event(pk)
    try:
        services.unregister(request.user, event)
    except ValidationError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("hub:event", pk=event.pk)


@login_required
@require_GET
def event_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """Who comes: for the territory staff who run the network's events."""
    permissions.require_territory_staff(request.user)
    event = permissions.get_public_event(pk)
    registrations = event.registrations.filter(status=Registration.Status.CONFIRMED)
    context = {
        "event": event,
        "registrations": registrations.select_related("user").order_by("created"),
        "seats_taken": event.seats_taken(),
    }
    return render(request, "hub/event_registrations.html", context)


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    """Territory staff add the network's events."""
    permissions.require_territory_staff(request.user)
    form = EventForm(
        request.POST if request.method == "POST" else None,
        organisations=permissions.staff_organisations(request.user),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event = form.save(commit=False)
            event.created_by = permissions.user(request)
            event.save()
            form.save_m2m()
        messages.success(request, _("The event is in the agenda."))
        return redirect("hub:event", pk=event.pk)
    return render(request, "hub/event_form.html", {"form": form})


# --- Resources -----------------------------------------------------------------------------------


@require_GET
def resources(request: HttpRequest) -> HttpResponse:
    form = ResourceFilter(request.GET or None)
    found = Resource.objects.filter(is_published=True).prefetch_related("themes")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("theme"):
            found = found.filter(themes=data["theme"])
        if data.get("kind"):
            found = found.filter(kind=data["kind"])
        if data.get("dimension"):
            found = found.filter(dimensions__contains=data["dimension"])
    elif form.is_bound:
        found = found.none()
    context = {
        "form": form,
        "resources": found,
        "can_add": permissions.is_territory_staff(request.user),
    }
    return render(request, "hub/resources.html", context)


@login_required
def resource_new(request: HttpRequest) -> HttpResponse:
    """The library is curated: territory staff add documents (checked type and size)."""
    permissions.require_territory_staff(request.user)
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            resource = form.save(commit=False)
            resource.added_by = permissions.user(request)
            resource.save()
            form.save_m2m()
        messages.success(request, _("The resource is in the library."))
        return redirect("hub:resources")
    return render(request, "hub/resource_form.html", {"form": form})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    results = run_search(query) if query.strip() else None
    return render(request, "hub/search.html", {"query": query, "results": results})
