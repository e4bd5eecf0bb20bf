"""Every row lock of third places (saleor's habit): one place to read when looking for deadlocks.

The rule (docs/locking.md): lock the resource rows once per transaction, sorted by primary key,
after the checks that need no lock and before the availability re-check. When a transaction
needs both, it locks the **space first, then the member's pass** (always this order, so two
bookings cannot deadlock on them).
"""

from __future__ import annotations

from smartvillage.core import booking
from smartvillage.thirdplaces.models import Event, MemberPass, Space


def lock_space(space_id: int) -> Space:
    (space,) = booking.lock(Space.objects.select_related("third_place"), [space_id])
    return space


def lock_pass(pass_id: int) -> MemberPass:
    (member_pass,) = booking.lock(MemberPass.objects.all(), [pass_id])
    return member_pass


def lock_event(event_id: int) -> Event:
    (event,) = booking.lock(Event.objects.select_related("third_place"), [event_id])
    return event
