"""The load_carsharing_demo command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.carsharing.models import Booking, CarshareMember, Trip, Vehicle
from smartvillage.core.booking import overlaps


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the demo refuses to run on what looks like production


def test_it_loads_the_zoe_and_a_month_of_bookings(db):
    out = StringIO()
    call_command("load_carsharing_demo", stdout=out)
    zoe = Vehicle.objects.get(name="Zoé de La Chapelle")
    assert zoe.station.commune.insee_code == "26074"
    assert Vehicle.objects.count() == 5
    assert Vehicle.objects.exclude(station__commune__insee_code="26074").count() == 4
    assert Booking.objects.count() > 20
    assert Trip.objects.filter(checked_in_at__isnull=False).exists()
    assert CarshareMember.objects.filter(status="under_review").count() == 1


def test_it_gives_statements_damage_and_maintenance_content(db):
    from datetime import timedelta

    from django.utils import timezone

    from smartvillage.carsharing.models import DamageReport, MaintenanceBlock
    from smartvillage.carsharing.services import statements

    call_command("load_carsharing_demo", stdout=StringIO())
    members = CarshareMember.objects.filter(organisation__slug="vercors-soleil")
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    lines = [
        line
        for month in (last_month, today.replace(day=1))
        for s in statements.statements(members, month)
        for line in s.lines
    ]
    trips = [line for line in lines if line.kind == "trip"]
    assert len(trips) >= 10
    assert all(line.km > 0 and line.total > 0 for line in trips)
    assert any(line.kind == "cancellation" and line.fee > 0 for line in lines)
    assert set(DamageReport.objects.values_list("status", flat=True)) == {
        "open",
        "in_repair",
        "closed",
    }
    block = MaintenanceBlock.objects.get()
    assert not block.vehicle.bookings.filter(
        starts_at__lt=block.ends_at, ends_at__gt=block.starts_at
    ).exists()


def test_it_never_double_books(db):
    call_command("load_carsharing_demo", stdout=StringIO())
    for vehicle in Vehicle.objects.all():
        bookings = list(vehicle.bookings.order_by("starts_at"))
        for a, b in zip(bookings, bookings[1:], strict=False):
            assert not overlaps(a.starts_at, a.ends_at, b.starts_at, b.ends_at)


def test_it_is_idempotent(db):
    call_command("load_carsharing_demo", stdout=StringIO())
    counts = (Vehicle.objects.count(), Booking.objects.count(), CarshareMember.objects.count())
    call_command("load_carsharing_demo", stdout=StringIO())
    assert (
        Vehicle.objects.count(),
        Booking.objects.count(),
        CarshareMember.objects.count(),
    ) == counts


def test_it_refuses_production_without_the_flag(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_carsharing_demo", stdout=StringIO())
    assert not Vehicle.objects.exists()
