"""The carpool network in the carpool interface (core/carpool.py): drivers' offers matching a
journey, found by the rideshare matching (``matching.find_offers``)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone

from smartvillage.core import carpool
from smartvillage.rideshare import matching


class RideshareOffers:
    def matching_offers(self, journey: carpool.Journey, limit: int = 5) -> list[carpool.Offer]:
        found = matching.find_offers(
            None, journey.origin, journey.destination, journey.departure_at,
            flex=timedelta(minutes=journey.flex_minutes), seats=journey.seats,
        )  # fmt: skip
        offers = []
        for m in sorted(found, key=lambda m: m.pickup)[:limit]:
            when = formats.time_format(timezone.localtime(m.pickup), "H:i")
            offers.append(
                carpool.Offer(
                    key=f"rideshare.trip:{m.trip.pk}",
                    label=f"{m.trip.origin_label} → {m.trip.destination_label}, {when}",
                    departure_at=m.departure,
                    seats=m.trip.seats,
                    url=reverse("rideshare:trip", args=[m.trip.pk]),
                )
            )
        return offers


carpool.registry.register("rideshare.offers", RideshareOffers())
