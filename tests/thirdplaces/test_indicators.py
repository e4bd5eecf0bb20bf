"""Third places in the indicators interface: desk-days up to today, commute km avoided."""

from __future__ import annotations

from datetime import date

import time_machine

from smartvillage.thirdplaces.indicators import ThirdPlaceIndicators
from smartvillage.thirdplaces.models import Workplace
from smartvillage.thirdplaces.services import booking as service

from .conftest import NOW


def test_desk_days_count_once_a_day_with_their_commute(desks, coworker, grenoble, autrans):
    Workplace.objects.create(user=coworker, commune=grenoble, home_commune=autrans)
    service.book_desk(coworker, desks, date(2026, 3, 3), "morning", now=NOW)
    service.book_desk(coworker, desks, date(2026, 3, 3), "afternoon", now=NOW)
    service.book_desk(coworker, desks, date(2026, 3, 5), "day", now=NOW)
    with time_machine.travel(date(2026, 3, 4), tick=False):
        rows = list(ThirdPlaceIndicators().monthly(date(2026, 3, 1), date(2026, 4, 1)))
    assert len(rows) == 1
    row = rows[0]
    assert (row.user_id, row.desk_days, row.commune) == (coworker.pk, 1, autrans.insee_code)
    assert row.car_km_avoided > 0
