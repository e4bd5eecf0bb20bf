"""The statements CSV follows its Table Schema (validated with frictionless)."""

from __future__ import annotations

from smartvillage.carsharing.datasets import STATEMENTS_SCHEMA
from tests.carsharing.test_statements import ORG, frozen_time, march  # noqa: F401  (fixtures)
from tests.opendata.tabular import assert_valid, errors


def _csv(client, manager):
    client.force_login(manager)
    response = client.get(
        f"/carsharing/manage/{ORG}/statements/", {"month": "2026-03", "format": "csv"}
    )
    return response.content.decode()


def test_the_statements_csv_follows_its_table_schema(client, march, manager):  # noqa: F811
    assert_valid(_csv(client, manager), STATEMENTS_SCHEMA, rows=2)


def test_the_schema_catches_a_negative_total(client, march, manager):  # noqa: F811
    text = _csv(client, manager)
    header, first, *rest = text.splitlines()
    broken = "\n".join([header, first.rsplit(",", 1)[0] + ",-5.00", *rest])
    assert any("constraint" in e for e in errors(broken, STATEMENTS_SCHEMA))
