"""The agenda of events, its iCal feeds, event pages and registration."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartvillage.core import ical as core_ical
from smartvillage.core.ratelimit import limit
from smartvillage.thirdplaces import ical
from smartvillage.thirdplaces.models import (
    Event,
    Registration,
    ThirdPlace,
)
from smartvillage.thirdplaces.services import events as event_service
from smartvillage.thirdplaces.views.access import _published_place

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
@limit("thirdplaces-booking")
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
