"""Addresses in the zone: a pluggable geocoder and the commune of a point.

Two geocoders share one interface (:class:`Geocoder`):

- :class:`BanGeocoder`, the French national address base (Base Adresse Nationale,
  ``https://api-adresse.data.gouv.fr/search/?q=...&limit=5``; GeoJSON answer whose features
  carry ``label``, ``city`` and ``citycode`` — the INSEE code — in their properties), chosen
  when the ``GEOCODER_URL`` setting is set; plain ``urllib`` with a timeout, and a clear
  :class:`GeocoderError` when the service cannot be reached;
- :class:`PlacesGeocoder`, the default ("no geocoder"): it only matches the territory's places
  and communes by name, with no network at all.

A point picked on a map carries no commune: :func:`commune_at` takes the commune whose centre
is nearest (we hold no commune boundaries — see docs/ondemand.md), within ``MAX_COMMUNE_KM``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from smartvillage.ondemand.dispatch import haversine_m
from smartvillage.territory.models import Commune, Place

TIMEOUT_S = 4.0
MAX_COMMUNE_KM = 12.0


@dataclass(frozen=True)
class Address:
    label: str
    latitude: float
    longitude: float
    citycode: str = ""  # INSEE code of the commune
    city: str = ""


class GeocoderError(Exception):
    """The geocoder could not answer (unreachable, timed out, unreadable answer)."""


class Geocoder(Protocol):
    def search(
        self, query: str, *, limit: int = 5, near: tuple[float, float] | None = None
    ) -> list[Address]: ...


class PlacesGeocoder:
    """No geocoder: the territory's places, then communes, whose name contains the words."""

    def search(
        self, query: str, *, limit: int = 5, near: tuple[float, float] | None = None
    ) -> list[Address]:
        words = query.split()
        if not words:
            return []
        places = Place.objects.select_related("commune")
        for word in words:
            places = places.filter(name__icontains=word)
        found = [
            Address(
                f"{p.name}, {p.commune.name}" if p.commune_id else p.name,
                p.latitude,
                p.longitude,
                p.commune.insee_code if p.commune_id else "",
                p.commune.name if p.commune_id else "",
            )
            for p in places[:limit]
        ]
        for c in Commune.objects.search(query)[: max(0, limit - len(found))]:
            found.append(Address(c.name, c.latitude, c.longitude, c.insee_code, c.name))
        return found


class BanGeocoder:
    """The Base Adresse Nationale's search API (or any server answering the same GeoJSON)."""

    def __init__(self, url: str, timeout: float = TIMEOUT_S) -> None:
        self.url = url
        self.timeout = timeout

    def search(
        self, query: str, *, limit: int = 5, near: tuple[float, float] | None = None
    ) -> list[Address]:
        if not query.strip():
            return []
        params: dict[str, Any] = {"q": query.strip()[:200], "limit": limit}
        if near is not None:  # results near the service first
            params["lat"], params["lon"] = f"{near[0]:.5f}", f"{near[1]:.5f}"
        sep = "&" if "?" in self.url else "?"
        url = f"{self.url}{sep}{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = json.load(response)
        except (OSError, ValueError) as exc:  # URLError, HTTPError, timeout, bad JSON
            raise GeocoderError(str(exc)) from exc
        try:
            return [self._address(f) for f in body.get("features", [])][:limit]
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
            raise GeocoderError(f"unexpected answer: {exc}") from exc

    @staticmethod
    def _address(feature: dict[str, Any]) -> Address:
        props = feature.get("properties") or {}
        lon, lat = feature["geometry"]["coordinates"][:2]
        return Address(
            str(props.get("label") or props.get("name") or ""),
            float(lat),
            float(lon),
            str(props.get("citycode") or ""),
            str(props.get("city") or ""),
        )


def geocoder() -> Geocoder:
    """The BAN geocoder when ``GEOCODER_URL`` is set, else the places-only default."""
    url = getattr(settings, "GEOCODER_URL", "")
    return BanGeocoder(url) if url else PlacesGeocoder()


def unreachable_message() -> str:
    return _(
        "The address search is unavailable at the moment: choose a stop or a place, or pick "
        "the point on the map."
    )


def commune_of(address: Address) -> Commune | None:
    if address.citycode:
        found = Commune.objects.filter(insee_code=address.citycode).first()
        if found is not None:
            return found
    return commune_at(address.latitude, address.longitude)


def commune_at(latitude: float, longitude: float) -> Commune | None:
    """The commune whose centre is nearest the point (within ``MAX_COMMUNE_KM``), or None."""
    box = 0.2  # degrees: about 15-22 km here, more than MAX_COMMUNE_KM
    candidates = Commune.objects.filter(
        latitude__range=(latitude - box, latitude + box),
        longitude__range=(longitude - box, longitude + box),
    )
    best, best_m = None, MAX_COMMUNE_KM * 1000
    for commune in candidates:
        metres = haversine_m((latitude, longitude), (commune.latitude, commune.longitude))
        if metres <= best_m:
            best, best_m = commune, metres
    return best
