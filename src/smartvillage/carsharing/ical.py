"""iCalendar (RFC 5545) export of a member's bookings, written with the ``icalendar`` library."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from smartvillage.carsharing.models import Booking
from smartvillage.core import ical as core_ical

# The service's name on its members' feed keys (core.CalendarFeed.service).
SERVICE = "carsharing"


def bookings_calendar(user: Any) -> bytes:
    cal = core_ical.calendar(SERVICE, _("Car sharing bookings"))
    host = core_ical.host()
    bookings = Booking.objects.for_user(user).select_related("vehicle__station")
    for b in bookings.order_by("starts_at"):
        event = Event()
        event.add("uid", f"carsharing-booking-{b.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", b.starts_at)
        event.add("dtend", b.ends_at)
        event.add("summary", _("Car sharing: %(vehicle)s") % {"vehicle": b.vehicle.name})
        event.add("location", b.vehicle.station.address or b.vehicle.station.name)
        event.add("geo", (b.vehicle.station.latitude, b.vehicle.station.longitude))
        # Never the key box code: a calendar feed is shared more easily than a login.
        event.add("description", b.vehicle.station.parking_instructions)
        if b.status == Booking.Status.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical
