"""iCalendar (RFC 5545) export of a member's bookings, written with the ``icalendar`` library."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from smartvillage.carsharing.models import Booking


def bookings_calendar(user: Any) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Smart Village//carsharing//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Car sharing bookings"))
    host = settings.SITE_ROOT.split("://")[-1].split("/")[0]
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
