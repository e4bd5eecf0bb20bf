"""Public read API of the open-data catalogue, mounted at /api/v1/opendata/: the datasets as
JSON and the DCAT-AP catalogue (the same document as /open-data/catalog)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.params import functions as params

from smartvillage.core.datasets import Dataset, all_datasets, get_dataset
from smartvillage.core.openapi import example
from smartvillage.opendata import views

router = Router(tags=["opendata"])

IDENTIFIER_PATTERN = r"^[-a-zA-Z0-9_]+$"


class OpendataDistributionOut(Schema):
    title: str
    url: str = Field(..., description="Path of the file on this site")
    media_type: str = Field(..., examples=["text/csv"])
    format: str = Field(..., examples=["CSV"])
    conforms_to: str = Field("", description="URI of the standard the file follows")
    schema_url: str = Field("", description="Table Schema of a CSV (empty otherwise)")


class OpendataDatasetOut(Schema):
    identifier: str = Field(..., description="Stable identifier (dct:identifier)")
    title: str
    description: str
    keywords: list[str]
    publisher: str
    licence: str = Field(..., description="URI of the licence")
    frequency: str = Field(..., description="EU frequency code", examples=["IRREG"])
    modified: datetime | None = Field(None, description="Last modification of the data")
    spatial: list[str] = Field(..., description="INSEE codes of the communes covered")
    temporal_start: date | None = None
    temporal_end: date | None = None
    page: str = Field(..., description="The dataset's page (its DCAT URI)")
    distributions: list[OpendataDistributionOut]


class OpendataNotFound(Schema):
    detail: str


DATASET_EXAMPLE: dict[str, Any] = {
    "identifier": "rideshare-hitchhiking-stops",
    "title": "Organised hitchhiking stops",
    "description": "The signed hitchhiking stops of the territory, in the national carpool "
    "places schema (BNLC) and as GeoJSON points.",
    "keywords": ["hitchhiking", "carpooling", "BNLC", "mobility"],
    "publisher": "Smart Village Vercors",
    "licence": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "frequency": "IRREG",
    "modified": "2026-11-28T10:12:00+01:00",
    "spatial": ["26074", "26364"],
    "temporal_start": None,
    "temporal_end": None,
    "page": "/open-data/datasets/rideshare-hitchhiking-stops/",
    "distributions": [
        {
            "title": "Stops in the BNLC schema (CSV)",
            "url": "/rideshare/stops.bnlc.csv",
            "media_type": "text/csv",
            "format": "CSV",
            "conforms_to": "https://schema.data.gouv.fr/etalab/schema-lieux-covoiturage/",
            "schema_url": "/open-data/datasets/rideshare-hitchhiking-stops/schema-0.json",
        }
    ],
}
TURTLE_EXAMPLE = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .

<https://example.org/open-data/catalog> a dcat:Catalog ;
    dct:title "Open data of Smart Village Vercors"@en ;
    dcat:dataset <https://example.org/open-data/datasets/rideshare-hitchhiking-stops/> .

<https://example.org/open-data/datasets/rideshare-hitchhiking-stops/> a dcat:Dataset ;
    dct:identifier "rideshare-hitchhiking-stops" ;
    dct:spatial <http://id.insee.fr/geo/commune/26074> .
"""


def _out(d: Dataset) -> dict[str, Any]:
    start, end = d.temporal or (None, None)
    return {
        "identifier": d.identifier,
        "title": str(d.title),
        "description": str(d.description),
        "keywords": [str(k) for k in d.keywords],
        "publisher": d.publisher.name,
        "licence": d.licence.uri,
        "frequency": d.frequency,
        "modified": d.modified,
        "spatial": list(d.spatial),
        "temporal_start": start,
        "temporal_end": end,
        "page": reverse("opendata:dataset", args=[d.identifier]),
        "distributions": [
            {
                "title": str(x.title),
                "url": views.distribution_url(x),
                "media_type": x.media_type,
                "format": x.format,
                "conforms_to": x.conforms_to,
                "schema_url": views.schema_url(d, i) if x.schema else "",
            }
            for i, x in enumerate(d.distributions)
        ],
    }


@router.get(
    "/datasets",
    url_name="opendata_datasets",
    response=list[OpendataDatasetOut],
    summary="List the open datasets",
    openapi_extra=example([DATASET_EXAMPLE]),
)
def list_datasets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every dataset the apps of the territory declare, by identifier, with its distributions
    (download URLs, media types, standards and Table Schemas)."""
    return [_out(d) for d in all_datasets()]


@router.get(
    "/datasets/{identifier}",
    url_name="opendata_dataset",
    response={200: OpendataDatasetOut, 404: OpendataNotFound},
    summary="One open dataset",
    openapi_extra=example(DATASET_EXAMPLE),
)
def get_one_dataset(
    request: HttpRequest,
    identifier: Annotated[
        str, params.Path(pattern=IDENTIFIER_PATTERN, examples=["thirdplaces-directory"])
    ],
) -> Any:
    dataset = get_dataset(identifier)
    if dataset is None:
        raise Http404
    return _out(dataset)


class OpendataCatalogQuery(Schema):
    format: Literal["turtle", "rdfxml", "jsonld", "ttl", "rdf", "xml", "json-ld"] | None = Field(
        None, description="Serialization; wins over the Accept header", examples=["jsonld"]
    )
    page: int = Field(1, ge=1, le=10**6, description="Page of 50 datasets (Hydra paging)")


@router.get(
    "/catalog",
    url_name="opendata_catalog",
    summary="The DCAT-AP catalogue",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "DCAT-AP 2.1 catalogue, paged with Hydra",
                "content": {
                    "text/turtle": {"schema": {"type": "string"}, "example": TURTLE_EXAMPLE},
                    "application/rdf+xml": {"schema": {"type": "string"}},
                    "application/ld+json": {"schema": {"type": "object"}},
                },
            },
            406: {"description": "The Accept header names no format we serve"},
        }
    },
)
def dcat_catalog(request: HttpRequest, query: Query[OpendataCatalogQuery]) -> HttpResponse:
    """The same document as ``/open-data/catalog``: Turtle, RDF/XML or JSON-LD by content
    negotiation or ``?format=``; ``?page=N``."""
    return views.catalog_response(request, query.format, query.page)
