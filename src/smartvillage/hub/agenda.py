"""The hub's network events in the agenda interface (core/agenda.py)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from smartvillage.core import agenda
from smartvillage.hub.models import Event


def _public(event: Event) -> agenda.PublicEvent:
    return agenda.PublicEvent(
        key=f"{HubAgenda.prefix}:{event.pk}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place_name=event.place_name,
        latitude=event.latitude if event.latitude is not None else _commune_lat(event),
        longitude=event.longitude if event.longitude is not None else _commune_lon(event),
        url=reverse("hub:event", args=[event.pk]),
        cancelled=event.cancelled,
    )


def _commune_lat(event: Event) -> float | None:
    return event.commune.latitude if event.commune else None


def _commune_lon(event: Event) -> float | None:
    return event.commune.longitude if event.commune else None


class HubAgenda:
    prefix = "hub.event"

    def between(self, start: datetime, end: datetime) -> list[agenda.PublicEvent]:
        events = Event.objects.public().filter(starts_at__lt=end, ends_at__gt=start)
        return [_public(e) for e in events.select_related("commune")]

    def get(self, key: str) -> agenda.PublicEvent | None:
        pk = key.partition(":")[2]
        if not pk.isdigit():
            return None
        event = Event.objects.public().select_related("commune").filter(pk=int(pk)).first()
        return _public(event) if event else None


agenda.registry.register("hub.events", HubAgenda())
