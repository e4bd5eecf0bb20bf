from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.test import override_settings

from smartvillage.core.dates import aware


@override_settings(TIME_ZONE="Europe/Paris")
def test_a_naive_moment_is_read_in_the_current_time_zone():
    moment = aware(datetime(2026, 7, 14, 9, 30))
    assert moment.utcoffset() == timedelta(hours=2)  # summer time in Paris
    assert moment.astimezone(UTC) == datetime(2026, 7, 14, 7, 30, tzinfo=UTC)


@override_settings(TIME_ZONE="Europe/Paris")
def test_an_aware_moment_is_kept_with_its_own_offset():
    original = datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert aware(original) is original


@override_settings(TIME_ZONE="Europe/Paris")
def test_a_date_is_its_local_midnight():
    moment = aware(date(2026, 1, 5))
    assert moment.astimezone(UTC) == datetime(2026, 1, 4, 23, 0, tzinfo=UTC)


def test_anything_else_is_a_value_error():
    with pytest.raises(ValueError, match="not a date"):
        aware("2026-01-05")  # type: ignore[arg-type]
