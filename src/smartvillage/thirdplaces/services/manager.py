"""What a third place's manager changes: cancelling members' bookings (one, or every booking a
closure hits) with a message to each member, cancelling events, and saving the place's settings
with an audit entry.

Cancelling follows docs/locking.md like the member's own cancellation: the space row is locked,
then the pass (a visit paid by a pass is given back), the booking re-read under the lock. A
manager may cancel at any time before the booking ends (the members' deadline does not apply).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.forms import BaseModelFormSet, ModelForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.core import booking as core
from smartvillage.core.booking import utc
from smartvillage.core.errors import field_error
from smartvillage.thirdplaces import locks
from smartvillage.thirdplaces.models import Booking, Closure, Event, ThirdPlace
from smartvillage.thirdplaces.services import notify
from smartvillage.thirdplaces.services.booking import _give_back

ERRORS: dict[str, Any] = {
    "already_cancelled": _("This booking was already cancelled."),
    "over": _("This booking is over: it can no longer be cancelled."),
}


def _error(code: str) -> ValidationError:
    return field_error(ERRORS, NON_FIELD_ERRORS, code)


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """``[first 00:00, last + 1 00:00)`` in local time."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz),
    )


def bookings_hit_by(closure: Closure, now: datetime | None = None) -> Any:
    """Live bookings of the place on the closure's days that have not ended yet."""
    start, end = day_bounds(closure.first_day, closure.last_day)
    return (
        Booking.objects.live()
        .filter(space__third_place_id=closure.third_place_id, ends_at__gt=now or timezone.now())
        .overlapping(start, end)
        .select_related("user", "space__third_place")
        .order_by("starts_at", "pk")
    )


def cancel_booking(
    actor: Any, booking: Booking, reason: str = "", *, now: datetime | None = None
) -> Booking:
    """Cancel a member's booking for the place, give a pass visit back, tell the member."""
    now = utc(now or timezone.now())

    def attempt() -> Booking:
        locks.lock_space(booking.space_id)
        current = Booking.objects.select_related("space__third_place", "user").get(pk=booking.pk)
        if current.status == Booking.Status.CANCELLED:
            raise _error("already_cancelled")
        if utc(current.ends_at) <= now:
            raise _error("over")
        _give_back(current)
        current.status = Booking.Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        core.record(
            actor, "thirdplaces.booking.cancelled_by_manager", current,
            current.starts_at, current.ends_at, reason=reason[:200],
        )  # fmt: skip
        notify.booking_cancelled(current, reason)
        return current

    return core.run_locked(attempt)


def cancel_bookings(
    actor: Any, bookings: list[Booking], reason: str = "", *, now: datetime | None = None
) -> tuple[int, list[str]]:
    """Cancel each booking (one transaction each: one failure does not keep the others).

    Returns the number cancelled and the problems met (a booking cancelled meanwhile...).
    """
    done, problems = 0, list[str]()
    for item in bookings:
        try:
            cancel_booking(actor, item, reason, now=now)
        except ValidationError as exc:
            problems.extend(
                str(_("%(booking)s: %(problem)s") % {"booking": item, "problem": message})
                for message in exc.messages
            )
        else:
            done += 1
    return done, problems


def cancel_event(actor: Any, event: Event, reason: str = "") -> int:
    """Cancel an event and tell the registered people; returns how many were told."""
    with transaction.atomic():
        locked = locks.lock_event(event.pk)
        if locked.status == Event.Status.CANCELLED:
            return 0
        locked.status = Event.Status.CANCELLED
        locked.save(update_fields=["status"])
        told = notify.event_cancelled(locked, reason)
        audit.record(
            actor, "thirdplaces.event.cancelled", locked.third_place, event=locked.pk, told=told
        )
    event.status = locked.status
    return told


def save_form(actor: Any, place: ThirdPlace, form: ModelForm[Any], action: str) -> Any:
    """Save a manager's form and record which fields changed (names, never values)."""
    with transaction.atomic():
        created = form.instance.pk is None
        item = form.save()
        audit.record(
            actor,
            f"thirdplaces.{action}.{'created' if created else 'changed'}",
            place,
            id=item.pk,
            fields=sorted(form.changed_data),
        )
    return item


def save_formset(
    actor: Any, place: ThirdPlace, formset: BaseModelFormSet[Any, Any], action: str
) -> int:
    with transaction.atomic():
        formset.save()
        changed = len(formset.new_objects) + len(formset.changed_objects)
        changed += len(formset.deleted_objects)
        audit.record(
            actor,
            f"thirdplaces.{action}.changed",
            place,
            created=len(formset.new_objects),
            changed=len(formset.changed_objects),
            deleted=len(formset.deleted_objects),
        )
    return changed


def record(actor: Any, place: ThirdPlace, action: str, **data: Any) -> None:
    audit.record(actor, f"thirdplaces.{action}", place, **data)
