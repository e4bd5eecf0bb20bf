"""Desk and room booking rules: capacity, opening hours, holidays, the past, DST, passes."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from smartvillage.accounts.models import Membership
from smartvillage.core.errors import error_codes
from smartvillage.core.models import AuditLogEntry
from smartvillage.thirdplaces.models import Booking, Closure, MemberPass
from smartvillage.thirdplaces.services import booking as service
from smartvillage.thirdplaces.services import passes

from .conftest import NOW, paris

TUESDAY = date(2026, 3, 3)


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return error_codes(exc.value)


def test_it_books_a_desk_for_the_day_at_the_day_price(desks, coworker):
    booking = service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    assert booking.starts_at == paris(2026, 3, 3, 9)
    assert booking.ends_at == paris(2026, 3, 3, 18)
    assert booking.price == Decimal("14.00")
    assert not booking.exclusive
    assert AuditLogEntry.objects.filter(action="thirdplaces.booking.created").count() == 1


def test_half_days_split_at_the_places_midday(desks, coworker):
    morning = service.book_desk(coworker, desks, TUESDAY, "morning", now=NOW)
    afternoon = service.book_desk(coworker, desks, TUESDAY, "afternoon", now=NOW)
    assert (morning.starts_at, morning.ends_at) == (paris(2026, 3, 3, 9), paris(2026, 3, 3, 13))
    assert (afternoon.starts_at, afternoon.ends_at) == (
        paris(2026, 3, 3, 13),
        paris(2026, 3, 3, 18),
    )
    assert morning.price == afternoon.price == Decimal("8.00")


def test_it_rejects_a_full_space_and_says_how_many_are_left(desks, make_user):
    users = [make_user(f"u{i}@example.org") for i in range(4)]
    service.book_desk(users[0], desks, TUESDAY, "day", now=NOW)
    service.book_desk(users[1], desks, TUESDAY, "day", quantity=1, now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.book_desk(users[2], desks, TUESDAY, "day", quantity=2, now=NOW)
    assert codes(exc) == {"full"}
    assert "1" in exc.value.message_dict["space"][0]
    service.book_desk(users[2], desks, TUESDAY, "day", now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.book_desk(users[3], desks, TUESDAY, "morning", now=NOW)
    assert codes(exc) == {"full"}
    assert Booking.objects.live().count() == 3


def test_capacity_counts_half_days_separately(desks, make_user):
    a, b, c, d = (make_user(f"h{i}@example.org") for i in range(4))
    service.book_desk(a, desks, TUESDAY, "day", now=NOW)
    service.book_desk(b, desks, TUESDAY, "day", now=NOW)
    service.book_desk(c, desks, TUESDAY, "morning", now=NOW)
    # The afternoon still has one desk; the whole day has none.
    with pytest.raises(ValidationError):
        service.book_desk(d, desks, TUESDAY, "day", now=NOW)
    service.book_desk(d, desks, TUESDAY, "afternoon", now=NOW)


def test_it_rejects_a_closed_day(desks, coworker):
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, date(2026, 3, 8), "day", now=NOW)  # a Sunday
    assert codes(exc) == {"closed_day"}
    assert Booking.objects.count() == 0


def test_it_rejects_a_french_public_holiday_by_name(desks, coworker):
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, date(2026, 4, 6), "day", now=NOW)  # Easter Monday
    assert codes(exc) == {"closed_day"}
    assert (
        "Pâques" in exc.value.message_dict["day"][0] or "Easter" in exc.value.message_dict["day"][0]
    )


def test_it_rejects_a_closure_of_the_place(colo, desks, coworker):
    Closure.objects.create(
        third_place=colo, first_day=TUESDAY, last_day=TUESDAY, reason="Inventaire"
    )
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, TUESDAY, "morning", now=NOW)
    assert codes(exc) == {"closed_day"}
    assert "Inventaire" in exc.value.message_dict["day"][0]


def test_it_rejects_a_booking_in_the_past(desks, room, coworker):
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, date(2026, 2, 27), "day", now=NOW)
    assert codes(exc) == {"in_the_past"}
    later = paris(2026, 3, 2, 15)
    with pytest.raises(ValidationError) as exc:
        service.book_hours(coworker, room, paris(2026, 3, 2, 14), paris(2026, 3, 2, 16), now=later)
    assert codes(exc) == {"in_the_past"}


def test_the_current_half_day_may_still_be_taken(desks, coworker):
    booking = service.book_desk(
        coworker, desks, date(2026, 3, 2), "afternoon", now=paris(2026, 3, 2, 14)
    )
    assert booking.starts_at == paris(2026, 3, 2, 13)


def test_it_rejects_a_booking_beyond_the_horizon(desks, coworker):
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, TUESDAY + timedelta(days=90), "day", now=NOW)
    assert codes(exc) == {"too_far"}


def test_rooms_are_exclusive_and_touching_bookings_are_allowed(room, coworker, make_user):
    other = make_user("other@example.org")
    service.book_hours(coworker, room, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11), now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.book_hours(other, room, paris(2026, 3, 3, 10), paris(2026, 3, 3, 12), now=NOW)
    assert codes(exc) == {"slot_taken"}
    touching = service.book_hours(
        other, room, paris(2026, 3, 3, 11), paris(2026, 3, 3, 12), now=NOW
    )
    assert touching.exclusive
    assert touching.price == Decimal("20.00")


def test_room_bookings_stay_within_opening_hours(room, coworker):
    with pytest.raises(ValidationError) as exc:  # across the lunch break
        service.book_hours(coworker, room, paris(2026, 3, 3, 11), paris(2026, 3, 3, 14), now=NOW)
    assert codes(exc) == {"closed_hours"}
    with pytest.raises(ValidationError) as exc:
        service.book_hours(coworker, room, paris(2026, 3, 3, 17), paris(2026, 3, 3, 19), now=NOW)
    assert codes(exc) == {"closed_hours"}


def test_rooms_are_booked_on_the_hour(room, coworker):
    with pytest.raises(ValidationError) as exc:
        service.book_hours(coworker, room, paris(2026, 3, 3, 9, 30), paris(2026, 3, 3, 11), now=NOW)
    assert codes(exc) == {"whole_hours"}


def test_desks_and_rooms_are_booked_their_own_way(desks, room, coworker):
    with pytest.raises(ValidationError):
        service.book_desk(coworker, room, TUESDAY, "day", now=NOW)
    with pytest.raises(ValidationError):
        service.book_hours(coworker, desks, paris(2026, 3, 3, 9), paris(2026, 3, 3, 10), now=NOW)


# --- Daylight-saving time ------------------------------------------------------------------------


def test_a_night_across_the_spring_change_lasts_and_costs_real_hours(printer, coworker):
    # 29 March 2026: clocks go from 02:00 to 03:00. 01:00 -> 04:00 on the wall is 2 real hours.
    now = paris(2026, 3, 20, 12)
    booking = service.book_hours(
        coworker, printer, paris(2026, 3, 29, 1), paris(2026, 3, 29, 4), now=now
    )
    assert booking.ends_at - booking.starts_at == timedelta(hours=2)
    assert booking.price == Decimal("8.00")


def test_a_night_across_the_autumn_change_lasts_and_costs_real_hours(printer, coworker):
    # 25 October 2026: 03:00 goes back to 02:00. 01:00 -> 04:00 on the wall is 4 real hours.
    now = paris(2026, 10, 20, 12)
    booking = service.book_hours(
        coworker, printer, paris(2026, 10, 25, 1), paris(2026, 10, 25, 4), now=now
    )
    assert booking.ends_at - booking.starts_at == timedelta(hours=4)
    assert booking.price == Decimal("16.00")


def test_machine_overlap_is_detected_across_the_change(printer, coworker, make_user):
    now = paris(2026, 3, 20, 12)
    service.book_hours(coworker, printer, paris(2026, 3, 29, 1), paris(2026, 3, 29, 4), now=now)
    with pytest.raises(ValidationError):
        service.book_hours(
            make_user("x@example.org"),
            printer,
            paris(2026, 3, 29, 3),
            paris(2026, 3, 29, 5),
            now=now,
        )


def test_desk_days_keep_the_wall_clock_opening_across_the_change(desks, coworker):
    now = paris(2026, 3, 20, 12)
    before = service.book_desk(coworker, desks, date(2026, 3, 27), "day", now=now)  # Friday
    after = service.book_desk(coworker, desks, date(2026, 3, 30), "day", now=now)  # Monday
    assert before.starts_at.astimezone(paris(2026, 1, 1).tzinfo).time() == time(9)
    assert after.starts_at.astimezone(paris(2026, 1, 1).tzinfo).time() == time(9)
    # 09:00 is 08:00 UTC in winter time and 07:00 UTC in summer time.
    assert before.starts_at.utctimetuple().tm_hour == 8
    assert after.starts_at.utctimetuple().tm_hour == 7


# --- Change and cancel ---------------------------------------------------------------------------


def test_a_member_moves_a_booking_to_another_day(desks, coworker):
    booking = service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    moved = service.change(coworker, booking, day=date(2026, 3, 4), period="morning", now=NOW)
    assert moved.starts_at == paris(2026, 3, 4, 9)
    assert moved.price == Decimal("8.00")
    assert AuditLogEntry.objects.filter(action="thirdplaces.booking.changed").exists()


def test_a_change_into_a_full_period_leaves_the_booking_unchanged(desks, coworker, make_user):
    booking = service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    for i in range(3):
        service.book_desk(make_user(f"f{i}@example.org"), desks, date(2026, 3, 4), "day", now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.change(coworker, booking, day=date(2026, 3, 4), now=NOW)
    assert codes(exc) == {"full"}
    booking.refresh_from_db()
    assert booking.starts_at == paris(2026, 3, 3, 9)


def test_changing_a_booking_does_not_count_itself(room, coworker):
    booking = service.book_hours(
        coworker, room, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11), now=NOW
    )
    changed = service.change(
        coworker, booking, start=paris(2026, 3, 3, 10), end=paris(2026, 3, 3, 12), now=NOW
    )
    assert changed.ends_at == paris(2026, 3, 3, 12)


def test_cancelling_frees_the_desk(desks, coworker, make_user):
    bookings = [
        service.book_desk(make_user(f"c{i}@example.org"), desks, TUESDAY, "day", now=NOW)
        for i in range(3)
    ]
    service.cancel(bookings[0].user, bookings[0], now=NOW)
    service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    assert Booking.objects.live().count() == 3


def test_it_refuses_to_cancel_after_the_deadline(desks, coworker):
    booking = service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    with pytest.raises(ValidationError) as exc:
        service.cancel(coworker, booking, now=paris(2026, 3, 3, 8))  # deadline: 2 h before
    assert codes(exc) == {"too_late"}
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_only_members_may_book_a_members_only_place(colo, desks, coworker, plain_member):
    colo.members_only = True
    colo.save()
    with pytest.raises(ValidationError) as exc:
        service.book_desk(coworker, desks, TUESDAY, "day", now=NOW)
    assert codes(exc) == {"members_only"}
    assert Membership.objects.filter(user=plain_member).exists()
    service.book_desk(plain_member, desks, TUESDAY, "day", now=NOW)


# --- Passes --------------------------------------------------------------------------------------


def test_a_visit_card_pays_one_desk_and_is_consumed(card, desks, coworker):
    member_pass = passes.buy(coworker, card, date(2026, 3, 2), now=NOW)
    assert (member_pass.visits_total, member_pass.valid_until) == (10, date(2027, 3, 1))
    booking = service.book_desk(coworker, desks, TUESDAY, "day", quantity=2, now=NOW)
    assert booking.member_pass == member_pass
    assert booking.price == Decimal("14.00")  # the second desk is paid
    member_pass.refresh_from_db()
    assert member_pass.visits_used == 1
    service.cancel(coworker, booking, now=NOW)
    member_pass.refresh_from_db()
    assert member_pass.visits_used == 0


def test_a_used_up_card_no_longer_pays(card, desks, coworker):
    member_pass = passes.buy(coworker, card, date(2026, 3, 2), now=NOW)
    MemberPass.objects.filter(pk=member_pass.pk).update(visits_used=10)
    booking = service.book_desk(coworker, desks, TUESDAY, "morning", now=NOW)
    assert booking.member_pass is None
    assert booking.price == Decimal("8.00")


def test_a_monthly_membership_is_unlimited_for_one_calendar_month(monthly, desks, coworker):
    member_pass = passes.buy(coworker, monthly, date(2026, 3, 16), now=NOW)
    assert member_pass.valid_until == date(2026, 4, 15)  # across the DST change
    for day in (date(2026, 3, 27), date(2026, 3, 30), date(2026, 3, 31)):
        booking = service.book_desk(coworker, desks, day, "day", now=NOW)
        assert booking.price == Decimal("0.00")
    member_pass.refresh_from_db()
    assert member_pass.visits_used == 0
    outside = service.book_desk(coworker, desks, date(2026, 3, 13), "day", now=NOW)
    assert outside.member_pass is None


def test_a_pass_cannot_start_in_the_past(card, coworker):
    with pytest.raises(ValidationError):
        passes.buy(coworker, card, date(2026, 3, 1), now=NOW)
    assert MemberPass.objects.count() == 0


def test_months_are_added_by_the_calendar():
    assert passes.add_month(date(2026, 1, 31)) == date(2026, 2, 28)
    assert passes.add_month(date(2026, 12, 15)) == date(2027, 1, 15)
