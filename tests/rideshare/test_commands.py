"""purge_rideshare_positions and load_rideshare_demo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from smartvillage.rideshare.models import Member, Relay, Ride, RideRequest, Stop, Trip


def test_the_purge_coarsens_old_positions_and_deletes_old_requests(
    driver, passenger, car, settings
):
    settings.RIDESHARE_POSITION_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=40)
    ride = Ride.objects.create(
        driver=driver,
        passenger=passenger,
        vehicle=car,
        start_label="A",
        end_label="B",
        start_lat=44.971,
        start_lon=5.414,
        end_lat=45.071,
        end_lon=5.556,
        started_at=old,
        ended_at=old,
        status=Ride.Status.COMPLETED,
    )
    recent = Ride.objects.create(
        driver=driver,
        passenger=passenger,
        vehicle=car,
        start_label="A",
        end_label="B",
        start_lat=44.971,
        start_lon=5.414,
        end_lat=45.071,
        end_lon=5.556,
        started_at=timezone.now(),
        status=Ride.Status.COMPLETED,
    )
    RideRequest.objects.create(
        passenger=passenger,
        origin_label="a",
        destination_label="b",
        departure_at=old,
        origin_lat=44.9,
        origin_lon=5.4,
        destination_lat=45.0,
        destination_lon=5.5,
    )
    call_command("purge_rideshare_positions", verbosity=0)
    ride.refresh_from_db()
    recent.refresh_from_db()
    assert (ride.start_lat, ride.end_lon) == (44.97, 5.56)
    assert ride.positions_coarsened
    assert recent.start_lat == 44.971
    assert not recent.positions_coarsened
    assert not RideRequest.objects.exists()


def test_the_demo_loads_twice_without_duplicates(db):
    call_command("load_rideshare_demo", "--allow-production", verbosity=0)
    counts = (
        Stop.objects.count(),
        Member.objects.count(),
        Trip.objects.count(),
        Relay.objects.count(),
    )
    call_command("load_rideshare_demo", "--allow-production", verbosity=0)
    assert counts == (
        Stop.objects.count(),
        Member.objects.count(),
        Trip.objects.count(),
        Relay.objects.count(),
    )
    assert counts[0] >= 8
    assert counts[2] >= 4
    assert Member.objects.validated().count() == counts[1]
    minor = Member.objects.get(user__email="pouce.lea@example.org")
    assert minor.guardian_consent_at is not None


def test_the_demo_refuses_production_without_the_flag(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_rideshare_demo", verbosity=0)
