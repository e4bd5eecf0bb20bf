"""Passes: day passes, visit cards and monthly memberships, and their consumption.

Payment happens at the place (or by the organisation's own tool): buying here records the pass
and its price, which the monthly statement lists. A desk booking consumes one visit of the pass
(a half-day or a day alike); a monthly membership has no visit limit. Cancelling in time gives
the visit back (services/booking.py).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartvillage.core import audit
from smartvillage.thirdplaces.models import MemberPass, PassProduct

ERRORS: dict[str, Any] = {
    "not_on_sale": _("This pass is not on sale."),
    "in_the_past": _("A pass cannot start in the past."),
    "too_far": _("A pass starts within the next 90 days."),
}


def add_month(day: date) -> date:
    """The same day next month (clamped: 31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def valid_until(product: PassProduct, first_day: date) -> date:
    if product.kind == PassProduct.Kind.MONTHLY:
        return add_month(first_day) - timedelta(days=1)
    return first_day + timedelta(days=max(product.validity_days, 1) - 1)


def buy(
    user: Any, product: PassProduct, first_day: date | None = None, *, now: datetime | None = None
) -> MemberPass:
    today = timezone.localdate(now or timezone.now())
    first_day = first_day or today
    if not product.is_active:
        raise ValidationError(
            {"product": [ValidationError(ERRORS["not_on_sale"], code="not_on_sale")]}
        )
    if first_day < today:
        raise ValidationError(
            {"first_day": [ValidationError(ERRORS["in_the_past"], code="in_the_past")]}
        )
    if first_day > today + timedelta(days=90):
        raise ValidationError({"first_day": [ValidationError(ERRORS["too_far"], code="too_far")]})
    visits = 1 if product.kind == PassProduct.Kind.DAY_PASS else product.visits
    if product.kind == PassProduct.Kind.MONTHLY:
        visits = None
    with transaction.atomic():
        member_pass = MemberPass.objects.create(
            user=user,
            product=product,
            third_place=product.third_place,
            valid_from=first_day,
            valid_until=valid_until(product, first_day),
            visits_total=visits,
            price_paid=product.price,
        )
        audit.record(
            user,
            "thirdplaces.pass.bought",
            member_pass,
            product=product.pk,
            price=str(product.price),
        )
    return member_pass
