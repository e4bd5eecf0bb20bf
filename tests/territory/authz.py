"""Authorization matrix: the territory's map page and its public API (open data)."""

from smartvillage.territory.models import Place, ServiceArea
from tests.authz import PUBLIC, Entry


def build(world):
    world.place = Place.objects.create(
        slug="mairie", name="Mairie", kind=Place.Kind.TOWN_HALL, commune=world.commune,
        latitude=44.97, longitude=5.41,
    )  # fmt: skip
    world.service_area = ServiceArea.objects.create(name="Vercors drômois", slug="vercors")
    world.service_area.communes.set([world.commune])


ENTRIES = {
    "territory:map": Entry(get=PUBLIC),
    "api/v1/territory/communes": Entry(get=PUBLIC),
    "api/v1/territory/communes.geojson": Entry(get=PUBLIC),
    "api/v1/territory/communes/<insee_code>": Entry(
        get=PUBLIC, kwargs=lambda w: {"insee_code": w.commune.insee_code}
    ),
    "api/v1/territory/places": Entry(get=PUBLIC),
    "api/v1/territory/places.geojson": Entry(get=PUBLIC),
    "api/v1/territory/places/<place_id>": Entry(
        get=PUBLIC, kwargs=lambda w: {"place_id": w.place.pk}
    ),
    "api/v1/territory/service-areas": Entry(get=PUBLIC),
    "api/v1/territory/service-areas/<slug>": Entry(
        get=PUBLIC, kwargs=lambda w: {"slug": w.service_area.slug}
    ),
}
