"""The catalogue in DCAT-AP 2.1 (and the DCAT-AP FR properties data.gouv.fr harvests), built
with rdflib (https://rdflib.readthedocs.io): one graph, serialized as Turtle, RDF/XML or
JSON-LD, paged with Hydra (``hydra:PartialCollectionView``, as the DCAT harvesters of
data.gouv.fr and the European data portal follow it).

URIs: the catalogue is its own URL; a dataset is its page on the site
(``/open-data/datasets/<identifier>/``) and carries its stable ``dct:identifier``; a
distribution is that page with a ``#distribution-N`` fragment; agents are fragments of the
catalogue. Communes are INSEE's URIs (``http://id.insee.fr/geo/commune/<code>``); frequencies,
themes, languages and file types are the EU authority tables DCAT-AP names.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from smartvillage.core.datasets import Agent, Dataset, latest

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
EU = "http://publications.europa.eu/resource/authority/"
INSEE_COMMUNE = "http://id.insee.fr/geo/commune/"
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = {"fr": "FRA", "en": "ENG"}
FILE_TYPES = {
    "text/csv": "CSV",
    "application/json": "JSON",
    "application/geo+json": "GEOJSON",
    "application/zip": "ZIP",
}

#: Serializations: (rdflib format, media type), by the names ``?format=`` accepts.
FORMATS = {
    "turtle": ("turtle", "text/turtle"),
    "rdfxml": ("xml", "application/rdf+xml"),
    "jsonld": ("json-ld", "application/ld+json"),
}
ALIASES = {"ttl": "turtle", "rdf": "rdfxml", "xml": "rdfxml", "json-ld": "jsonld", "json": "jsonld"}
MEDIA_TYPES = {media: name for name, (_fmt, media) in FORMATS.items()}


def format_for(query: str | None, accept: str) -> str | None:
    """The serialization asked for: ``?format=`` first, else the Accept header (q-values
    honoured), Turtle for ``*/*`` or no header; None when nothing we serve is acceptable."""
    if query:
        key = query.lower()
        key = ALIASES.get(key, key)
        return key if key in FORMATS else None
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media.lower() in ("*/*", "text/*", "application/*", ""):
            name: str | None = "turtle" if media.lower() != "application/*" else "rdfxml"
        else:
            name = MEDIA_TYPES.get(media.lower())
            if name is None and media.lower() == "application/json":
                name = "jsonld"
        if name and q > 0:
            choices.append((q, -position, name))
    if not accept.strip():
        return "turtle"
    return max(choices)[2] if choices else None


@dataclass
class Page:
    number: int
    size: int
    total: int

    @property
    def last(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def _lit(value: object) -> Literal:
    return Literal(str(value))


def _date(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


class CatalogGraph:
    """Builds the graph of one page of the catalogue."""

    def __init__(self, absolute: Callable[[str], str], catalog_url: str) -> None:
        self.absolute = absolute
        self.catalog = URIRef(catalog_url)
        self.graph = Graph()
        for prefix, ns in {
            "dcat": DCAT, "dct": DCTERMS, "foaf": FOAF, "vcard": VCARD, "hydra": HYDRA,
            "skos": SKOS, "adms": ADMS,
        }.items():  # fmt: skip
            self.graph.bind(prefix, ns)

    def agent(self, agent: Agent) -> URIRef:
        node = URIRef(f"{self.catalog}#agent-{agent.slug or 'platform'}")
        g = self.graph
        g.add((node, RDF.type, FOAF.Agent))
        g.add((node, FOAF.name, Literal(agent.name)))
        if agent.url:
            g.add((node, FOAF.homepage, URIRef(agent.url)))
        if agent.email:
            g.add((node, FOAF.mbox, URIRef(f"mailto:{agent.email}")))
        return node

    def contact(self, agent: Agent) -> URIRef:
        node = URIRef(f"{self.catalog}#contact-{agent.slug or 'platform'}")
        g = self.graph
        g.add((node, RDF.type, VCARD.Organization))
        g.add((node, VCARD.fn, Literal(agent.name)))
        if agent.email:
            g.add((node, VCARD.hasEmail, URIRef(f"mailto:{agent.email}")))
        if agent.url:
            g.add((node, VCARD.hasURL, URIRef(agent.url)))
        return node

    def texts(self, node: URIRef, predicate: URIRef, texts: dict[str, str]) -> None:
        for language, text in texts.items():
            if text:
                self.graph.add((node, predicate, Literal(text, lang=language)))

    def catalog_node(
        self, title: dict[str, str], description: dict[str, str], publisher: Agent
    ) -> None:
        g, c = self.graph, self.catalog
        g.add((c, RDF.type, DCAT.Catalog))
        self.texts(c, DCTERMS.title, title)
        self.texts(c, DCTERMS.description, description)
        g.add((c, DCTERMS.publisher, self.agent(publisher)))
        g.add((c, FOAF.homepage, URIRef(self.absolute("/open-data/"))))
        for code in LANGUAGES.values():
            g.add((c, DCTERMS.language, URIRef(f"{EU}language/{code}")))

    def dataset(
        self, by_language: dict[str, Dataset], landing: str, urls: list[str], page: str = ""
    ) -> URIRef:
        """One dataset, from its declaration rendered in each language of the site."""
        g = self.graph
        d = next(iter(by_language.values()))
        node = URIRef(self.absolute(landing))
        g.add((self.catalog, DCAT.dataset, node))
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((node, DCTERMS.identifier, Literal(d.identifier)))
        self.texts(node, DCTERMS.title, {k: str(v.title) for k, v in by_language.items()})
        self.texts(
            node, DCTERMS.description, {k: str(v.description) for k, v in by_language.items()}
        )
        for language, version in by_language.items():
            for keyword in version.keywords:
                g.add((node, DCAT.keyword, Literal(str(keyword), lang=language)))
        g.add((node, DCTERMS.publisher, self.agent(d.publisher)))
        g.add((node, DCAT.contactPoint, self.contact(d.contact or d.publisher)))
        g.add((node, DCAT.landingPage, node))
        if page:
            g.add((node, FOAF.page, URIRef(self.absolute(page))))
        g.add((node, DCAT.theme, URIRef(f"{EU}data-theme/{d.theme}")))
        g.add((node, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/{d.frequency}")))
        g.add((node, DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")))
        if d.modified:
            g.add((node, DCTERMS.modified, _date(d.modified)))
        for code in d.spatial:
            commune = URIRef(f"{INSEE_COMMUNE}{code}")
            g.add((node, DCTERMS.spatial, commune))
            g.add((commune, RDF.type, DCTERMS.Location))
            g.add((commune, SKOS.notation, Literal(code)))
        if d.temporal:
            period = BNode()
            g.add((node, DCTERMS.temporal, period))
            g.add((period, RDF.type, DCTERMS.PeriodOfTime))
            start, end = d.temporal
            if start:
                g.add((period, DCAT.startDate, _date(start)))
            if end:
                g.add((period, DCAT.endDate, _date(end)))
        for index, url in enumerate(urls):
            self.distribution(node, d, index, url, by_language)
        return node

    def distribution(
        self, dataset: URIRef, d: Dataset, index: int, url: str, by_language: dict[str, Dataset]
    ) -> None:
        g = self.graph
        dist = d.distributions[index]
        node = URIRef(f"{dataset}#distribution-{index}")
        g.add((dataset, DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        self.texts(
            node,
            DCTERMS.title,
            {k: str(v.distributions[index].title) for k, v in by_language.items()},
        )
        g.add((node, DCAT.accessURL, URIRef(url)))
        g.add((node, DCAT.downloadURL, URIRef(url)))
        media = URIRef(f"{IANA}{dist.media_type}")
        g.add((node, DCAT.mediaType, media))
        g.add((media, RDF.type, DCTERMS.MediaType))
        if dist.media_type in FILE_TYPES:
            g.add((node, DCTERMS["format"], URIRef(f"{EU}file-type/{FILE_TYPES[dist.media_type]}")))
        licence = URIRef(d.licence.uri)
        g.add((node, DCTERMS.license, licence))
        g.add((licence, RDF.type, DCTERMS.LicenseDocument))
        g.add((licence, DCTERMS.title, Literal(d.licence.title)))
        standards = [dist.conforms_to] if dist.conforms_to else []
        if dist.schema is not None:
            standards.append(
                self.absolute(f"/open-data/datasets/{d.identifier}/schema-{index}.json")
            )
        for standard in standards:
            ref = URIRef(standard)
            g.add((node, DCTERMS.conformsTo, ref))
            g.add((ref, RDF.type, DCTERMS.Standard))
        if d.modified:
            g.add((node, DCTERMS.modified, _date(d.modified)))

    def paging(self, page: Page, page_url: Callable[[int], str]) -> None:
        g = self.graph
        view = URIRef(page_url(page.number))
        g.add((self.catalog, HYDRA.view, view))
        g.add((view, RDF.type, HYDRA.PartialCollectionView))
        g.add((view, HYDRA.totalItems, Literal(page.total, datatype=XSD.integer)))
        g.add((view, HYDRA.itemsPerPage, Literal(page.size, datatype=XSD.integer)))
        g.add((view, HYDRA.first, URIRef(page_url(1))))
        g.add((view, HYDRA.last, URIRef(page_url(page.last))))
        if page.number > 1:
            g.add((view, HYDRA.previous, URIRef(page_url(page.number - 1))))
        if page.number < page.last:
            g.add((view, HYDRA.next, URIRef(page_url(page.number + 1))))

    def set_modified(self, datasets: Sequence[Dataset]) -> None:
        modified = latest(*(d.modified for d in datasets))
        if modified:
            self.graph.add((self.catalog, DCTERMS.modified, _date(modified)))


def in_languages(load: Callable[[], list[Dataset]]) -> dict[str, list[Dataset]]:
    """The declarations rendered in each language of the site (titles are translated)."""
    out = {}
    for language in LANGUAGES:
        with translation.override(language):
            out[language] = [
                _rendered(d) for d in load()
            ]  # lazy strings resolved while the language is active
    return out


def _rendered(d: Dataset) -> Dataset:
    d.title = str(d.title)
    d.description = str(d.description)
    d.keywords = [str(k) for k in d.keywords]
    for dist in d.distributions:
        dist.title = str(dist.title)
    return d


def serialize(graph: Graph, name: str) -> bytes:
    rdflib_format, _media = FORMATS[name]
    if name == "jsonld":
        context = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return graph.serialize(format=rdflib_format, context=context, auto_compact=True).encode()
    return graph.serialize(format=rdflib_format, encoding="utf-8")
