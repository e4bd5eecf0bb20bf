"""Event registration with a capacity: the same locking rule as desks (docs/locking.md).

Registering locks the ``Event`` row, re-counts the live registrations under the lock, then
writes; so 30 people asking for the last 3 places give exactly 3 registrations.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from smartvillage.core import booking as core
from smartvillage.core.booking import utc
from smartvillage.core.errors import field_error
from smartvillage.thirdplaces import locks
from smartvillage.thirdplaces.models import Event, Registration

ERRORS: dict[str, Any] = {
    "event_full": _("This event is full."),
    "few_places": ngettext_lazy("Only %(left)s seat left.", "Only %(left)s seats left.", "left"),
    "event_over": _("This event has already started."),
    "event_cancelled": _("This event has been cancelled."),
    "no_registration": pgettext_lazy(
        "event", "No registration is needed for this event: just come."
    ),
    "already_registered": _("You are already registered."),
    "not_registered": _("You are not registered for this event."),
}


def error(code: str, **params: Any) -> ValidationError:
    return field_error(ERRORS, NON_FIELD_ERRORS, code, **params)


def _race_window() -> None:
    """Nothing. The concurrency tests make it sleep between the count and the insert."""


def taken(event: Event) -> int:
    live = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return int(live.aggregate(n=Sum("seats"))["n"] or 0)


def register(
    user: Any, event: Event, seats: int = 1, *, now: datetime | None = None, lock: bool = True
) -> Registration:
    now = utc(now or timezone.now())

    def attempt() -> Registration:
        locked = locks.lock_event(event.pk) if lock else Event.objects.get(pk=event.pk)
        if locked.status == Event.Status.CANCELLED:
            raise error("event_cancelled")
        if not locked.registration_required:
            raise error("no_registration")
        if locked.starts_at <= now:
            raise error("event_over")
        live = locked.registrations.filter(status=Registration.Status.CONFIRMED)
        if live.filter(user=user).exists():
            raise error("already_registered")
        if locked.capacity is not None:
            left = locked.capacity - taken(locked)
            if left <= 0:
                raise error("event_full")
            if seats > left:
                raise error("few_places", left=left)
        _race_window()
        registration = Registration.objects.create(event=locked, user=user, seats=seats)
        core.record(
            user, "thirdplaces.registration.created", locked, locked.starts_at, locked.ends_at,
            registration=registration.pk,
        )  # fmt: skip
        return registration

    if lock:
        return core.run_locked(attempt)
    from django.db import transaction

    with transaction.atomic():
        return attempt()


def unregister(user: Any, event: Event, *, now: datetime | None = None) -> Registration:
    now = utc(now or timezone.now())

    def attempt() -> Registration:
        locked = locks.lock_event(event.pk)
        registration = locked.registrations.filter(
            user=user, status=Registration.Status.CONFIRMED
        ).first()
        if registration is None:
            raise error("not_registered")
        if locked.starts_at <= now:
            raise error("event_over")
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        core.record(
            user, "thirdplaces.registration.cancelled", locked, locked.starts_at, locked.ends_at,
            registration=registration.pk,
        )  # fmt: skip
        return registration

    return core.run_locked(attempt)
