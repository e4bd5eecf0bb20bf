"""Cross-app extension points: one registry per interface, filled by the apps that take part.

Service apps never import each other (import-linter contracts). When one needs what the others
offer — the journey planner asks every mobility service for options, the open-data catalogue
lists every app's datasets — core defines the interface and a :class:`Registry`, and each app
that takes part ships a module named after the interface (``<app>/mobility.py``) which
registers its provider when imported. The registry imports those modules on first use, the
way the Django admin discovers ``admin.py`` files (``autodiscover_modules``), so that adding
an app adds one module and touches nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


class Registry(Generic[T]):
    """Providers of one interface, by namespaced name (``"carsharing.stations"``)."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self._providers: dict[str, T] = {}
        self._discovered = False

    def register(self, name: str, provider: T) -> T:
        if "." not in name:
            raise ValueError(f"Names are namespaced by app (app.part), got {name!r}")
        if self._providers.get(name, provider) is not provider:
            raise ValueError(f"{name!r} is already registered in {self.module_name!r}")
        self._providers[name] = provider
        return provider

    def unregister(self, name: str) -> None:
        self._providers.pop(name, None)

    def discover(self) -> None:
        if not self._discovered:
            # Set first: a provider module may itself call the registry while it is imported.
            self._discovered = True
            autodiscover_modules(self.module_name)

    def items(self) -> list[tuple[str, T]]:
        """Every provider, sorted by name so that output is stable."""
        self.discover()
        return sorted(self._providers.items())

    def all(self) -> list[T]:
        return [provider for _, provider in self.items()]

    def get(self, name: str) -> T:
        self.discover()
        return self._providers[name]

    @contextmanager
    def only(self, **providers: T) -> Iterator[None]:
        """For tests: exactly these providers (names with ``__`` for ``.``) while inside."""
        self.discover()
        saved = self._providers
        self._providers = {name.replace("__", "."): p for name, p in providers.items()}
        try:
            yield
        finally:
            self._providers = saved
