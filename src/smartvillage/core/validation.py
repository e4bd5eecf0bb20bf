"""Bounds of inputs that every API and form shares.

Dates far in the past or future overflow date arithmetic (``datetime.min - timedelta``), and
make no sense for bookings anyway: endpoints answer 422 for moments outside
:data:`SUPPORTED_YEARS` (found by schemathesis, tests/fuzz).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

SUPPORTED_YEARS = range(2000, 2101)


def out_of_range(moment: datetime) -> bool:
    return moment.year not in SUPPORTED_YEARS


def out_of_range_message() -> str:
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": SUPPORTED_YEARS[0],
        "last": SUPPORTED_YEARS[-1],
    }
