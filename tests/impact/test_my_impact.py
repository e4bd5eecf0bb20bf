"""A member's own impact: their rows only, with the factor version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import time_machine
from django.urls import reverse

from smartvillage.impact import services

from .conftest import MARCH, carpool


def test_a_member_sees_their_own_figures_only(client, db, provide, make_user):
    anna, ben = make_user("anna@example.org"), make_user("ben@example.org")
    provide(carpool(anna, km=30.0), carpool(ben, km=500.0))
    services.recompute(MARCH, date(2026, 4, 1))
    client.force_login(anna)
    with time_machine.travel(date(2026, 3, 20), tick=False):
        response = client.get(reverse("impact:mine"))
    assert response.status_code == 200
    assert response.context["mine"].totals.car_km_avoided == Decimal("30.0")
    assert b"ademe-impactco2-2026-12" in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("impact:mine"))
    assert response.status_code == 302
    assert "login" in response["Location"]
