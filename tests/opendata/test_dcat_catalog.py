"""The DCAT-AP catalogue /open-data/catalog: parsed back with rdflib and validated against the
DCAT-AP 2.1.1 SHACL shapes with pyshacl."""

from pathlib import Path

import pytest
import rdflib.namespace as ns
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph, Literal, URIRef

import smartvillage.opendata
from smartvillage.core.datasets import all_datasets
from smartvillage.opendata import views

SHAPES = Path(smartvillage.opendata.__file__).parent / "data/shacl/dcat-ap_2.1.1_shacl_shapes.ttl"
HYDRA = "http://www.w3.org/ns/hydra/core#"


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(SHAPES, format="turtle")


def _graph(client, fmt="turtle", **kwargs):
    response = client.get(reverse("opendata:catalog"), **kwargs)
    assert response.status_code == 200
    return response, Graph().parse(data=response.content, format=fmt)


def _dataset(graph, identifier):
    return next(graph.subjects(ns.DCTERMS.identifier, Literal(identifier)))


def test_it_conforms_to_the_dcat_ap_shapes(client, territory, shapes):
    _response, graph = _graph(client)
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_the_shapes_catch_a_dataset_without_title(client, territory, shapes):
    """The validation can fail: a dataset stripped of its title is reported."""
    _response, graph = _graph(client)
    node = _dataset(graph, "thirdplaces-directory")
    graph.remove((node, ns.DCTERMS.title, None))
    conforms, _report, text = validate(graph, shacl_graph=shapes, inference="none")
    assert not conforms
    assert "title" in text


def test_it_describes_each_dataset(client, territory):
    _response, graph = _graph(client)
    catalog = next(graph.subjects(ns.RDF.type, ns.DCAT.Catalog))
    datasets = set(graph.objects(catalog, ns.DCAT.dataset))
    assert len(datasets) == len(all_datasets())
    node = _dataset(graph, "ondemand-tad-gtfs-flex")
    assert {str(t) for t in graph.objects(node, ns.DCTERMS.title)} == {
        "TAD La Paz : transport à la demande (GTFS-Flex)",
        "TAD La Paz: on-demand transport (GTFS-Flex)",
    }
    assert set(graph.objects(node, ns.DCTERMS.spatial)) == {
        URIRef("http://id.insee.fr/geo/commune/26074"),
        URIRef("http://id.insee.fr/geo/commune/26364"),
    }
    publisher = next(graph.objects(node, ns.DCTERMS.publisher))
    assert str(next(graph.objects(publisher, URIRef("http://xmlns.com/foaf/0.1/name")))) == (
        "Centre social La Paz"
    )
    contact = next(graph.objects(node, ns.DCAT.contactPoint))
    assert URIRef("mailto:contact@lapaz.example") in set(graph.objects(contact, None))
    assert next(graph.objects(node, ns.DCTERMS.modified)).datatype is not None


def test_distributions_carry_media_type_licence_and_standard(client, territory):
    _response, graph = _graph(client)
    node = _dataset(graph, "rideshare-hitchhiking-stops")
    by_media = {
        str(next(graph.objects(dist, ns.DCAT.mediaType))): dist
        for dist in graph.objects(node, ns.DCAT.distribution)
    }
    csv = by_media["https://www.iana.org/assignments/media-types/text/csv"]
    assert next(graph.objects(csv, ns.DCTERMS.license)) == URIRef(
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    )
    standards = {str(s) for s in graph.objects(csv, ns.DCTERMS.conformsTo)}
    assert "https://schema.data.gouv.fr/etalab/schema-lieux-covoiturage/" in standards
    assert any(s.endswith("/open-data/datasets/rideshare-hitchhiking-stops/schema-0.json")
               for s in standards)  # fmt: skip
    download = str(next(graph.objects(csv, ns.DCAT.downloadURL)))
    assert download == "http://testserver" + reverse("rideshare:stops_bnlc")


def test_events_have_a_temporal_coverage(client, territory):
    _response, graph = _graph(client)
    node = _dataset(graph, "thirdplaces-events")
    period = next(graph.objects(node, ns.DCTERMS.temporal))
    assert (
        next(graph.objects(period, ns.DCAT.startDate)).toPython()
        == territory.event.starts_at.date()
    )


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/html;q=0.9, application/ld+json;q=0.8, application/rdf+xml;q=0.95",
         "application/rdf+xml", "xml"),
        ("*/*", "text/turtle", "turtle"),
    ],
)  # fmt: skip
def test_it_negotiates_the_serialization(client, territory, accept, media, fmt):
    response, graph = _graph(client, fmt, HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith(media)
    assert "Accept" in response["Vary"].split(", ")
    assert len(set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))) == len(all_datasets())


@pytest.mark.parametrize(
    ("query", "fmt"), [("jsonld", "json-ld"), ("rdf", "xml"), ("ttl", "turtle")]
)
def test_format_parameter_wins_over_accept(client, territory, query, fmt):
    response = client.get(reverse("opendata:catalog"), {"format": query}, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format=fmt)
    assert len(set(graph.subjects(ns.RDF.type, ns.DCAT.Dataset))) == len(all_datasets())


def test_an_unknown_format_is_a_400(client, db):
    response = client.get(reverse("opendata:catalog"), {"format": "pdf"})
    assert response.status_code == 400
    assert b"turtle" in response.content


def test_an_unacceptable_accept_header_is_a_406(client, db):
    assert client.get(reverse("opendata:catalog"), HTTP_ACCEPT="image/png").status_code == 406


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1" * 30])
def test_a_bad_page_is_a_400(client, db, page):
    assert client.get(reverse("opendata:catalog"), {"page": page}).status_code == 400


def test_it_pages_with_hydra(client, territory, monkeypatch, shapes):
    total = len(all_datasets())
    size = 5
    last = -(-total // size)
    assert last >= 3  # the fixture publishes enough datasets for three pages
    monkeypatch.setattr(views, "PAGE_SIZE", size)

    def page(n):
        response = client.get(reverse("opendata:catalog"), {"page": n})
        return URIRef(f"http://testserver/open-data/catalog?page={n}"), Graph().parse(
            data=response.content, format="turtle"
        )

    seen: set[str] = set()
    for n in range(1, last + 1):
        view, graph = page(n)
        assert (view, ns.RDF.type, URIRef(HYDRA + "PartialCollectionView")) in graph
        assert int(next(graph.objects(view, URIRef(HYDRA + "totalItems")))) == total
        ids = {str(i) for i in graph.objects(None, ns.DCTERMS.identifier)}
        assert len(ids) == (size if n < last else total - size * (last - 1))
        assert ids.isdisjoint(seen)
        seen |= ids
        nxt = set(graph.objects(view, URIRef(HYDRA + "next")))
        prev = set(graph.objects(view, URIRef(HYDRA + "previous")))
        assert nxt == ({page(n + 1)[0]} if n < last else set())
        assert prev == ({page(n - 1)[0]} if n > 1 else set())
        assert validate(graph, shacl_graph=shapes, inference="none")[0]
    assert len(seen) == total
    assert client.get(reverse("opendata:catalog"), {"page": last + 1}).status_code == 404


def test_identifiers_are_stable_across_requests(client, territory):
    ids = [sorted(str(i) for i in _graph(client)[1].objects(None, ns.DCTERMS.identifier))
           for _ in range(2)]  # fmt: skip
    assert ids[0] == ids[1]
