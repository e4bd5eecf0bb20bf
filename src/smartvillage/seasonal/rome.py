"""The small committed subset of the ROME (France Travail's jobs and skills referential) that
seasonal jobs and worker profiles use: job codes, and skills tied to a job code. The file
``data/rome_subset.json`` names its source and licence (Licence Ouverte 2.0)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data" / "rome_subset.json"

LANGUAGES = {
    "fr": _("French"),
    "en": _("English"),
    "it": _("Italian"),
    "de": _("German"),
    "es": _("Spanish"),
    "nl": _("Dutch"),
}

LICENCES = {
    "B": _("Driving licence B (car)"),
    "C": _("Driving licence C (truck)"),
    "D": _("Driving licence D (bus)"),
    "caces": _("CACES (machines)"),
    "psc1": _("First aid (PSC1)"),
    "bnssa": _("Lifeguard (BNSSA)"),
}


@cache
def referential() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def jobs() -> dict[str, str]:
    """ROME code → label."""
    return {j["code"]: j["label"] for j in referential()["jobs"]}


def skills() -> dict[str, str]:
    """Skill code → label."""
    return {s["code"]: s["label"] for s in referential()["skills"]}


def choices(mapping: dict[str, Any]) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in mapping.items()]


def labels(codes: Any, mapping: dict[str, Any]) -> str:
    """The labels of known codes, for display ("Français, Anglais")."""
    return ", ".join(str(mapping[c]) for c in codes or () if c in mapping)
