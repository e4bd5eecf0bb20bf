"""The load_seasonal_demo command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from smartvillage.accounts.models import Organisation, User
from smartvillage.seasonal import matching, services
from smartvillage.seasonal.models import Contact, HousingOffer, Intercommunality, Job


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


def test_it_loads_a_vercors_winter_with_jobs_workers_housing_and_contacts(db):
    call_command("load_seasonal_demo", stdout=StringIO())
    assert Intercommunality.objects.count() == 2
    assert Job.objects.open().count() == 10
    assert set(Job.objects.values_list("commune__insee_code", flat=True)) == {
        "38548", "38225", "26059"
    }  # fmt: skip
    assert HousingOffer.objects.count() == 3
    assert Contact.objects.filter(intercommunality__slug="royans-vercors").exists()
    yanis = User.objects.get(email="saisonnier@example.org")
    lifts = Organisation.objects.get(slug="remontees-villard")
    assert services.has_reconduction_priority(yanis, lifts)
    ranked = matching.jobs_for(yanis)
    assert ranked
    assert Job.objects.get(pk=ranked[0].id).employer == lifts


def test_it_is_safe_to_run_twice(db):
    call_command("load_seasonal_demo", stdout=StringIO())
    call_command("load_seasonal_demo", stdout=StringIO())
    assert Job.objects.count() == 10
    assert Contact.objects.count() == 5


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_seasonal_demo", stdout=StringIO())
