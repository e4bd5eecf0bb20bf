"""The figures interface: live figures of the services an app runs (trips this month, members,
bookings), for pages that describe them without importing the app (the hub's experience
sheets show the figures of the service that runs the initiative).

Apps ship ``<app>/figures.py`` registering a provider (see ``core/providers.py``). A service is
named by a stable key, ``"<prefix>:<id>"`` (``"carsharing.service:vercors-autopartage"``),
that other apps store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from smartvillage.core.providers import Registry


@dataclass(frozen=True)
class Figure:
    label: str  # translated, for people
    value: int | float | str
    unit: str = ""


@dataclass(frozen=True)
class Service:
    key: str  # "<prefix>:<id>", stable
    name: str
    url: str  # the service's public page


class FiguresProvider(Protocol):
    prefix: str  # the part of the key before ":"

    def services(self) -> list[Service]: ...

    def figures(self, key: str) -> list[Figure] | None: ...


registry: Registry[FiguresProvider] = Registry("figures")


def _provider(key: str) -> FiguresProvider | None:
    prefix = key.partition(":")[0]
    return next((p for p in registry.all() if p.prefix == prefix), None)


def services() -> list[Service]:
    """Every service of every app that provides figures, by name."""
    return sorted((s for p in registry.all() for s in p.services()), key=lambda s: s.name)


def service(key: str) -> Service | None:
    provider = _provider(key)
    if provider is None:
        return None
    return next((s for s in provider.services() if s.key == key), None)


def figures(key: str) -> list[Figure] | None:
    """The live figures of the service with this key; None if it is unknown or gone."""
    provider = _provider(key)
    return provider.figures(key) if provider else None
