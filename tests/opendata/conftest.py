"""A small territory that publishes one dataset of each kind."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing.models import Fleet, PricingPlan, Station, Vehicle
from smartvillage.ondemand.models import Service
from smartvillage.ondemand.models import Stop as DrtStop
from smartvillage.rideshare.models import Stop as HitchStop
from smartvillage.territory.models import Commune, Place, ServiceArea
from smartvillage.thirdplaces.models import Event, ThirdPlace


@pytest.fixture
def vassieux(db) -> Commune:
    return Commune.objects.create(
        insee_code="26364", name="Vassieux-en-Vercors", departement="26", population=300,
        latitude=44.895, longitude=5.370,
    )  # fmt: skip


@pytest.fixture
def territory(organisation, commune, vassieux) -> SimpleNamespace:
    organisation.email = "contact@lapaz.example"
    organisation.save(update_fields=["email"])
    square = Place.objects.create(
        slug="place-du-village", name="Place du village", kind=Place.Kind.OTHER,
        commune=commune, latitude=44.9697, longitude=5.4153,
    )  # fmt: skip
    area = ServiceArea.objects.create(name="Vercors drômois", slug="vercors")
    area.communes.set([commune, vassieux])
    service = Service.objects.create(organisation=organisation, name="TAD La Paz", slug="tad")
    service.communes.set([commune, vassieux])
    DrtStop.objects.create(service=service, place=square)
    coop = Organisation.objects.create(
        name="Vercors Soleil", slug="vercors-soleil", kind=Organisation.Kind.COOPERATIVE
    )
    Fleet.objects.create(organisation=coop, name="Opération Zoé")
    plan = PricingPlan.objects.create(
        organisation=coop, name="Standard", hourly_rate=Decimal("2.00"),
        per_km_rate=Decimal("0.20"), daily_cap=Decimal("20.00"),
        membership_fee=Decimal("20.00"), deposit=Decimal("150.00"), is_default=True,
    )  # fmt: skip
    station = Station.objects.create(
        organisation=coop, name="Mairie", commune=commune, latitude=44.97, longitude=5.415
    )
    Vehicle.objects.create(
        organisation=coop, station=station, name="Zoé", make="Renault", model="Zoé",
        pricing_plan=plan,
    )  # fmt: skip
    hitch = HitchStop.objects.create(place=square, directions="Vassieux, Villard-de-Lans")
    place = ThirdPlace.objects.create(
        organisation=organisation, name="La Coloc", slug="la-coloc", commune=vassieux,
        latitude=44.895, longitude=5.37, has_coworking=True, has_fablab=True,
        wheelchair_accessible=True,
    )  # fmt: skip
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        third_place=place, title="Repair café", starts_at=start,
        ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    return SimpleNamespace(
        organisation=organisation, service=service, station=station, hitch=hitch,
        place=place, event=event, area=area, coop=coop,
    )  # fmt: skip
