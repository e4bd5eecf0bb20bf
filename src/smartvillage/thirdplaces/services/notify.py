"""Messages to members when a third place cancels something for them: a booking cancelled by
the manager (or by a closure), an event cancelled (by the manager or removed from the place's
imported feed).

Each message is rendered in its recipient's language and sent once the transaction commits by
the shared helper ``smartvillage.core.notifications.email_user``: a rolled-back cancellation is
never announced, and a mail server outage never undoes the cancellation.
"""

from __future__ import annotations

from django.conf import settings

from smartvillage.core.notifications import email_user
from smartvillage.thirdplaces.models import Booking, Event, Registration


def booking_cancelled(booking: Booking, reason: str = "") -> None:
    place = booking.space.third_place
    email_user(
        booking.user,
        "thirdplaces/email/booking_cancelled",
        {
            "booking": booking,
            "space": booking.space,
            "place": place,
            "reason": reason,
            "site_name": settings.SITE_NAME,
        },
    )


def event_cancelled(event: Event, reason: str = "") -> int:
    """Tell every registered person; returns how many were told."""
    registrations = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related(
        "user"
    )
    count = 0
    for registration in registrations:
        email_user(
            registration.user,
            "thirdplaces/email/event_cancelled",
            {
                "event": event,
                "place": event.third_place,
                "reason": reason,
                "site_name": settings.SITE_NAME,
            },
        )
        count += 1
    return count
