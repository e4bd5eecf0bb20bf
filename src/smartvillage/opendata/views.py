"""The open-data catalogue: every dataset the apps declare (core/datasets.py), as a page for
people and as a DCAT-AP catalogue for harvesters (dcat.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartvillage.core.datasets import (
    Dataset,
    Distribution,
    all_datasets,
    get_dataset,
    platform_agent,
    schemas,
)
from smartvillage.opendata import dcat
from smartvillage.opendata import preview as previews

PAGE_SIZE = 50


def distribution_url(distribution: Distribution) -> str:
    url = reverse(distribution.url_name, kwargs=distribution.url_kwargs)
    return f"{url}?{distribution.query}" if distribution.query else url


def schema_url(dataset: Dataset, index: int) -> str:
    return reverse("opendata:schema", kwargs={"identifier": dataset.identifier, "index": index})


def _rows(dataset: Dataset) -> list[dict[str, Any]]:
    return [
        {
            "distribution": d,
            "url": distribution_url(d),
            "schema_url": schema_url(dataset, i) if d.schema else "",
        }
        for i, d in enumerate(dataset.distributions)
    ]


def _landing(dataset: Dataset) -> str:
    """The page of the service the dataset comes from."""
    if not dataset.landing_url_name:
        return ""
    return reverse(dataset.landing_url_name, kwargs=dataset.landing_url_kwargs)


def _get(identifier: str) -> Dataset:
    dataset = get_dataset(identifier)
    if dataset is None:
        raise Http404
    return dataset


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    datasets = [{"dataset": d, "distributions": _rows(d)} for d in all_datasets()]
    context = {
        "datasets": datasets,
        "catalog_url": reverse("opendata:catalog"),
        "export_schemas": [name for name, _schema in schemas.items()],
    }
    return render(request, "opendata/catalogue.html", context)


@require_GET
def dataset(request: HttpRequest, identifier: str) -> HttpResponse:
    data = _get(identifier)
    rows = _rows(data)
    for row in rows:
        row["preview"] = previews.preview(request, row["distribution"], row["url"])
    context = {"dataset": data, "distributions": rows, "landing_url": _landing(data)}
    return render(request, "opendata/dataset.html", context)


@require_GET
def schema(request: HttpRequest, identifier: str, index: int) -> JsonResponse:
    """The Table Schema of one CSV distribution (frictionless, Table Schema v1)."""
    data = _get(identifier)
    if index >= len(data.distributions) or data.distributions[index].schema is None:
        raise Http404
    response = JsonResponse(data.distributions[index].schema, json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def export_schema(request: HttpRequest, name: str) -> JsonResponse:
    """The Table Schema of a CSV export that is not an open dataset (a statement...)."""
    try:
        descriptor = schemas.get(name)
    except KeyError:
        raise Http404 from None
    response = JsonResponse(descriptor, json_dumps_params={"indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _page_number(request: HttpRequest) -> int | None:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10**6:
        return None
    return int(raw)


def _texts(text: Any) -> dict[str, str]:
    out = {}
    for language in dcat.LANGUAGES:
        with translation.override(language):
            out[language] = str(text)
    return out


@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP catalogue: Turtle, RDF/XML or JSON-LD (Accept header or ``?format=``),
    ``?page=N`` of PAGE_SIZE datasets."""
    number = _page_number(request)
    if number is None:
        return HttpResponse(
            _("page: a whole number from 1."), status=400, content_type="text/plain; charset=utf-8"
        )
    return catalog_response(request, request.GET.get("format"), number)


def catalog_response(request: HttpRequest, fmt: str | None, number: int) -> HttpResponse:
    """The catalogue's page ``number`` in the serialization asked for (``fmt`` or Accept)."""
    name = dcat.format_for(fmt, request.headers.get("Accept", ""))
    if name is None:
        formats = ", ".join([*dcat.FORMATS, *(media for _f, media in dcat.FORMATS.values())])
        return HttpResponse(
            _("Unknown format; use one of: %(formats)s.") % {"formats": formats},
            status=400 if fmt else 406,
            content_type="text/plain; charset=utf-8",
        )
    by_language = dcat.in_languages(all_datasets)
    page = dcat.Page(number=number, size=PAGE_SIZE, total=len(by_language["fr"]))
    if number > page.last:
        raise Http404
    base = request.build_absolute_uri(reverse("opendata:catalog"))
    builder = dcat.CatalogGraph(request.build_absolute_uri, base)
    builder.catalog_node(
        _texts(_("Open data of %(site)s") % {"site": settings.SITE_NAME}),
        _texts(_("Every dataset the services of the territory publish.")),
        platform_agent(),
    )
    builder.set_modified(by_language["fr"])
    start = (number - 1) * PAGE_SIZE
    for i in range(start, min(start + PAGE_SIZE, page.total)):
        versions = {language: items[i] for language, items in by_language.items()}
        d = versions["fr"]
        urls = [request.build_absolute_uri(distribution_url(x)) for x in d.distributions]
        builder.dataset(
            versions, reverse("opendata:dataset", args=[d.identifier]), urls, _landing(d)
        )

    def page_url(n: int) -> str:
        return f"{base}?page={n}" + (f"&format={name}" if fmt else "")

    builder.paging(page, page_url)
    response = HttpResponse(
        dcat.serialize(builder.graph, name), content_type=f"{dcat.FORMATS[name][1]}; charset=utf-8"
    )
    response["Vary"] = "Accept"
    response["Access-Control-Allow-Origin"] = "*"
    return response
