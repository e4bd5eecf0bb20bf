from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from smartvillage.ondemand.models import Booking, Driver, Service, Vehicle

pytestmark = pytest.mark.django_db


def test_it_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_ondemand_demo")


def test_it_loads_the_la_paz_service_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_ondemand_demo", verbosity=0)
    service = Service.objects.get(slug="la-paz")
    assert service.organisation.slug == "la-paz"
    names = set(service.stops.values_list("place__name", flat=True))
    assert {"Marché de Saint-Jean-en-Royans", "Vassieux-en-Vercors – Centre"} <= names
    minibus = Vehicle.objects.get(kind=Vehicle.Kind.MINIBUS)
    assert minibus.wheelchair_places >= 1
    assert Vehicle.objects.filter(kind=Vehicle.Kind.ELECTRIC_CAR).count() == 2
    assert Driver.objects.filter(kind=Driver.Kind.VOLUNTEER).count() >= 2
    live = Booking.objects.live().count()
    assert live > 20
    assert len(set(Booking.objects.values_list("date", flat=True))) >= 4
    call_command("load_ondemand_demo", verbosity=0)
    assert Booking.objects.live().count() == live
    assert Vehicle.objects.count() == 3
