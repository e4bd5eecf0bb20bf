"""The dataset registry (core/datasets.py): every app's declarations, nothing twice."""

import pytest

from smartvillage.core import datasets
from smartvillage.core.datasets import (
    LICENCE_OUVERTE_2,
    Agent,
    Dataset,
    Distribution,
    all_datasets,
    table_schema,
)

EXPECTED = {
    "carsharing-gbfs",
    "hub-actors",
    "hub-events",
    "hub-initiatives",
    "ondemand-tad-gtfs-flex",
    "ondemand-tad-statistics",
    "rideshare-hitchhiking-stops",
    "rideshare-statistics",
    "seasonal-jobs",
    "territory-communes",
    "thirdplaces-directory",
    "thirdplaces-events",
    "thirdplaces-impact",
}


def _dataset(identifier: str) -> Dataset:
    return Dataset(
        identifier=identifier, title="T", description="D", publisher=Agent("P"),
        distributions=[Distribution("CSV", "opendata:catalogue", "text/csv", "CSV")],
    )  # fmt: skip


def test_it_lists_one_dataset_of_each_kind(territory):
    found = {d.identifier for d in all_datasets()}
    assert found >= EXPECTED


def test_it_sorts_by_identifier_and_defaults_to_licence_ouverte(territory):
    found = all_datasets()
    assert [d.identifier for d in found] == sorted(d.identifier for d in found)
    assert {d.licence for d in found} == {LICENCE_OUVERTE_2}


def test_it_refuses_a_dataset_declared_twice(db):
    with (
        datasets.registry.only(a__one=lambda: [_dataset("x")], b__two=lambda: [_dataset("x")]),
        pytest.raises(ValueError, match="declared twice"),
    ):
        all_datasets()


def test_it_refuses_an_unknown_frequency():
    with pytest.raises(ValueError, match="frequency"):
        Dataset(
            identifier="x", title="T", description="D", publisher=Agent("P"),
            distributions=[Distribution("CSV", "x", "text/csv", "CSV")], frequency="HOURLY",
        )  # fmt: skip


def test_an_inactive_service_publishes_nothing(territory):
    territory.service.is_active = False
    territory.service.save(update_fields=["is_active"])
    assert "ondemand-tad-gtfs-flex" not in {d.identifier for d in all_datasets()}


def test_spatial_lists_the_insee_codes_of_the_service_zone(territory):
    dataset = datasets.get_dataset("ondemand-tad-gtfs-flex")
    assert dataset is not None
    assert list(dataset.spatial) == ["26074", "26364"]


def test_last_modified_follows_the_data(territory):
    before = datasets.get_dataset("thirdplaces-directory").modified
    territory.place.name = "La Coloc (new name)"
    territory.place.save()
    after = datasets.get_dataset("thirdplaces-directory").modified
    assert before is not None
    assert after > before


def test_gbfs_last_modified_follows_the_vehicles(territory):
    from smartvillage.carsharing.models import Vehicle

    before = datasets.get_dataset("carsharing-gbfs").modified
    vehicle = Vehicle.objects.get()
    vehicle.charge_percent = 40
    vehicle.save()
    assert datasets.get_dataset("carsharing-gbfs").modified > before


def test_table_schema_adds_boolean_values_and_primary_key():
    schema = table_schema([{"name": "ok", "type": "boolean"}], primary_key=["ok"])
    assert schema["fields"][0]["trueValues"] == ["true"]
    assert schema["primaryKey"] == ["ok"]
