"""The impact app's monthly indicators in the open-data catalogue (core/datasets.py)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from smartvillage.core import datasets
from smartvillage.impact import services
from smartvillage.opendata.views import distribution_url
from tests.opendata.tabular import assert_valid

from .conftest import APRIL, MARCH, carpool


@pytest.fixture(autouse=True)
def _april():
    with time_machine.travel(date(2026, 4, 15), tick=False):
        yield


def _by_id():
    return {d.identifier: d for d in datasets.all_datasets()}


def test_nothing_is_listed_before_a_recompute(db):
    assert "impact-monthly" not in _by_id()


def test_the_monthly_indicators_are_listed_and_follow_their_table_schema(
    client, provide, commune, make_user
):
    anna = make_user("anna@example.org")
    provide(carpool(anna, km=100.0), carpool(anna, km=40.0, month=APRIL))
    services.recompute(MARCH, date(2026, 5, 1))
    dataset = _by_id()["impact-monthly"]
    assert dataset.spatial == ["26074"]
    assert dataset.temporal == (MARCH, APRIL)
    (distribution,) = dataset.distributions
    text = client.get(distribution_url(distribution)).content.decode()
    assert_valid(text, distribution.schema, rows=2)
