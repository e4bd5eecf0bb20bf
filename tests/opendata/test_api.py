"""The open-data API /api/v1/opendata/: datasets as JSON, the DCAT catalogue, documented."""

import rdflib.namespace as ns
from rdflib import Graph

from smartvillage.core.datasets import all_datasets


def test_it_lists_the_datasets_with_their_distributions(client, territory):
    response = client.get("/api/v1/opendata/datasets")
    assert response.status_code == 200
    by_id = {d["identifier"]: d for d in response.json()}
    stops = by_id["rideshare-hitchhiking-stops"]
    assert stops["licence"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert stops["spatial"] == ["26074"]
    assert stops["distributions"][0]["url"] == "/rideshare/stops.bnlc.csv"
    assert stops["distributions"][0]["schema_url"].endswith("/schema-0.json")
    assert stops["modified"] is not None


def test_one_dataset_and_an_unknown_one(client, territory):
    response = client.get("/api/v1/opendata/datasets/thirdplaces-events")
    assert response.json()["temporal_start"] == territory.event.starts_at.date().isoformat()
    assert client.get("/api/v1/opendata/datasets/nope").status_code == 404
    assert client.get("/api/v1/opendata/datasets/n%20o").status_code == 422


def test_the_api_serves_the_same_catalogue(client, territory):
    response = client.get("/api/v1/opendata/catalog", {"format": "jsonld"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=response.content, format="json-ld")
    assert len(set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))) == len(all_datasets())
    assert client.get("/api/v1/opendata/catalog", {"format": "pdf"}).status_code == 422
    assert client.get("/api/v1/opendata/catalog", {"page": 0}).status_code == 422
    assert client.get("/api/v1/opendata/catalog", HTTP_ACCEPT="image/png").status_code == 406


def test_the_openapi_document_has_the_endpoints_with_examples(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    listing = paths["/api/v1/opendata/datasets"]["get"]["responses"]["200"]["content"]
    assert listing["application/json"]["example"][0]["identifier"]
    catalog = paths["/api/v1/opendata/catalog"]["get"]["responses"]["200"]["content"]
    assert {"text/turtle", "application/rdf+xml", "application/ld+json"} <= set(catalog)
    assert "dcat:Catalog" in catalog["text/turtle"]["example"]
