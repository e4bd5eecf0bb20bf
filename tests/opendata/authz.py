"""Authorization matrix: the open-data catalogue is public, like the data it lists."""

from tests.authz import PUBLIC, Entry

STOPS = "rideshare-hitchhiking-stops"  # declared whether or not the territory has stops


def build(world):
    pass


ENTRIES = {
    "opendata:catalogue": Entry(get=PUBLIC),
    "opendata:catalog": Entry(get=PUBLIC),
    "opendata:dataset": Entry(get=PUBLIC, kwargs=lambda w: {"identifier": STOPS}),
    "opendata:schema": Entry(get=PUBLIC, kwargs=lambda w: {"identifier": STOPS, "index": 0}),
    "opendata:export_schema": Entry(get=PUBLIC, kwargs=lambda w: {"name": "rideshare.proofs"}),
    # API.
    "api/v1/opendata/datasets": Entry(get=PUBLIC),
    "api/v1/opendata/datasets/<identifier>": Entry(
        get=PUBLIC, kwargs=lambda w: {"identifier": STOPS}
    ),
    "api/v1/opendata/catalog": Entry(get=PUBLIC),
}
