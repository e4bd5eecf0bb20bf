"""The booking core's time ranges and capacity helpers (core/booking.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from smartvillage.core import booking

from .conftest import paris


def test_it_treats_ranges_as_half_open():
    a = booking.TimeRange(paris(2026, 3, 2, 8), paris(2026, 3, 2, 10))
    b = booking.TimeRange(paris(2026, 3, 2, 10), paris(2026, 3, 2, 12))
    assert not a.overlaps(b)
    assert a.widened(timedelta(minutes=1)).overlaps(b)
    assert a.contains(paris(2026, 3, 2, 8))
    assert not a.contains(paris(2026, 3, 2, 10))


def test_empty_ranges_overlap_nothing():
    t = paris(2026, 3, 2, 9)
    assert not booking.overlaps(t, t, paris(2026, 3, 2, 8), paris(2026, 3, 2, 10))


def test_it_measures_real_time_across_the_spring_dst_change():
    # Night of 28-29 March 2026: 02:00 becomes 03:00 in Paris.
    start, end = paris(2026, 3, 28, 22), paris(2026, 3, 29, 6)
    assert end - start == timedelta(hours=8)  # Python's wall-clock subtraction
    assert booking.duration(start, end) == timedelta(hours=7)


def test_it_measures_real_time_across_the_autumn_dst_change():
    start, end = paris(2026, 10, 24, 22), paris(2026, 10, 25, 6)
    assert booking.duration(start, end) == timedelta(hours=9)


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="aware"):
        booking.duration(datetime(2026, 1, 1), datetime(2026, 1, 2, tzinfo=UTC))


def test_it_refuses_a_range_ending_before_it_starts():
    with pytest.raises(ValueError, match="before"):
        booking.TimeRange(paris(2026, 3, 2, 10), paris(2026, 3, 2, 9))


def test_peak_usage_does_not_stack_back_to_back_holds():
    day = (paris(2026, 3, 2, 0), paris(2026, 3, 3, 0))
    holds = [
        (paris(2026, 3, 2, 8), paris(2026, 3, 2, 10), 2),
        (paris(2026, 3, 2, 10), paris(2026, 3, 2, 12), 3),
        (paris(2026, 3, 2, 9), paris(2026, 3, 2, 11), 1),
    ]
    assert booking.peak_usage(holds, *day) == 4
    assert booking.peak_usage(holds, paris(2026, 3, 2, 12), paris(2026, 3, 2, 13)) == 0


@pytest.mark.django_db(transaction=True)
def test_lock_requires_a_transaction():
    from smartvillage.carsharing.models import Vehicle

    with pytest.raises(RuntimeError, match="transaction"):
        booking.lock(Vehicle.objects.all(), [1])


def test_has_capacity_counts_overlapping_holds(zoe, driver):
    from smartvillage.carsharing.models import Booking, CarshareMember

    member = CarshareMember.objects.get(user=driver)
    Booking.objects.create(
        vehicle=zoe, member=member, starts_at=paris(2026, 3, 2, 10), ends_at=paris(2026, 3, 2, 12)
    )
    holds = Booking.objects.live()
    slot = (paris(2026, 3, 2, 11), paris(2026, 3, 2, 13))
    assert booking.has_capacity(holds, *slot, capacity=2)
    assert not booking.has_capacity(holds, *slot, capacity=1)
    assert booking.has_capacity(holds, paris(2026, 3, 2, 12), paris(2026, 3, 2, 13), capacity=1)
