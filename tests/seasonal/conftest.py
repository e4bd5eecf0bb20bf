"""Seasonal work fixtures: an intercommunality of the Vercors with its winter season, an
employer (a ski-lift operator) with its admin, and a worker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from smartvillage.accounts.models import Membership, Organisation
from smartvillage.seasonal import matching
from smartvillage.seasonal.models import Intercommunality, Job, Season, WorkerProfile
from smartvillage.seasonal.services import save_profile

WINTER = (date(2026, 12, 19), date(2027, 4, 4))


@pytest.fixture(autouse=True)
def _fresh_index():
    """The matching index is per process: no test sees another test's rows."""
    matching.reset()
    yield
    matching.reset()


@pytest.fixture
def intercommunality(commune):
    area = Intercommunality.objects.create(name="Vercors", slug="vercors")
    area.communes.add(commune)
    return area


@pytest.fixture
def season(intercommunality):
    return Season.objects.create(
        intercommunality=intercommunality, kind=Season.Kind.WINTER, name="Hiver 2026-2027",
        starts_on=WINTER[0], ends_on=WINTER[1],
    )  # fmt: skip


@pytest.fixture
def employer(db):
    return Organisation.objects.create(
        name="Remontées du Vercors", slug="remontees", kind=Organisation.Kind.EMPLOYER,
        email="rh@remontees.example",
    )  # fmt: skip


@pytest.fixture
def boss(make_user, employer):
    user = make_user("boss@example.org", first_name="Bea", last_name="Boss")
    Membership.objects.create(user=user, organisation=employer, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def worker(make_user):
    return make_user("wendy@example.org", first_name="Wendy", last_name="Worker")


@pytest.fixture
def make_job(employer, season, commune):
    def make(**fields):
        values = dict(
            employer=employer, season=season, title="Perchman", description="Conduire le téléski",
            rome_code="G1205", commune=commune, latitude=44.97, longitude=5.41,
            starts_on=WINTER[0], ends_on=WINTER[1], weekly_hours=Decimal("35"),
            hourly_wage=Decimal("12.50"), reachable_without_car=True,
        )  # fmt: skip
        values.update(fields)
        return Job.objects.create(**values)

    return make


@pytest.fixture
def make_profile():
    def make(user, windows=(WINTER,), **fields):
        profile, _created = WorkerProfile.objects.get_or_create(user=user)
        for name, value in fields.items():
            setattr(profile, name, value)
        return save_profile(profile, windows)

    return make
