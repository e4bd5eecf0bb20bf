"""iCalendar (RFC 5545) feeds written with the ``icalendar`` library: a member's bookings and
registrations, a place's agenda and the network agenda."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event as IcsEvent

from smartvillage.core import ical as core_ical
from smartvillage.thirdplaces.models import Booking, Event, Registration

# The service's name on its members' feed keys (core.CalendarFeed.service).
SERVICE = "thirdplaces"


def _event(event: Event) -> IcsEvent:
    item = IcsEvent()
    # An imported event keeps its source UID: calendars that also read the source see one event.
    item.add("uid", event.uid or f"thirdplaces-event-{event.pk}@{core_ical.host()}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    item.add("location", event.location or f"{event.third_place.name}, {event.third_place.address}")
    item.add("geo", (event.third_place.latitude, event.third_place.longitude))
    if event.description:
        item.add("description", event.description)
    if event.url:
        item.add("url", event.url)
    item.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    return item


def agenda(events: Iterable[Event], name: str) -> bytes:
    cal = core_ical.calendar(SERVICE, name)
    for event in events:
        cal.add_component(_event(event))
    ical: bytes = cal.to_ical()
    return ical


def member_calendar(user: Any) -> bytes:
    cal = core_ical.calendar(SERVICE, _("My third places"))
    bookings = Booking.objects.for_user(user).select_related("space__third_place")
    for b in bookings.order_by("starts_at"):
        item = IcsEvent()
        place = b.space.third_place
        item.add("uid", f"thirdplaces-booking-{b.pk}@{core_ical.host()}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", b.starts_at)
        item.add("dtend", b.ends_at)
        item.add("summary", f"{b.space.name} — {place.name}")
        item.add("location", place.address or place.name)
        item.add("geo", (place.latitude, place.longitude))
        item.add("status", "CANCELLED" if b.status == Booking.Status.CANCELLED else "CONFIRMED")
        cal.add_component(item)
    registrations = Registration.objects.filter(user=user).select_related("event__third_place")
    for r in registrations:
        item = _event(r.event)
        if r.status == Registration.Status.CANCELLED:
            item["status"] = "CANCELLED"
        cal.add_component(item)
    ical: bytes = cal.to_ical()
    return ical
