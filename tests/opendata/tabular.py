"""Validation of a CSV export against its Table Schema with frictionless (frictionless-py)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from frictionless import Resource, Schema


def errors(text: str, schema: dict[str, Any]) -> list[str]:
    """The frictionless errors of a CSV text (labels, types, constraints, keys), as strings."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_text(text, encoding="utf-8")
        resource = Resource(path=path.name, basepath=folder, schema=Schema.from_descriptor(schema))
        report = resource.validate()
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]


def assert_valid(text: str, schema: dict[str, Any], *, rows: int | None = None) -> None:
    found = errors(text, schema)
    assert found == [], found
    if rows is not None:
        assert len(text.strip().splitlines()) - 1 == rows
