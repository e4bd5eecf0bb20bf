"""Impact in Chromium: the dashboard draws its SVG chart, the map circles per commune from its
static script (no request leaves localhost), and a member joins a challenge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from smartvillage.core import indicators
from smartvillage.impact import services
from smartvillage.impact.models import Challenge, Participation
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


class _Service:
    def __init__(self, user):
        self.user = user

    def monthly(self, start, end):
        month = timezone.localdate().replace(day=1)
        if not start <= month < end:
            return []
        return [indicators.Activity(
            service="rideshare", month=month, commune="26074", user_id=self.user.pk,
            person="p1", trips=3, passenger_km=42.0, shared_trips=3, car_km_avoided=42.0,
        )]  # fmt: skip


@pytest.fixture
def figures(db, commune, member_user, organisation):
    with indicators.registry.only(test__service=_Service(member_user)):
        services.recompute(date(2025, 1, 1), indicators.next_month(timezone.localdate()))
    month = timezone.localdate().replace(day=1)
    return Challenge.objects.create(
        organisation=organisation, title="Mille km", slug="mille-km", metric="car_km_avoided",
        target=Decimal("1000"), first_month=month, last_month=month,
    )  # fmt: skip


def test_the_dashboard_draws_its_chart_and_its_map(page: Page, figures, blocked_requests):
    page.goto("/impact/")
    expect(page.locator("figure svg[role=img] rect").first).to_be_visible()
    expect(page.locator("#impact-map .leaflet-interactive")).to_have_count(1)
    page.get_by_text("Les chiffres sous forme de tableau").first.click()
    expect(page.locator("#over-time-table")).to_contain_text("42")


def test_a_member_joins_the_challenge_and_sees_their_contribution(page: Page, figures, member_user):
    page.goto("/accounts/login/?next=/impact/challenges/mille-km/")
    page.locator("input[name=login]").fill(member_user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form", has=page.locator("input[name=password]")).locator("[type=submit]").click()
    page.get_by_role("button", name="Je participe").click()
    expect(page.get_by_text("Votre contribution")).to_contain_text("42")
    assert Participation.objects.filter(user=member_user).exists()
