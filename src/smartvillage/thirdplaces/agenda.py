"""Third places' public events in the agenda interface (core/agenda.py)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from smartvillage.core import agenda
from smartvillage.thirdplaces.models import Event


def _public(event: Event) -> agenda.PublicEvent:
    place = event.third_place
    return agenda.PublicEvent(
        key=f"{ThirdPlaceAgenda.prefix}:{event.pk}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place_name=f"{place.name}, {event.location}" if event.location else place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        url=reverse("thirdplaces:event", args=[event.pk]),
        cancelled=event.status == Event.Status.CANCELLED,
    )


class ThirdPlaceAgenda:
    prefix = "thirdplaces.event"

    def between(self, start: datetime, end: datetime) -> list[agenda.PublicEvent]:
        events = Event.objects.public().filter(starts_at__lt=end, ends_at__gt=start)
        return [_public(e) for e in events.select_related("third_place")]

    def get(self, key: str) -> agenda.PublicEvent | None:
        pk = key.partition(":")[2]
        if not pk.isdigit():
            return None
        event = Event.objects.public().select_related("third_place").filter(pk=int(pk)).first()
        return _public(event) if event else None


agenda.registry.register("thirdplaces.events", ThirdPlaceAgenda())
