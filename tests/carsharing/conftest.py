"""Car-sharing personas: a fleet (Vercors Soleil) with a station, a Zoé, a plan and members."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.carsharing.models import CarshareMember, Fleet, PricingPlan, Station, Vehicle

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


# A fixed "now" for the service tests: Monday 2 March 2026, 9:00 in Paris.
NOW = paris(2026, 3, 2, 9, 0)


@pytest.fixture
def coop(db) -> Organisation:
    return Organisation.objects.create(
        name="Vercors Soleil", slug="vercors-soleil", kind=Organisation.Kind.COOPERATIVE
    )


@pytest.fixture
def fleet(coop) -> Fleet:
    return Fleet.objects.create(
        organisation=coop,
        name="Opération Zoé",
        contact_email="zoe@vercors-soleil.example",
        min_duration=timedelta(hours=1),
        max_duration=timedelta(days=3),
        charging_buffer=timedelta(minutes=30),
        cancellation_deadline=timedelta(hours=24),
        late_cancellation_fee_percent=50,
    )


@pytest.fixture
def plan(coop) -> PricingPlan:
    return PricingPlan.objects.create(
        organisation=coop,
        name="Standard",
        hourly_rate=Decimal("2.00"),
        per_km_rate=Decimal("0.20"),
        daily_cap=Decimal("20.00"),
        membership_fee=Decimal("20.00"),
        deposit=Decimal("150.00"),
        is_default=True,
    )


@pytest.fixture
def station(coop, commune) -> Station:
    return Station.objects.create(
        organisation=coop,
        name="Place de la mairie",
        commune=commune,
        latitude=44.9697,
        longitude=5.4153,
        parking_instructions="Marked bay behind the town hall.",
        key_instructions="Station key box code 4821.",
        has_charging_point=True,
    )


@pytest.fixture
def zoe(fleet, station, plan) -> Vehicle:
    return Vehicle.objects.create(
        organisation=fleet.organisation,
        station=station,
        name="Zoé de La Chapelle",
        make="Renault",
        model="Zoé",
        seats=5,
        range_km=300,
        charge_percent=80,
        key_instructions="Key box 1234, left of the door.",
        pricing_plan=plan,
    )


@pytest.fixture
def driver(fleet, make_user):
    """An approved car-sharing member of Vercors Soleil."""
    user = make_user("dora@example.org", first_name="Dora", last_name="Driver")
    Membership.objects.create(user=user, organisation=fleet.organisation)
    CarshareMember.objects.create(
        user=user,
        organisation=fleet.organisation,
        licence_number="123456789012",
        status=CarshareMember.Status.APPROVED,
    )
    return user


@pytest.fixture
def applicant(fleet, make_user):
    """A member whose driving licence has not been checked yet."""
    user = make_user("paul@example.org", first_name="Paul", last_name="Pending")
    CarshareMember.objects.create(
        user=user, organisation=fleet.organisation, licence_number="999999999999"
    )
    return user


@pytest.fixture
def manager(fleet, make_user):
    user = make_user("maud@example.org", first_name="Maud", last_name="Manager")
    Membership.objects.create(
        user=user, organisation=fleet.organisation, role=Membership.Role.OPERATOR
    )
    return user


@pytest.fixture
def plain_member(fleet, make_user):
    """A member of the cooperative who is neither admin nor operator."""
    user = make_user("pierre@example.org", first_name="Pierre", last_name="Plain")
    Membership.objects.create(user=user, organisation=fleet.organisation)
    return user


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded photos go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_upload(name: str = "photo.png", fmt: str = "PNG", size: tuple[int, int] = (40, 30)):
    """A real (tiny) image, made with Pillow, as an uploaded file."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
