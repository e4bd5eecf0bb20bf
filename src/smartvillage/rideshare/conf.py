"""Rideshare settings, read with defaults (settings.py is shared: see docs/rideshare.md).

Every value can be set in settings.py; the defaults below apply otherwise.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from smartvillage.core import emissions

#: The version of the charter members accept (docs/rideshare.md has its text).
CHARTER_VERSION = "2026-1"
MIN_AGE = 16
ADULT_AGE = 18


def get(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def co2_factor() -> emissions.Factor:
    """Emission factor of the car a passenger did not drive alone (a thermal car, one
    occupant), from the platform's versioned table (core/emissions.py)."""
    return emissions.factor("car_thermal")


def card_days() -> int:
    """How long a printed card's QR code stays valid."""
    return int(get("RIDESHARE_CARD_DAYS", 365))


def max_detour() -> float:
    return float(get("RIDESHARE_MAX_DETOUR", 0.25))


def min_shared() -> float:
    return float(get("RIDESHARE_MIN_SHARED", 0.35))


def hitch_minutes() -> tuple[int, int]:
    """Default and maximum validity of "I am at stop X", minutes."""
    return int(get("RIDESHARE_HITCH_MINUTES", 20)), int(get("RIDESHARE_HITCH_MAX_MINUTES", 60))


def position_retention_days() -> int:
    return int(get("RIDESHARE_POSITION_RETENTION_DAYS", 90))


def stop_max_km() -> float:
    """A stop must lie within this distance of a commune of the territory."""
    return float(get("RIDESHARE_STOP_MAX_KM", 8.0))


def service_area() -> str:
    """Slug of the ServiceArea the network covers; empty: every commune in the database."""
    return str(get("RIDESHARE_SERVICE_AREA", ""))


# --- Notifications (docs/rideshare.md, "Notifications") ----------------------------------------


def alert_interval_minutes() -> int:
    """A driver gets at most one hitchhiker alert by email/SMS per this many minutes (others
    stay on the dashboard)."""
    return int(get("RIDESHARE_ALERT_INTERVAL_MINUTES", 15))


def alerts_per_day() -> int:
    """And at most this many hitchhiker alerts by email/SMS per 24 hours."""
    return int(get("RIDESHARE_ALERTS_PER_DAY", 6))


def site_url() -> str:
    """The site's address for links in emails and SMS ("https://smartvillage.example.org");
    empty: links are paths only."""
    return str(get("RIDESHARE_SITE_URL", get("SITE_ROOT", ""))).rstrip("/")


# --- Proof of shared rides: the carpool proof registry's rules ----------------------------------

#: The registry's minimum journey length, metres.
REGISTRY_MIN_METRES = 2000


def proof_min_metres() -> int:
    """Shorter rides are recorded but not exported as proofs. The registry refuses journeys under
    2 km, so the setting can raise the minimum, never lower it."""
    return max(REGISTRY_MIN_METRES, int(get("RIDESHARE_PROOF_MIN_METRES", REGISTRY_MIN_METRES)))


def proof_max_per_driver_day() -> int:
    """Anti-fraud cap: proofs exported per driver per (local) day; later rides are held back."""
    return int(get("RIDESHARE_PROOF_MAX_PER_DRIVER_DAY", 6))


def proof_max_per_passenger_day() -> int:
    """Anti-fraud cap: proofs exported per passenger per (local) day."""
    return int(get("RIDESHARE_PROOF_MAX_PER_PASSENGER_DAY", 4))


# --- Stops in the national carpool places schema (BNLC) -----------------------------------------


def bnlc_source() -> str:
    """The BNLC ``source`` column: who produces the data (the operator's name or SIREN)."""
    return str(get("RIDESHARE_BNLC_SOURCE", get("SITE_NAME", "Smart Village")))
