import importlib

from django.apps import apps

from smartvillage.territory.models import Commune

fill = importlib.import_module("smartvillage.territory.migrations.0002_commune_search_name")


def test_the_migration_fills_the_search_name_of_existing_communes(vercors):
    Commune.objects.update(search_name="")
    fill.fill_search_name(apps, None)
    assert Commune.objects.get(insee_code="38129").search_name == "correncon en vercors"
    assert not Commune.objects.filter(search_name="").exists()
