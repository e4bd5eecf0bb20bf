"""What the platform publishes as open data: each app declares its datasets here.

An app that publishes ships ``<app>/datasets.py`` with one or more providers::

    from smartvillage.core.datasets import Dataset, Distribution, declare

    @declare("carsharing.gbfs")
    def gbfs() -> list[Dataset]:
        return [Dataset(identifier="carsharing-gbfs", ...)]

A provider is a function returning the app's datasets *now* (one per service, per month…),
read from its own data, so that the catalogue (``opendata``) needs to import no app: it walks
this registry (:data:`registry`, autodiscovered like ``admin.py``). Dataset identifiers are
stable strings, unique across the platform: :func:`all_datasets` refuses a duplicate, so
nothing is listed twice.

Table Schema (https://specs.frictionlessdata.io/table-schema/) describes each CSV export:
:func:`field` and :func:`table_schema` build the descriptors, a distribution carries its
own and the catalogue serves it next to the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from smartvillage.core.providers import Registry

Text = str | Promise  # a plain or lazily translated string


@dataclass(frozen=True)
class Licence:
    """A licence, named by a stable URI (what ``dct:license`` points to)."""

    uri: str
    title: str
    short: str


LICENCE_OUVERTE_2 = Licence(
    uri="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    title="Licence Ouverte / Open Licence version 2.0",
    short="Licence Ouverte 2.0",
)
ODBL = Licence(
    uri="https://opendatacommons.org/licenses/odbl/1-0/",
    title="Open Database License (ODbL) 1.0",
    short="ODbL 1.0",
)


@dataclass(frozen=True)
class Agent:
    """Who publishes a dataset, or whom to contact about it (an organisation)."""

    name: str
    slug: str = ""
    email: str = ""
    url: str = ""


# Update frequencies, as the EU "frequency" authority table names them (DCAT-AP's
# dct:accrualPeriodicity values): http://publications.europa.eu/resource/authority/frequency/
FREQUENCIES: dict[str, Text] = {
    "CONT": _("continuously"),
    "DAILY": _("daily"),
    "WEEKLY": _("weekly"),
    "MONTHLY": _("monthly"),
    "ANNUAL": _("yearly"),
    "IRREG": _("irregularly"),
}


@dataclass
class Distribution:
    """One downloadable form of a dataset: a URL of the platform and its media type.

    ``url_name``/``url_kwargs`` name a Django URL (reversed by the catalogue, which knows the
    site's address); ``schema`` is the Table Schema of a CSV; ``conforms_to`` the URI of the
    standard the file follows (GTFS, GBFS, the BNLC schema, iCalendar…).
    """

    title: Text
    url_name: str
    media_type: str
    format: str
    url_kwargs: dict[str, Any] = dc_field(default_factory=dict)
    query: str = ""
    conforms_to: str = ""
    schema: dict[str, Any] | None = None
    description: Text = ""

    @property
    def previewable(self) -> bool:
        return self.media_type in {"text/csv", "application/geo+json"}


@dataclass
class Dataset:
    """A dataset the territory publishes (DCAT-AP's dcat:Dataset)."""

    identifier: str
    title: Text
    description: Text
    publisher: Agent
    distributions: list[Distribution]
    keywords: Sequence[Text] = ()
    contact: Agent | None = None
    licence: Licence = LICENCE_OUVERTE_2
    frequency: str = "IRREG"
    modified: datetime | None = None
    spatial: Sequence[str] = ()  # INSEE codes of the communes it covers
    temporal: tuple[date | None, date | None] | None = None
    theme: str = "TRAN"  # EU data theme (TRAN transport, SOCI society, GOVE government…)
    landing_url_name: str = ""
    landing_url_kwargs: dict[str, Any] = dc_field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"Unknown frequency {self.frequency!r} for {self.identifier!r}")
        if not self.distributions:
            raise ValueError(f"Dataset {self.identifier!r} has no distribution")

    @property
    def frequency_label(self) -> Text:
        return FREQUENCIES[self.frequency]

    @property
    def formats(self) -> list[str]:
        return sorted({d.format for d in self.distributions})


GEOJSON = "https://www.rfc-editor.org/rfc/rfc7946"
ICALENDAR = "https://www.rfc-editor.org/rfc/rfc5545"

Provider = Callable[[], Iterable[Dataset]]

registry: Registry[Provider] = Registry("datasets")


#: Table Schemas of the CSV exports that are not open datasets (a manager's statement, a
#: staff export...), by namespaced name; the catalogue serves them too.
schemas: Registry[dict[str, Any]] = Registry("datasets")


def register_schema(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return schemas.register(name, schema)


def declare(name: str) -> Callable[[Provider], Provider]:
    """Register a dataset provider under a namespaced name (``"ondemand.gtfs_flex"``)."""

    def decorator(provider: Provider) -> Provider:
        return registry.register(name, provider)

    return decorator


def all_datasets() -> list[Dataset]:
    """Every dataset of every provider, by identifier; a duplicate identifier is an error."""
    seen: dict[str, Dataset] = {}
    for name, provider in registry.items():
        for dataset in provider():
            if dataset.identifier in seen:
                raise ValueError(f"Dataset {dataset.identifier!r} is declared twice ({name})")
            seen[dataset.identifier] = dataset
    return [seen[key] for key in sorted(seen)]


def get_dataset(identifier: str) -> Dataset | None:
    return next((d for d in all_datasets() if d.identifier == identifier), None)


def latest(*values: datetime | None) -> datetime | None:
    """The most recent of some "last modified" values (each may be missing)."""
    present = [v for v in values if v is not None]
    return max(present) if present else None


# --- Months (the period of the monthly statistics) ------------------------------------------

MAX_MONTHS = 120


def month_end(month: date) -> date:
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def months(first: date, today: date) -> list[date]:
    """First days of the months from ``first``'s to ``today``'s (at most MAX_MONTHS, the
    latest)."""
    month, out = first.replace(day=1), []
    while month <= today:
        out.append(month)
        month = month_end(month) + timedelta(days=1)
    return out[-MAX_MONTHS:]


# --- Table Schema ---------------------------------------------------------------------------


def field(
    name: str,
    type: str = "string",
    description: str = "",
    *,
    required: bool = False,
    unique: bool = False,
    enum: Sequence[str] | None = None,
    pattern: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One Table Schema field descriptor (types: string, integer, number, boolean, date,
    datetime, time, year, yearmonth…)."""
    out: dict[str, Any] = {"name": name, "type": type, **extra}
    if description:
        out["description"] = description
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    if enum is not None:
        constraints["enum"] = list(enum)
    if pattern:
        constraints["pattern"] = pattern
    if minimum is not None:
        constraints["minimum"] = minimum
    if maximum is not None:
        constraints["maximum"] = maximum
    if constraints:
        out["constraints"] = constraints
    return out


INSEE_PATTERN = r"[0-9][0-9AB][0-9]{3}"
INSEE_LIST_PATTERN = rf"({INSEE_PATTERN}( {INSEE_PATTERN})*)?"


def insee_field(
    name: str = "insee", description: str = "INSEE code of the commune"
) -> dict[str, Any]:
    return field(name, "string", description, pattern=INSEE_PATTERN)


def table_schema(
    fields: Sequence[dict[str, Any]],
    *,
    primary_key: Sequence[str] = (),
    true_values: Sequence[str] = ("true",),
    false_values: Sequence[str] = ("false",),
    missing_values: Sequence[str] = ("",),
) -> dict[str, Any]:
    """A Table Schema descriptor. Booleans are written ``true``/``false`` by our exports."""
    schema: dict[str, Any] = {
        "fields": [dict(f) for f in fields],
        "missingValues": list(missing_values),
    }
    for f in schema["fields"]:
        if f["type"] == "boolean":
            f.setdefault("trueValues", list(true_values))
            f.setdefault("falseValues", list(false_values))
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    return schema


# --- Agents ---------------------------------------------------------------------------------


def platform_agent() -> Agent:
    """The territory's platform itself, publisher of the datasets that span organisations."""
    from django.conf import settings

    return Agent(name=settings.SITE_NAME, slug="platform", email=settings.CONTACT_EMAIL)


def organisation_agent(organisation: Any) -> Agent:
    """An organisation (accounts.Organisation) as publisher or contact point."""
    return Agent(
        name=organisation.name,
        slug=organisation.slug,
        email=organisation.email,
        url=organisation.website,
    )
