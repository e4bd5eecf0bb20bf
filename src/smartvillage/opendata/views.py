"""The open-data catalogue: every dataset the apps declare (core/datasets.py), as a page for
people and as a DCAT-AP catalogue for harvesters (dcat.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from smartvillage.core.datasets import Dataset, Distribution, all_datasets, get_dataset
from smartvillage.opendata import preview as previews


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


def _get(identifier: str) -> Dataset:
    dataset = get_dataset(identifier)
    if dataset is None:
        raise Http404
    return dataset


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    datasets = [{"dataset": d, "distributions": _rows(d)} for d in all_datasets()]
    return render(request, "opendata/catalogue.html", {"datasets": datasets})


@require_GET
def dataset(request: HttpRequest, identifier: str) -> HttpResponse:
    data = _get(identifier)
    rows = _rows(data)
    for row in rows:
        row["preview"] = previews.preview(request, row["distribution"], row["url"])
    landing = (
        reverse(data.landing_url_name, kwargs=data.landing_url_kwargs)
        if data.landing_url_name
        else ""
    )
    context = {"dataset": data, "distributions": rows, "landing_url": landing}
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
