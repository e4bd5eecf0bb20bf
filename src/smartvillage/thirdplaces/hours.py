"""Opening hours, closures and French public holidays of a third place.

Public holidays come from the maintained ``holidays`` package (``holidays.France``): Easter
Monday, Ascension and Whit Monday move every year, and the list is kept up to date there.
Times are built on the local wall clock with ``zoneinfo`` (Europe/Paris), so an opening at
09:00 stays at 09:00 on either side of a daylight-saving change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.utils import timezone

if TYPE_CHECKING:
    from smartvillage.thirdplaces.models import OpeningHours, ThirdPlace


@lru_cache(maxsize=16)
def _french_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("FR", years=year)


def public_holiday(day: date) -> str | None:
    """The name of the French public holiday on ``day``, or None."""
    name = _french_holidays(day.year).get(day)
    return str(name) if name else None


def closure_reason(place: ThirdPlace, day: date) -> str | None:
    """Why the place is closed all day on ``day`` (holiday or closure), or None."""
    if place.closed_on_public_holidays:
        name = public_holiday(day)
        if name:
            return name
    closure = place.closures.filter(first_day__lte=day, last_day__gte=day).first()
    if closure is not None:
        return closure.reason or "closure"
    return None


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=timezone.get_current_timezone())


def intervals(place: ThirdPlace, day: date) -> list[tuple[datetime, datetime]]:
    """Opening intervals of ``day`` as aware datetimes (empty when closed)."""
    if closure_reason(place, day):
        return []
    rows = [h for h in _hours(place) if h.weekday == day.weekday()]
    result = []
    for h in sorted(rows, key=lambda r: r.opens):
        end_day = day + timedelta(days=1) if h.closes <= h.opens else day
        result.append((_at(day, h.opens), _at(end_day, h.closes)))
    return result


def _hours(place: ThirdPlace) -> list[OpeningHours]:
    # Prefetched when the caller used prefetch_related("opening_hours").
    return list(place.opening_hours.all())


def is_open_during(place: ThirdPlace, start: datetime, end: datetime) -> bool:
    """Whether ``[start, end)`` lies inside one stretch of opening (intervals that touch,
    such as 00:00–00:00 on consecutive days, join)."""
    first = timezone.localdate(start) - timedelta(days=1)
    last = timezone.localdate(end)
    stretches: list[list[datetime]] = []
    day = first
    while day <= last:
        for s, e in intervals(place, day):
            if stretches and s <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], e)
            else:
                stretches.append([s, e])
        day += timedelta(days=1)
    return any(s <= start and end <= e for s, e in stretches)


def half_days(place: ThirdPlace, day: date) -> dict[str, tuple[datetime, datetime]]:
    """The desk periods of ``day``: morning, afternoon and the whole day, where open.

    The morning runs from the first opening to the place's ``midday``, the afternoon from
    ``midday`` to the last closing; a period with no opening time is missing.
    """
    spans = intervals(place, day)
    if not spans:
        return {}
    opens, closes = spans[0][0], max(e for _s, e in spans)
    midday = _at(day, place.midday)
    periods: dict[str, tuple[datetime, datetime]] = {}
    if opens < midday:
        periods["morning"] = (opens, min(midday, closes))
    if closes > midday:
        periods["afternoon"] = (max(midday, opens), closes)
    periods["day"] = (opens, closes)
    return periods
