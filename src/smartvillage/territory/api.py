"""Public read API of the territory (open data): communes, places, service areas, GeoJSON.

Mounted at /api/v1/territory/. Every filter is validated by its schema, so malformed input is
a 422 with field details, never a 500.
"""

from typing import Annotated, Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.params import functions as params
from pydantic import field_validator

from smartvillage.core.openapi import example
from smartvillage.territory import api_examples as ex
from smartvillage.territory.models import BBox, Commune, Place, ServiceArea

router = Router(tags=["territory"])

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
INSEE_PATTERN = r"^(?:\d{2}|2[AB])\d{3}$"
DEPARTEMENT_PATTERN = r"^(?:\d{2,3}|2[AB])$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
# Map clients re-fetch the layers on every page view; a few minutes of caching is harmless.
GEOJSON_MAX_AGE = 300
# Bounded: a 20-digit offset would overflow the database's integers (a 500).
MAX_OFFSET = 2**31 - 1


class Pagination(LimitOffsetPagination):
    """Limit/offset pagination with a bounded page size (a limit above the bound is a 422)."""

    class Input(Schema):
        limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class NotFound(Schema):
    detail: str


def _no_control_characters(value: str | None) -> str | None:
    # PostgreSQL refuses NUL in a string literal (a 500); other control characters are noise.
    if value is not None and any(ord(char) < 32 for char in value):
        raise ValueError("control characters are not allowed")
    return value


class Filters(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any) -> Any:
        # An HTML form sends "departement=" for "all": no filter, not a 422.
        return None if value == "" else value


# --- Communes ---------------------------------------------------------------------------------


class CommuneOut(Schema):
    insee_code: str
    name: str
    departement: str
    population: int
    latitude: float
    longitude: float
    postal_codes: list[str]
    altitude_m: int | None

    @staticmethod
    def resolve_postal_codes(obj: Commune) -> list[str]:
        return obj.postal_code_list


class CommuneFilters(Filters):
    departement: str | None = Field(None, pattern=DEPARTEMENT_PATTERN, examples=["26"])
    q: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Part of the name; case and accents are ignored.",
        examples=["chapelle en vercors"],
    )
    insee_code: str | None = Field(None, pattern=INSEE_PATTERN, examples=["26074"])
    min_population: int | None = Field(None, ge=0, le=10**9)

    _check_q = field_validator("q")(_no_control_characters)

    def apply(self, communes: QuerySet[Commune]) -> QuerySet[Commune]:
        if self.departement:
            communes = communes.filter(departement=self.departement)
        if self.insee_code:
            communes = communes.filter(insee_code=self.insee_code)
        if self.min_population is not None:
            communes = communes.filter(population__gte=self.min_population)
        if self.q:
            communes = communes.search(self.q)  # type: ignore[attr-defined]
        return communes


@router.get(
    "/communes",
    url_name="territory_communes",
    response=list[CommuneOut],
    summary="List communes",
    openapi_extra=example(ex.COMMUNES),
)
@paginate(Pagination)
def list_communes(request: HttpRequest, filters: Query[CommuneFilters]) -> Any:
    """Communes by name, with their INSEE code and centroid. A name search lists prefix
    matches first."""
    return filters.apply(Commune.objects.all())


class PointGeometry(Schema):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(..., description="[longitude, latitude] (RFC 7946)")


class CommuneProperties(Schema):
    insee_code: str
    name: str
    departement: str
    population: int
    postal_codes: list[str]


class CommuneFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: CommuneProperties


class CommuneCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[CommuneFeature]


def _point(longitude: float, latitude: float) -> dict[str, Any]:
    # Six decimals is ~0.1 m: more is noise on the wire.
    return {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]}


def _geojson_headers(response: HttpResponse) -> None:
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = f"public, max-age={GEOJSON_MAX_AGE}"


@router.get(
    "/communes.geojson",
    url_name="territory_communes_geojson",
    response=CommuneCollection,
    summary="Communes as GeoJSON points",
    openapi_extra=example(ex.COMMUNES_GEOJSON, "application/geo+json"),
)
def communes_geojson(
    request: HttpRequest, response: HttpResponse, filters: Query[CommuneFilters]
) -> dict[str, Any]:
    """A FeatureCollection of the communes' centroids, coordinates in [lon, lat] order."""
    communes = filters.apply(Commune.objects.all()).only(
        "insee_code", "name", "departement", "population", "postal_codes", "latitude", "longitude"
    )
    _geojson_headers(response)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": commune.insee_code,
                "geometry": _point(commune.longitude, commune.latitude),
                "properties": {
                    "insee_code": commune.insee_code,
                    "name": commune.name,
                    "departement": commune.departement,
                    "population": commune.population,
                    "postal_codes": commune.postal_code_list,
                },
            }
            for commune in communes
        ],
    }


@router.get(
    "/communes/{insee_code}",
    url_name="territory_commune",
    response={200: CommuneOut, 404: NotFound},
    summary="One commune",
    openapi_extra=example(ex.COMMUNE),
)
def get_commune(
    request: HttpRequest, insee_code: Annotated[str, params.Path(pattern=INSEE_PATTERN)]
) -> Any:
    return get_object_or_404(Commune, insee_code=insee_code)


# --- Places -----------------------------------------------------------------------------------


class PlaceOut(Schema):
    id: int
    name: str
    slug: str
    kind: Place.Kind
    kind_label: str
    latitude: float
    longitude: float
    commune: str = Field(..., description="INSEE code of the commune")
    commune_name: str
    address: str
    description: str

    @staticmethod
    def resolve_kind_label(obj: Place) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_commune(obj: Place) -> str:
        return obj.commune.insee_code

    @staticmethod
    def resolve_commune_name(obj: Place) -> str:
        return obj.commune.name


class PlaceFilters(Filters):
    kind: Place.Kind | None = None
    commune: str | None = Field(None, pattern=INSEE_PATTERN, description="INSEE code")
    departement: str | None = Field(None, pattern=DEPARTEMENT_PATTERN)
    area: str | None = Field(None, pattern=SLUG_PATTERN, description="Service area slug")
    bbox: str | None = Field(
        None,
        description="minlon,minlat,maxlon,maxlat (WGS 84 degrees)",
        examples=["5.2,44.8,5.7,45.3"],
    )

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, value: str | None) -> str | None:
        if value is not None:
            BBox.parse(value)  # raises ValueError with the reason
        return value

    def apply(self, places: QuerySet[Place]) -> QuerySet[Place]:
        if self.kind:
            places = places.filter(kind=self.kind)
        if self.commune:
            places = places.filter(commune__insee_code=self.commune)
        if self.departement:
            places = places.filter(commune__departement=self.departement)
        if self.area:
            # An unknown area gives an empty list, like any filter matching nothing.
            places = places.filter(commune__areas__slug=self.area)
        if self.bbox:
            places = places.in_bbox(BBox.parse(self.bbox))  # type: ignore[attr-defined]
        return places


def _places() -> QuerySet[Place]:
    return Place.objects.select_related("commune")


@router.get(
    "/places",
    url_name="territory_places",
    response=list[PlaceOut],
    summary="List places",
    openapi_extra=example(ex.PLACES),
)
@paginate(Pagination)
def list_places(request: HttpRequest, filters: Query[PlaceFilters]) -> Any:
    """Named places of the territory: stops, town halls, third places, health centres…"""
    return filters.apply(_places())


class PlaceProperties(Schema):
    id: int
    name: str
    slug: str
    kind: Place.Kind
    kind_label: str
    insee_code: str
    commune_name: str
    address: str


class PlaceFeature(Schema):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry
    properties: PlaceProperties


class PlaceCollection(Schema):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[PlaceFeature]


@router.get(
    "/places.geojson",
    url_name="territory_places_geojson",
    response=PlaceCollection,
    summary="Places as GeoJSON points",
    openapi_extra=example(ex.PLACES_GEOJSON, "application/geo+json"),
)
def places_geojson(
    request: HttpRequest, response: HttpResponse, filters: Query[PlaceFilters]
) -> dict[str, Any]:
    """A FeatureCollection of the places, coordinates in [lon, lat] order."""
    _geojson_headers(response)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": place.pk,
                "geometry": _point(place.longitude, place.latitude),
                "properties": {
                    "id": place.pk,
                    "name": place.name,
                    "slug": place.slug,
                    "kind": place.kind,
                    "kind_label": str(place.get_kind_display()),
                    "insee_code": place.commune.insee_code,
                    "commune_name": place.commune.name,
                    "address": place.address,
                },
            }
            for place in filters.apply(_places())
        ],
    }


@router.get(
    "/places/{place_id}",
    url_name="territory_place",
    response={200: PlaceOut, 404: NotFound},
    summary="One place",
    openapi_extra=example(ex.PLACE),
)
def get_place(request: HttpRequest, place_id: int) -> Any:
    return get_object_or_404(_places(), pk=place_id)


# --- Service areas ----------------------------------------------------------------------------


class ServiceAreaOut(Schema):
    name: str
    slug: str
    description: str
    communes: list[str] = Field(..., description="INSEE codes of the communes, sorted")

    @staticmethod
    def resolve_communes(obj: ServiceArea) -> list[str]:
        return [commune.insee_code for commune in obj.communes.all()]


def _areas() -> QuerySet[ServiceArea]:
    codes = Commune.objects.only("insee_code").order_by("insee_code")
    return ServiceArea.objects.prefetch_related(Prefetch("communes", queryset=codes))


@router.get(
    "/service-areas",
    url_name="territory_service_areas",
    response=list[ServiceAreaOut],
    summary="List service areas",
    openapi_extra=example(ex.SERVICE_AREAS),
)
@paginate(Pagination)
def list_service_areas(request: HttpRequest) -> Any:
    """Areas where a service operates (an intercommunality, a park, a DRT zone)."""
    return _areas()


@router.get(
    "/service-areas/{slug}",
    url_name="territory_service_area",
    response={200: ServiceAreaOut, 404: NotFound},
    summary="One service area",
    openapi_extra=example(ex.SERVICE_AREA),
)
def get_service_area(
    request: HttpRequest, slug: Annotated[str, params.Path(pattern=SLUG_PATTERN)]
) -> Any:
    return get_object_or_404(_areas(), slug=slug)
