"""Authorization matrix: the journey planner. The search is public (page and API); the
operator variant is for the staff (operators, admins) of any organisation, who plan for a
resident on the phone."""

from pathlib import Path

from smartvillage.planner.services import import_feed
from tests.authz import PUBLIC, Entry

DATA = Path(__file__).resolve().parents[2] / "src/smartvillage/planner/data/gtfs"
# Staff of any organisation: the page books nothing by itself (the links lead to each
# service's own checked pages).
ANY_STAFF = "login 403 403 ok ok ok"


def build(world):
    import_feed(DATA / "vercors_demo", slug="vercors-demo", name="Vercors (demo)", invented=True)


def _query(w):
    return {
        "origin": "44.8960, 5.3720", "destination": "45.0190, 5.2930", "date": "2026-12-08",
        "time": "09:00", "time_kind": "leave_at",
    }  # fmt: skip


ENTRIES = {
    "planner:journey": Entry(get=PUBLIC, query=_query),
    "planner:operator": Entry(get=ANY_STAFF, query=_query),
    "api/v1/planner/search": Entry(get=PUBLIC, query=_query),
}
