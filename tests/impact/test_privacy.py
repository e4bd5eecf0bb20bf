"""Impact's part of the personal-data export and erasure (accounts.gdpr registry)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from smartvillage.accounts import gdpr
from smartvillage.impact import services
from smartvillage.impact.models import (
    CarpoolEvent,
    Challenge,
    EventCarpool,
    MemberMonthlyIndicator,
    MonthlyIndicator,
    Participation,
    RideHome,
)

from .conftest import APRIL, MARCH, carpool


def _activity(user, organisation, commune, provide):
    provide(carpool(user, km=12.0))
    services.recompute(MARCH, APRIL)
    challenge = Challenge.objects.create(
        organisation=organisation, title="Mars", slug="mars", metric="car_km_avoided",
        target=Decimal("100"), first_month=MARCH, last_month=MARCH,
    )  # fmt: skip
    services.join(challenge, user)
    start = timezone.now() + timedelta(days=2)
    event = CarpoolEvent.objects.create(
        organisation=organisation, slug="fete", title="Fête", starts_at=start,
        ends_at=start + timedelta(hours=2), place_name="Place", latitude=44.9, longitude=5.4,
    )  # fmt: skip
    EventCarpool.objects.create(
        event=event, user=user, kind="offer", direction="to", commune=commune, seats=2,
        departure_at=start,
    )  # fmt: skip
    RideHome.objects.create(
        user=user, origin_label="Salle", origin_lat=44.9, origin_lon=5.4,
        destination_label="Maison", destination_lat=44.95, destination_lon=5.41, wanted_at=start,
        status="booked",
    )  # fmt: skip


def test_the_export_has_every_impact_row_of_the_member(member_user, organisation, commune, provide):
    _activity(member_user, organisation, commune, provide)
    data = gdpr.export_user_data(member_user)["data"]
    assert data["impact.monthly"][0]["car_km_avoided"] == "12.0"
    assert data["impact.monthly"][0]["factor_version"] == "ademe-impactco2-2026-12"
    assert data["impact.challenges"][0]["challenge"] == "mars"
    assert data["impact.event_carpools"][0]["seats"] == 2
    assert data["impact.rides_home"][0]["to"] == "Maison"


def test_erasure_removes_the_member_rows_and_keeps_the_territory_totals(
    member_user, organisation, commune, provide
):
    _activity(member_user, organisation, commune, provide)
    gdpr.erase_account(member_user)
    for model in (MemberMonthlyIndicator, Participation, EventCarpool, RideHome):
        assert not model.objects.filter(user=member_user).exists(), model
    assert MonthlyIndicator.objects.get().car_km_avoided == Decimal("12.0")
