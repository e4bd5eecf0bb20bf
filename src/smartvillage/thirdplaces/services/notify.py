"""Messages to members when a third place cancels something for them: a booking cancelled by
the manager (or by a closure), an event cancelled (by the manager or removed from the place's
imported feed).

Each message is rendered in its recipient's language and sent with
``smartvillage.core.notifications.notify`` once the transaction commits
(``transaction.on_commit``): a rolled-back cancellation is never announced, and a mail server
outage never undoes the cancellation (``notify`` logs failures).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from smartvillage.core.notifications import notify
from smartvillage.thirdplaces.models import Booking, Event, Registration


def _send(email: str, language: str, template: str, context: dict[str, Any]) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"thirdplaces/email/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"thirdplaces/email/{template}.txt", context)
    notify(email=email, subject=subject, text=body)


def email_user(user: Any, template: str, context: dict[str, Any]) -> None:
    """Queue an email to ``user`` for after the commit (nothing for inactive or erased people)."""
    if not user.is_active or not user.email:
        return
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    transaction.on_commit(partial(_send, user.email, language, template, context))


def booking_cancelled(booking: Booking, reason: str = "") -> None:
    place = booking.space.third_place
    email_user(
        booking.user,
        "booking_cancelled",
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
            "event_cancelled",
            {
                "event": event,
                "place": event.third_place,
                "reason": reason,
                "site_name": settings.SITE_NAME,
            },
        )
        count += 1
    return count
