"""Every registered dataset's URLs answer 200 with the declared media type, and every CSV
distribution follows its Table Schema (frictionless)."""

import json

from django.urls import reverse

from smartvillage.core.datasets import all_datasets, schemas
from smartvillage.opendata.views import distribution_url
from tests.opendata.tabular import assert_valid

EXPORT_SCHEMAS = {
    "carsharing.statements",
    "ondemand.daily_statistics",
    "rideshare.proofs",
    "thirdplaces.coverage",
    "thirdplaces.statement",
}


def _distributions():
    for dataset in all_datasets():
        for index, distribution in enumerate(dataset.distributions):
            yield dataset, index, distribution


def test_each_distribution_answers_with_its_declared_media_type(client, territory):
    checked = 0
    for dataset, _index, distribution in _distributions():
        response = client.get(distribution_url(distribution))
        assert response.status_code == 200, dataset.identifier
        media = response["Content-Type"].split(";")[0].strip()
        assert media == distribution.media_type, (dataset.identifier, media)
        checked += 1
    assert checked >= 12


def test_each_dataset_page_answers(client, territory):
    for dataset in all_datasets():
        url = reverse("opendata:dataset", args=[dataset.identifier])
        assert client.get(url).status_code == 200, dataset.identifier


def test_each_csv_distribution_follows_its_table_schema(client, territory):
    csvs = [(d, i, x) for d, i, x in _distributions() if x.media_type == "text/csv"]
    assert len(csvs) >= 4
    for dataset, index, distribution in csvs:
        assert distribution.schema is not None, dataset.identifier
        text = client.get(distribution_url(distribution)).content.decode()
        assert_valid(text, distribution.schema)
        served = client.get(reverse("opendata:schema", args=[dataset.identifier, index]))
        assert json.loads(served.content) == distribution.schema


def test_the_other_exports_schemas_are_registered_and_served(client, db):
    assert {name for name, _s in schemas.items()} == EXPORT_SCHEMAS
    for name in EXPORT_SCHEMAS:
        response = client.get(reverse("opendata:export_schema", args=[name]))
        assert response.status_code == 200
        assert json.loads(response.content)["fields"]
    assert client.get(reverse("opendata:export_schema", args=["nope.nope"])).status_code == 404
