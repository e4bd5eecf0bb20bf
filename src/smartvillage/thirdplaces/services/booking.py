"""Booking workflows of third places: desks by the half-day or day, rooms and machines by the hour.

Pages and the API call these functions and show their errors as they are: a
``ValidationError`` whose dict maps a field (``space``, ``day``, ``period``, ``start``, ``end``,
``quantity``, ``__all__``) to messages from ``ERRORS``. Every write follows docs/locking.md:
one transaction (``core.run_locked``), the ``Space`` row locked (then the pass, if one pays),
capacity re-checked under the lock, then the write and the audit entry. On PostgreSQL the
exclusion constraint of migration 0002 also guards rooms and machines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from smartvillage.accounts.models import Membership
from smartvillage.core import booking as core
from smartvillage.core.booking import duration, utc
from smartvillage.core.errors import field_error
from smartvillage.thirdplaces import hours, impact, locks
from smartvillage.thirdplaces.models import Booking, MemberPass, OpeningHours, Space, ThirdPlace

ZERO = Decimal("0.00")

ERRORS: dict[str, Any] = {
    "end_before_start": _("The end must be after the start."),
    "in_the_past": _("This time has already passed: choose a time in the future."),
    "too_far": ngettext_lazy(
        "Bookings open %(limit)s day ahead: choose an earlier date.",
        "Bookings open %(limit)s days ahead: choose an earlier date.",
        "limit",
    ),
    "closed_day": _("The place is closed on this day (%(reason)s)."),
    "closed_hours": _("The place is not open at these times: check its opening hours."),
    "no_period": _("The place is not open during this half-day."),
    "full": ngettext_lazy(
        "Not enough desks left for this period: only %(left)s free.",
        "Not enough desks left for this period: only %(left)s free.",
        "left",
    ),
    "slot_taken": _("This space is already booked during this time."),
    "whole_hours": _("Rooms and machines are booked by the hour: start and end on the hour."),
    "too_short": _("A booking of this space lasts at least %(limit)s h."),
    "too_long": _("A booking of this space lasts at most %(limit)s h."),
    "too_many": ngettext_lazy(
        "This space has %(limit)s desk.", "This space has %(limit)s desks.", "limit"
    ),
    "inactive": _("This space cannot be booked at the moment."),
    "wrong_kind": _("This space is not booked this way."),
    "members_only": _("Only members of %(organisation)s may book here."),
    "cancelled": _("This booking has been cancelled."),
    "too_late": _("Changes and cancellations close %(limit)s before the start."),
    "pass_used_up": _("This pass has no visit left."),
    "pass_other_place": _("This pass is not valid at this place."),
}

# Errors about the person rather than the request: the API answers 403 to these.
MEMBER_ERRORS = frozenset({"members_only"})

CLOSURE_LABEL = _("closure")


def error(field: str, code: str, **params: Any) -> ValidationError:
    return field_error(ERRORS, field, code, **params)


def _race_window() -> None:
    """Nothing. The concurrency tests make it sleep between the capacity check and the insert."""


@dataclass(frozen=True)
class Slot:
    period: str
    start: datetime
    end: datetime


# --- Rules that need no lock ---------------------------------------------------------------------


def check_may_book(user: Any, place: ThirdPlace) -> None:
    if not place.members_only:
        return
    if not Membership.objects.filter(user=user, organisation_id=place.organisation_id).exists():
        raise error(NON_FIELD_ERRORS, "members_only", organisation=place.organisation.name)


def desk_slot(space: Space, day: date, period: str, now: datetime) -> Slot:
    """The ``[start, end)`` of a desk booking, or the reason it cannot exist."""
    place = space.third_place
    if space.kind != Space.Kind.DESKS:
        raise error("space", "wrong_kind")
    reason = hours.closure_reason(place, day)
    if reason:
        raise error(
            "day", "closed_day", reason=str(CLOSURE_LABEL if reason == "closure" else reason)
        )
    periods = hours.half_days(place, day)
    if not periods:
        raise error("day", "closed_day", reason=OpeningHours.Weekday(day.weekday()).label)
    if period not in periods:
        raise error("period", "no_period")
    start, end = periods[period]
    _check_when(place, start, end, now, started_ok=True)
    return Slot(period, start, end)


def hours_slot(space: Space, start: datetime, end: datetime, now: datetime) -> Slot:
    place = space.third_place
    if space.kind == Space.Kind.DESKS:
        raise error("space", "wrong_kind")
    length = duration(start, end)
    if length <= timedelta(0):
        raise error("end", "end_before_start")
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if any(t.minute or t.second or t.microsecond for t in (local_start, local_end)):
        raise error("start", "whole_hours")
    # Real elapsed hours (UTC): a night across the spring DST change is one hour shorter.
    if length < timedelta(hours=space.min_hours):
        raise error("end", "too_short", limit=space.min_hours)
    if length > timedelta(hours=space.max_hours):
        raise error("end", "too_long", limit=space.max_hours)
    _check_when(place, start, end, now, started_ok=False)
    day = timezone.localdate(start)
    reason = hours.closure_reason(place, day)
    if reason:
        raise error(
            "start", "closed_day", reason=str(CLOSURE_LABEL if reason == "closure" else reason)
        )
    if not hours.is_open_during(place, start, end):
        raise error("start", "closed_hours")
    return Slot(Booking.Period.HOURS, utc(start), utc(end))


def _check_when(
    place: ThirdPlace, start: datetime, end: datetime, now: datetime, *, started_ok: bool
) -> None:
    # A desk may be taken for the half-day under way (walk-in); a room must start in the future.
    if (end <= now) if started_ok else (start < now):
        raise error("day" if started_ok else "start", "in_the_past")
    if timezone.localdate(start) > timezone.localdate(now) + timedelta(
        days=place.booking_horizon_days
    ):
        raise error("day" if started_ok else "start", "too_far", limit=place.booking_horizon_days)


def price_of(space: Space, slot: Slot, quantity: int, paid_by_pass: bool) -> Decimal:
    if slot.period == Booking.Period.HOURS:
        hours_ = Decimal(duration(slot.start, slot.end).total_seconds()) / Decimal(3600)
        return (space.price_hour * hours_).quantize(Decimal("0.01"))
    unit = space.price_day if slot.period == Booking.Period.DAY else space.price_half_day
    return (unit * (quantity - (1 if paid_by_pass else 0))).quantize(Decimal("0.01"))


def usable_pass(user: Any, place: ThirdPlace, day: date) -> MemberPass | None:
    """The pass that pays a desk: an unlimited membership first, else the card ending first."""
    passes = MemberPass.objects.filter(user=user, third_place=place).valid_on(day)
    passes = passes.with_visits_left()
    unlimited = passes.filter(visits_total__isnull=True).first()
    return unlimited or passes.order_by("valid_until", "pk").first()


# --- Under the lock ------------------------------------------------------------------------------


def conflict(
    space: Space, slot: Slot, quantity: int, exclude: Any = None
) -> ValidationError | None:
    """Why ``quantity`` units of ``space`` cannot be used in the slot. Under the lock to write."""
    if not space.is_active:
        return error("space", "inactive")
    holds = Booking.objects.live().filter(space=space).exclude(pk=exclude)
    if space.is_exclusive:
        if not core.is_free(holds, slot.start, slot.end):
            return error("space", "slot_taken")
        return None
    if quantity > space.capacity:
        return error("quantity", "too_many", limit=space.capacity)
    if not core.has_capacity(
        holds, slot.start, slot.end, space.capacity, quantity, quantity_field="quantity"
    ):
        rows = holds.overlapping(slot.start, slot.end).values_list(
            "starts_at", "ends_at", "quantity"
        )
        return error("space", "full", left=units_free(space, rows, slot.start, slot.end))
    return None


Hold = tuple[datetime, datetime, int]


def units_free(space: Space, holds: Iterable[Hold], start: datetime, end: datetime) -> int:
    """Units of ``space`` free during the whole of ``[start, end)``, given its live holds
    ``(start, end, quantity)``."""
    used = core.peak_usage(holds, start, end)
    if space.is_exclusive:
        return 0 if used else 1
    return max(space.capacity - used, 0)


def free_units(space: Space, start: datetime, end: datetime) -> int:
    """For display only (never trusted by a write): units free during the whole range."""
    holds = Booking.objects.live().filter(space=space).overlapping(start, end)
    return units_free(space, holds.values_list("starts_at", "ends_at", "quantity"), start, end)


def live_holds(spaces: Any, start: datetime, end: datetime) -> dict[int, list[Hold]]:
    """The live bookings of ``spaces`` overlapping ``[start, end)`` in one query, by space id:
    for pages that show ``units_free`` of many ranges (display only)."""
    rows: dict[int, list[Hold]] = {}
    bookings = Booking.objects.live().filter(space__in=spaces).overlapping(start, end)
    for space_id, s, e, q in bookings.values_list("space_id", "starts_at", "ends_at", "quantity"):
        rows.setdefault(space_id, []).append((s, e, q))
    return rows


def _run(func: Callable[[], Booking], lock: bool) -> Booking:
    # On PostgreSQL, thirdplaces_booking_no_overlap guards rooms and machines as well.
    return core.run_guarded(func, lock=lock, overlap=lambda: error("space", "slot_taken"))


def _take_pass(member_pass: MemberPass | None) -> MemberPass | None:
    """Lock the pass (after the space) and consume one visit; None when it is used up."""
    if member_pass is None:
        return None
    locked = locks.lock_pass(member_pass.pk)
    if locked.visits_total is not None:
        if locked.visits_used >= locked.visits_total:
            return None
        MemberPass.objects.filter(pk=locked.pk).update(visits_used=F("visits_used") + 1)
    return locked


def _give_back(booking: Booking) -> None:
    if booking.member_pass_id is None:
        return
    locked = locks.lock_pass(booking.member_pass_id)
    if locked.visits_total is not None and locked.visits_used > 0:
        MemberPass.objects.filter(pk=locked.pk).update(visits_used=F("visits_used") - 1)


# --- Writing -------------------------------------------------------------------------------------


def book_desk(
    user: Any,
    space: Space,
    day: date,
    period: str,
    quantity: int = 1,
    *,
    use_pass: bool = True,
    now: datetime | None = None,
    lock: bool = True,
) -> Booking:
    """Book ``quantity`` desks of an open space for a half-day or a day.

    ``lock=False`` exists only to prove the race in the concurrency tests.
    """
    now = utc(now or timezone.now())
    place = space.third_place
    check_may_book(user, place)
    slot = desk_slot(space, day, period, now)
    if quantity < 1:
        raise error("quantity", "too_many", limit=space.capacity)
    candidate = usable_pass(user, place, day) if use_pass else None
    avoided = impact.avoided_km_for(user, place)  # travel times: before any lock

    def attempt() -> Booking:
        locked = locks.lock_space(space.pk) if lock else Space.objects.get(pk=space.pk)
        problem = conflict(locked, slot, quantity)
        if problem is not None:
            raise problem
        member_pass = _take_pass(candidate) if lock else None
        _race_window()
        booking = Booking.objects.create(
            space=locked,
            user=user,
            period=slot.period,
            starts_at=slot.start,
            ends_at=slot.end,
            quantity=quantity,
            exclusive=False,
            price=price_of(locked, slot, quantity, member_pass is not None),
            member_pass=member_pass,
            avoided_km=avoided,
        )
        core.record(
            user, "thirdplaces.booking.created", booking, slot.start, slot.end, space=space.pk
        )
        return booking

    return _run(attempt, lock)


def book_hours(
    user: Any,
    space: Space,
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
    lock: bool = True,
) -> Booking:
    """Book a room or a machine, exclusively, by the hour."""
    now = utc(now or timezone.now())
    check_may_book(user, space.third_place)
    slot = hours_slot(space, start, end, now)

    def attempt() -> Booking:
        locked = locks.lock_space(space.pk) if lock else Space.objects.get(pk=space.pk)
        problem = conflict(locked, slot, 1)
        if problem is not None:
            raise problem
        _race_window()
        booking = Booking.objects.create(
            space=locked,
            user=user,
            period=slot.period,
            starts_at=slot.start,
            ends_at=slot.end,
            exclusive=True,
            price=price_of(locked, slot, 1, False),
        )
        core.record(
            user, "thirdplaces.booking.created", booking, slot.start, slot.end, space=space.pk
        )
        return booking

    return _run(attempt, lock)


def _own(booking_id: int, user: Any) -> Booking:
    return Booking.objects.select_related("space__third_place").get(pk=booking_id, user=user)


def _check_changeable(current: Booking, now: datetime) -> None:
    if current.status == Booking.Status.CANCELLED:
        raise error(NON_FIELD_ERRORS, "cancelled")
    deadline = current.space.third_place.cancellation_deadline
    if utc(current.starts_at) - deadline < now:
        raise error(NON_FIELD_ERRORS, "too_late", limit=_human(deadline))


def _human(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    if minutes % 60 == 0:
        return str(_("%(n)s h") % {"n": minutes // 60})
    return str(_("%(n)s min") % {"n": minutes})


def change(
    user: Any,
    booking: Booking,
    *,
    day: date | None = None,
    period: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    quantity: int | None = None,
    now: datetime | None = None,
) -> Booking:
    """Move a booking (desks: another day or half-day; rooms: other hours)."""
    now = utc(now or timezone.now())
    space = booking.space
    if space.is_exclusive:
        if start is None or end is None:
            raise error("start", "wrong_kind")
        slot = hours_slot(space, start, end, now)
    else:
        slot = desk_slot(space, day or booking.local_date, period or booking.period, now)
    new_quantity = booking.quantity if quantity is None or space.is_exclusive else quantity

    def attempt() -> Booking:
        locked = locks.lock_space(space.pk)
        current = _own(booking.pk, user)  # re-read under the lock
        _check_changeable(current, now)
        problem = conflict(locked, slot, new_quantity, exclude=current.pk)
        if problem is not None:
            raise problem
        if (
            current.member_pass_id is not None
            and timezone.localdate(slot.start) != current.local_date
        ):
            # The pass may not cover the new day: give the visit back, pay again if needed.
            _give_back(current)
            new_day = timezone.localdate(slot.start)
            current.member_pass = _take_pass(usable_pass(user, locked.third_place, new_day))
        old = (current.starts_at, current.ends_at)
        current.period, current.starts_at, current.ends_at = slot.period, slot.start, slot.end
        current.quantity = new_quantity
        current.price = price_of(locked, slot, new_quantity, current.member_pass is not None)
        current.save(
            update_fields=["period", "starts_at", "ends_at", "quantity", "price", "member_pass"]
        )
        core.record(
            user,
            "thirdplaces.booking.changed",
            current,
            slot.start,
            slot.end,
            previous=[old[0].isoformat(), old[1].isoformat()],
        )
        return current

    return _run(attempt, lock=True)


def cancel(user: Any, booking: Booking, *, now: datetime | None = None) -> Booking:
    """Cancel before the place's deadline; a pass visit is given back."""
    now = utc(now or timezone.now())

    def attempt() -> Booking:
        locks.lock_space(booking.space_id)
        current = _own(booking.pk, user)  # re-read under the lock
        _check_changeable(current, now)
        _give_back(current)
        current.status = Booking.Status.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        core.record(
            user, "thirdplaces.booking.cancelled", current, current.starts_at, current.ends_at
        )
        return current

    return _run(attempt, lock=True)
