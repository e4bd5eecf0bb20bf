from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from smartvillage.planner import timetable
from smartvillage.planner.services import import_feed

DATA = Path(__file__).resolve().parents[2] / "src/smartvillage/planner/data/gtfs"
TUESDAY = date(2026, 12, 8)


@pytest.fixture(autouse=True)
def _fresh_timetable():
    timetable.forget()
    yield
    timetable.forget()


@pytest.fixture
def vercors_feed(db):
    return import_feed(DATA / "vercors_demo", slug="vercors-demo", name="Vercors (demo)",
                       invented=True).feed  # fmt: skip
