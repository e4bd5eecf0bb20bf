"""The agenda interface: public events any app publishes (network meetings, third-place events).

Apps with public events ship ``<app>/agenda.py`` registering a provider (see
``core/providers.py``). Other apps (event carpooling, the open-data catalogue) read events here
by a stable key such as ``"thirdplaces.event:12"``, without importing the app that holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from smartvillage.core.providers import Registry


@dataclass(frozen=True)
class PublicEvent:
    key: str  # "<app>.event:<pk>", stable: other apps store it
    title: str
    starts_at: datetime  # aware
    ends_at: datetime
    place_name: str
    latitude: float | None
    longitude: float | None
    url: str  # the event's public page
    cancelled: bool = False


class AgendaProvider(Protocol):
    prefix: str  # the part of the key before ":" (e.g. "thirdplaces.event")

    def between(self, start: datetime, end: datetime) -> list[PublicEvent]: ...

    def get(self, key: str) -> PublicEvent | None: ...


registry: Registry[AgendaProvider] = Registry("agenda")


def between(start: datetime, end: datetime) -> list[PublicEvent]:
    """Public events overlapping [start, end) from every app, in start order."""
    events = [e for provider in registry.all() for e in provider.between(start, end)]
    return sorted(events, key=lambda e: (e.starts_at, e.title, e.key))


def get(key: str) -> PublicEvent | None:
    """The event with this key, or None if it is gone or not public."""
    prefix = key.partition(":")[0]
    for provider in registry.all():
        if provider.prefix == prefix:
            return provider.get(key)
    return None
