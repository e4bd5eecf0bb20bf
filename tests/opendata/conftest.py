"""A small territory that publishes one dataset of each kind."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from smartvillage.accounts.models import Organisation
from smartvillage.carsharing.models import Fleet, PricingPlan, Station, Vehicle
from smartvillage.hub.models import Actor, Initiative, Status
from smartvillage.hub.models import Event as HubEvent
from smartvillage.ondemand.models import Service
from smartvillage.ondemand.models import Stop as DrtStop
from smartvillage.rideshare.models import Stop as HitchStop
from smartvillage.seasonal.models import Intercommunality, Job, Season
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
    actor = Actor.objects.create(
        kind=Actor.Kind.ORGANISATION, name="Activ'Royans", slug="activ-royans",
        organisation=organisation, consent_listed=True, roles="holder help", helps_on="mobility",
    )  # fmt: skip
    actor.communes.add(commune)
    sheet = Initiative.objects.create(
        title="Autostop organisé", slug="autostop-organise", summary="Des arrêts signalés.",
        solution_type=Initiative.SolutionType.SERVICE, dimensions="mobility people",
        organisation=organisation, status=Status.PUBLISHED, published_at=timezone.now(),
        budget=Decimal("1200"), started_on=date(2024, 5, 1),
    )  # fmt: skip
    sheet.communes.add(vassieux)
    HubEvent.objects.create(
        title="Voyage d'étude", kind=HubEvent.Kind.VISIT, starts_at=start,
        ends_at=start + timedelta(hours=6), place_name="Mairie", commune=commune,
    )  # fmt: skip
    area = Intercommunality.objects.create(name="Vercors", slug="vercors-saison")
    area.communes.add(commune)
    season = Season.objects.create(
        intercommunality=area, kind=Season.Kind.WINTER, name="Hiver 2026-2027",
        starts_on=date(2026, 12, 19), ends_on=date(2027, 4, 4),
    )  # fmt: skip
    Job.objects.create(
        employer=coop, season=season, title="Perchman", description="Conduire le téléski",
        rome_code="G1205", commune=commune, latitude=44.97, longitude=5.41,
        starts_on=date(2026, 12, 19), ends_on=date(2027, 4, 4), weekly_hours=Decimal("35"),
        hourly_wage=Decimal("12.50"), reachable_without_car=True,
    )  # fmt: skip
    return SimpleNamespace(
        organisation=organisation, service=service, station=station, hitch=hitch,
        place=place, event=event, area=area, coop=coop,
    )  # fmt: skip
