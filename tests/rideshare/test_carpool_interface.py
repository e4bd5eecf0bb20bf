"""The rideshare in the carpool interface (core/carpool.py): the matching's offers, by key."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvillage.core import carpool
from smartvillage.rideshare.carpool import RideshareOffers


def test_a_journey_along_a_trip_gets_its_offer(trip, stops):
    a, b = stops["chapelle"].place, stops["villard"].place
    journey = carpool.Journey(
        (a.latitude, a.longitude), (b.latitude, b.longitude), timezone.now() + timedelta(minutes=10)
    )
    [offer] = RideshareOffers().matching_offers(journey)
    assert offer.key == f"rideshare.trip:{trip.pk}"
    assert offer.url.endswith(f"/trips/{trip.pk}/")
    assert "La Chapelle" in offer.label


def test_the_opposite_direction_gets_nothing(trip, stops):
    a, b = stops["chapelle"].place, stops["villard"].place
    journey = carpool.Journey(
        (b.latitude, b.longitude), (a.latitude, a.longitude), timezone.now() + timedelta(minutes=10)
    )
    assert RideshareOffers().matching_offers(journey) == []
