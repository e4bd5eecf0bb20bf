"""The first emission-factor version: ADEME's transport figures (docs/impact.md, "Sources").

The values are frozen here (a data migration must not read code that may change): they are
the ones ``core.emissions.DEFAULTS`` carried, as published by ADEME's Impact CO2 comparator
from the Base Empreinte. A later version is added as a new row set, never by editing these.
"""

from decimal import Decimal

from django.db import migrations

VERSION = "ademe-impactco2-2026-12"
FACTORS = [
    # mode, label, kg CO2e per km, unit
    ("car_thermal", "voiture thermique (1 occupant)", "0.218", "vehicle-km"),
    ("car_electric", "voiture électrique (1 occupant)", "0.103", "vehicle-km"),
    ("bus", "bus thermique", "0.113", "passenger-km"),
    ("coach", "autocar", "0.0295", "passenger-km"),
    ("bike", "vélo", "0", "passenger-km"),
    ("walk", "marche", "0", "passenger-km"),
]


def seed(apps, schema_editor):
    FactorSet = apps.get_model("impact", "EmissionFactorSet")
    Factor = apps.get_model("impact", "EmissionFactor")
    if FactorSet.objects.filter(version=VERSION).exists():
        return
    factor_set = FactorSet.objects.create(
        version=VERSION,
        source="ADEME, Impact CO2 (impactco2.fr), données Base Empreinte",
        source_url="https://impactco2.fr/outils/transport",
        source_date="2026-12-03",
        notes=(
            "Émissions par km, cycle de vie compris (construction et énergie). Voiture : "
            "par véhicule-km avec un occupant ; bus et autocar : par passager-km. "
            "Base Empreinte : https://base-empreinte.ademe.fr/"
        ),
        is_current=not FactorSet.objects.filter(is_current=True).exists(),
    )
    Factor.objects.bulk_create(
        Factor(factor_set=factor_set, mode=mode, label=label, kg_per_km=Decimal(kg), unit=unit)
        for mode, label, kg, unit in FACTORS
    )


def unseed(apps, schema_editor):
    apps.get_model("impact", "EmissionFactorSet").objects.filter(version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
