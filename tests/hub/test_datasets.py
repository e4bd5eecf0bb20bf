"""The hub's datasets in the open-data catalogue (core/datasets.py)."""

import csv
import io

from django.urls import reverse

from smartvillage.core import datasets
from smartvillage.hub import services


def _by_id():
    return {d.identifier: d for d in datasets.all_datasets()}


def test_the_hub_declares_actors_and_initiatives(actor, draft, author, moderator):
    services.submit(draft, author)
    services.publish(draft, moderator)
    found = _by_id()
    assert found["hub-actors"].spatial == ["26074"]
    assert found["hub-initiatives"].spatial == ["26074"]
    assert {d.format for d in found["hub-actors"].distributions} == {"CSV", "GeoJSON"}


def test_nothing_is_listed_before_there_is_content(db):
    assert not {"hub-actors", "hub-initiatives"} & set(_by_id())


def test_the_csv_columns_match_their_table_schemas(client, actor, draft, author, moderator):
    services.submit(draft, author)
    services.publish(draft, moderator)
    for identifier in ("hub-actors", "hub-initiatives"):
        distribution = next(d for d in _by_id()[identifier].distributions if d.format == "CSV")
        body = client.get(reverse(distribution.url_name)).content.decode()
        header = next(csv.reader(io.StringIO(body)))
        assert header == [f["name"] for f in distribution.schema["fields"]]
